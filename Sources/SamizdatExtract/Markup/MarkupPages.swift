import SamizdatText

/// Laid-out pages built from markup as it is walked: paragraphs one line each (split where a
/// page breaks inside them), headings, notes named by their keys, and page breaks with their
/// printed labels. Text before the first page break sits on a page with no label: nothing is
/// invented where the document gives no page.
struct MarkupPages {
    private var pages: [LaidOutPage] = [LaidOutPage(label: "", lines: [])]
    private var text = ""
    private var markers: [LaidOutLine.NoteMarker] = []
    private var paragraphOpen = false
    private var pieceStartsParagraph = true
    private var quotation = false

    /// A new printed page begins here; a paragraph open across the break goes on on the new page.
    mutating func pageBreak(label: String) {
        flushPiece()
        pages.append(LaidOutPage(label: label, lines: []))
    }

    mutating func heading(level: Int, text heading: String) {
        closeParagraph()
        let title = MarkupPages.collapsed(heading)
        guard !title.isEmpty else { return }
        append(LaidOutLine(text: title, role: .heading(level: max(1, min(level, 6))), startsParagraph: true))
    }

    /// Opens a paragraph (closing one left open); `quotation` for a block quotation.
    mutating func openParagraph(quotation isQuotation: Bool) {
        closeParagraph()
        paragraphOpen = true
        pieceStartsParagraph = true
        quotation = isQuotation
    }

    var isParagraphOpen: Bool { paragraphOpen }

    /// Running text of the open paragraph, its white space collapsed.
    mutating func append(text run: String) {
        for scalar in run.unicodeScalars {
            if MarkupPages.isSpace(scalar) {
                if !text.isEmpty, text.unicodeScalars.last.map(MarkupPages.isSpace) == false { text.unicodeScalars.append(" ") }
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
    }

    /// A note marker at the current place of the open paragraph.
    mutating func marker(label: String, note: String) {
        markers.append(LaidOutLine.NoteMarker(offset: text.utf8.count, label: label, note: note))
    }

    mutating func closeParagraph() {
        flushPiece()
        paragraphOpen = false
        pieceStartsParagraph = true
    }

    /// A note's text, printed here, opening the note `key`.
    mutating func note(key: String, label: String, text noteText: String) {
        closeParagraph()
        let body = MarkupPages.collapsed(noteText)
        append(
            LaidOutLine(text: body, role: .note, startsParagraph: true, noteStart: LaidOutLine.NoteStart(key: key, label: label))
        )
    }

    /// The pages that hold text.
    mutating func finish() -> [LaidOutPage] {
        closeParagraph()
        return pages.filter { !$0.lines.isEmpty }
    }

    private mutating func flushPiece() {
        while text.unicodeScalars.last.map(MarkupPages.isSpace) == true { text.unicodeScalars.removeLast() }
        guard !text.isEmpty || !markers.isEmpty else { return }
        append(
            LaidOutLine(
                text: text,
                role: .body,
                startsParagraph: pieceStartsParagraph,
                noteMarkers: markers,
                blockQuotation: pieceStartsParagraph ? quotation : nil
            )
        )
        text = ""
        markers = []
        pieceStartsParagraph = false
    }

    private mutating func append(_ line: LaidOutLine) {
        pages[pages.count - 1].lines.append(line)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}"
    }

    /// Text with its white space collapsed and trimmed.
    static func collapsed(_ text: String) -> String {
        var pages = MarkupPages()
        pages.append(text: text)
        var result = pages.text
        while result.unicodeScalars.last.map(isSpace) == true { result.unicodeScalars.removeLast() }
        return result
    }
}
