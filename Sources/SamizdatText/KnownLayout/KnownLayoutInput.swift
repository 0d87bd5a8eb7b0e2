import SamizdatModel

/// Laid-out pages turned into what the segmentation stages read: one byte string of lines, and for
/// every line its role, page, heading level and whether it starts a paragraph.
struct KnownLayoutInput {
    var bytes: [UInt8] = []
    var roles: [LineRole] = []
    var pageOfLine: [Int32] = []
    var starts: [Bool] = []
    var headingLevels: [Int?] = []
    var artifacts: [Artifact] = []

    init(pages: [LaidOutPage]) {
        var first = true
        for (pageIndex, page) in pages.enumerated() {
            for line in page.lines {
                if !first { bytes.append(TextBytes.newline) }
                first = false
                let text = KnownLayoutInput.oneLine(line.text)
                bytes.append(contentsOf: text.utf8)
                let blank = !text.utf8.contains { $0 != TextBytes.space && $0 != TextBytes.tab }
                let lineNumber = roles.count
                var level: Int? = nil
                switch line.role {
                case .body:
                    roles.append(blank ? .blank : .body)
                case .heading(let headingLevel):
                    roles.append(blank ? .blank : .heading)
                    level = blank ? nil : max(1, headingLevel)
                case .note:
                    roles.append(blank ? .blank : .note)
                case .artifact(let kind):
                    roles.append(.artifact)
                    artifacts.append(Artifact(kind: kind, line: lineNumber, text: text))
                }
                pageOfLine.append(Int32(pageIndex))
                starts.append(line.startsParagraph)
                headingLevels.append(level)
            }
        }
    }

    /// The line normalised (NFC, no control characters) with no line break left inside it.
    static func oneLine(_ text: String) -> String {
        let normal = Normalizer.normalize(text)
        guard normal.utf8.contains(where: { $0 == TextBytes.newline || $0 == TextBytes.tab }) else { return normal }
        return String(String.UnicodeScalarView(normal.unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
    }
}
