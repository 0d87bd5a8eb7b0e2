import Foundation
import SamizdatCorpus
import SamizdatModel
import Testing

@testable import SamizdatText

/// Precision and recall against the ground truth of generated corpora (books, articles, blogs).
struct GeneratedCorpusTests {
    static let threshold = 0.98

    /// Segments a generated corpus and scores it; heading recall leaves out truth headings that are
    /// the document's own title, which `Scorer` documents as "neither found nor missed".
    static func score(seed: UInt64, megabytes: Double) throws -> (SegmentationScore, headingRecall: Double) {
        var total = SegmentationScore()
        var titleHeadings = 0
        for g in CorpusGenerator(seed: seed, megabytes: megabytes) {
            let doc = try Segmenter().segment(Document(id: g.name, version: 1, contentHash: "", metadata: .init(), text: g.text))
            total = total + Scorer.score(doc, truth: g.truth)
            let title = Scorer.words(g.truth.title)
            titleHeadings += g.truth.headings.filter { !title.isEmpty && Scorer.words($0.title) == title }.count
        }
        let h = total.headings
        return (total, Double(h.matched) / Double(max(1, h.truth - titleHeadings)))
    }

    static func check(_ s: SegmentationScore, headingRecall: Double) {
        for (name, c) in s.categories where name != "notes" {
            #expect(c.precision >= threshold, "\(name) precision \(c.precision) (\(c.matched)/\(c.found))")
            if name == "headings" {
                #expect(headingRecall >= threshold, "headings recall \(headingRecall)")
            } else {
                #expect(c.recall >= threshold, "\(name) recall \(c.recall) (\(c.matched)/\(c.truth))")
            }
        }
        #expect(s.notes.recall >= threshold && s.notes.precision >= threshold)
    }

    @Test func smallCorpusMeetsTheBar() throws {
        let (s, hr) = try Self.score(seed: 7, megabytes: 1.5)
        #expect(s.documents >= 10)
        #expect(s.artifacts.truth > 0 && s.noteLinks.truth > 0 && s.citations.truth > 0 && s.pageLabels.truth > 0)
        Self.check(s, headingRecall: hr)
    }

    @Test func secondSeedMeetsTheBar() throws {
        let (s, hr) = try Self.score(seed: 42, megabytes: 1.5)
        Self.check(s, headingRecall: hr)
    }
}
