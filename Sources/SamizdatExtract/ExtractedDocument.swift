import SamizdatModel
import SamizdatText

/// What extraction found in a document: its pages with their labels and laid-out lines, ready for
/// `Segmenter.segment(pages:…)`.
public struct ExtractedDocument: Sendable {
    public var format: DocumentFormat
    public var pages: [LaidOutPage]

    public init(format: DocumentFormat, pages: [LaidOutPage]) {
        self.format = format
        self.pages = pages
    }

    /// How many lines of each role extraction assigned, for people and benchmarks.
    public var lineCounts: (body: Int, headings: Int, notes: Int, artifacts: Int) {
        var counts = (body: 0, headings: 0, notes: 0, artifacts: 0)
        for page in pages {
            for line in page.lines {
                switch line.role {
                case .body: counts.body += 1
                case .heading: counts.headings += 1
                case .note: counts.notes += 1
                case .artifact: counts.artifacts += 1
                }
            }
        }
        return counts
    }
}
