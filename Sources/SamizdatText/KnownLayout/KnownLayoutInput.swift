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
    /// Note markers the markup names, by line: each at a byte offset into `bytes`.
    var linkedMarkers: [Int: [LinkedMarker]] = [:]
    /// Note lines that open a note the markup names, by line.
    var noteStarts: [Int: LaidOutLine.NoteStart] = [:]
    /// Every line's `LaidOutLine.blockQuotation`.
    var quotations: [Bool?] = []
    /// Whether any line says whether it is a block quotation.
    var quotationsAreKnown = false

    /// A marker of `LaidOutLine.noteMarkers` placed in the joined bytes.
    struct LinkedMarker {
        var offset: Int
        var label: String
        var note: String
    }

    /// Notes are linked by the markup's keys, not by labels read from the text.
    var notesAreLinked: Bool { !linkedMarkers.isEmpty || !noteStarts.isEmpty }

    init(pages: [LaidOutPage]) {
        var first = true
        for (pageIndex, page) in pages.enumerated() {
            for line in page.lines {
                if !first { bytes.append(TextBytes.newline) }
                first = false
                let text = KnownLayoutInput.oneLine(line.text)
                let lineStart = bytes.count
                bytes.append(contentsOf: text.utf8)
                let blank = !text.utf8.contains { $0 != TextBytes.space && $0 != TextBytes.tab }
                let lineNumber = roles.count
                if !line.noteMarkers.isEmpty {
                    linkedMarkers[lineNumber] = line.noteMarkers.map { marker in
                        LinkedMarker(
                            offset: lineStart + KnownLayoutInput.normalizedOffset(marker.offset, in: line.text),
                            label: marker.label,
                            note: marker.note
                        )
                    }
                }
                if let start = line.noteStart { noteStarts[lineNumber] = start }
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
                quotations.append(line.blockQuotation)
                if line.blockQuotation != nil { quotationsAreKnown = true }
            }
        }
    }

    /// Where a UTF-8 offset into a line's text falls once the line is normalised.
    static func normalizedOffset(_ offset: Int, in text: String) -> Int {
        let utf8 = Array(text.utf8)
        let clamped = max(0, min(offset, utf8.count))
        let prefix = String(decoding: utf8[0..<clamped], as: UTF8.self)
        return oneLine(prefix).utf8.count
    }

    /// The line normalised (NFC, no control characters) with no line break left inside it.
    static func oneLine(_ text: String) -> String {
        let normal = Normalizer.normalize(text)
        guard normal.utf8.contains(where: { $0 == TextBytes.newline || $0 == TextBytes.tab }) else { return normal }
        return String(String.UnicodeScalarView(normal.unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
    }
}
