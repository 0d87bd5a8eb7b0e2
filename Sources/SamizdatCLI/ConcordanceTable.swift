import SamizdatModel
import SamizdatReports

/// Concordance lines as people read them on a terminal, and as CSV.
enum ConcordanceTable {
    /// One line: the left context right-aligned in `width` columns and cut at a word, the node
    /// between brackets (and bold on a terminal) so that it stands in one column, then the right
    /// context cut at a word. Spaces and punctuation stay as printed.
    static func render(_ line: ConcordanceLine, width: Int, bold: (String) -> String) -> String {
        let left = wholeWords(line.left, keepingEnd: true, width: width)
        let right = wholeWords(line.right, keepingEnd: false, width: width)
        let padding = String(repeating: " ", count: max(0, width - left.count))
        return padding + left + "[" + bold(line.match) + "]" + right
    }

    /// At most `width` characters of `text`, cut at a space so that no word is cut: its end when
    /// `keepingEnd` (a left context), else its start.
    static func wholeWords(_ text: String, keepingEnd: Bool, width: Int) -> String {
        guard text.count > width else {
            return text
        }
        if keepingEnd {
            let tail = String(text.suffix(width))
            guard let space = tail.firstIndex(of: " ") else {
                return ""
            }
            return String(tail[space...])
        }
        let head = String(text.prefix(width))
        guard let space = head.lastIndex(of: " ") else {
            return ""
        }
        return String(head[..<space])
    }

    /// Where the line stands: file, chapter, printed page (and the note for a line in a note).
    static func location(_ line: ConcordanceLine) -> String {
        var parts: [String] = [line.source.isEmpty ? line.title : line.source]
        if let chapter = line.chapter ?? line.section {
            parts.append(chapter)
        }
        if let note = line.note {
            parts.append("note \(note.label)" + (line.page.flatMap { $0.isEmpty ? nil : " (p. \($0))" } ?? ""))
        } else if let page = line.page, !page.isEmpty {
            parts.append("p. \(page)")
        }
        return parts.joined(separator: " · ")
    }

    static func csv(_ response: KWICResponse) -> CSVTable {
        var table = CSVTable(header: [
            "document_id", "title", "source", "chapter", "section", "page", "paragraph", "sentence", "note", "left", "node", "right",
            "start", "end",
        ])
        for line in response.lines {
            table.append([
                line.documentID, line.title, line.source, line.chapter ?? "", line.section ?? "", line.page ?? "",
                String(line.paragraph), line.sentence.map(String.init) ?? "", line.note?.label ?? "", line.left, line.match,
                line.right, String(line.start), String(line.end),
            ])
        }
        return table
    }
}
