import SamizdatModel
import SamizdatReports

/// A document's paragraphs as HTML: printed page numbers where each page starts
/// (`<span id="p-205" class="page">205</span>`), note markers as superscript links to their notes
/// (`#note-3`, each marker `#marker-3` for the way back), citations as links to their first
/// author in the citation index (`<a class="citation" href="/citations?author=…">`). Text is
/// escaped; offsets are UTF-8 bytes of the clean text, as `DocumentView` gives them.
struct ReaderMarkup: Sendable {
    /// Something placed inside a paragraph at a byte offset of the clean text.
    enum Insertion: Sendable {
        case page(anchor: String, label: String)
        case note(number: Int, label: String)
        case citationStart(href: String, title: String)
        case citationEnd

        /// At one offset a citation closes before anything else opens.
        var rank: Int {
            if case .citationEnd = self {
                return 0
            }
            return 1
        }
    }

    /// HTML of each paragraph, by paragraph index.
    var paragraphs: [String]
    /// The anchor of each page, in page order (nil for pages without a label).
    var pageAnchors: [String?]

    init(_ view: DocumentView) {
        pageAnchors = Self.anchors(view.pages)
        var insertions = Array(repeating: [(offset: Int, insertion: Insertion)](), count: view.paragraphs.count)
        let starts = view.paragraphs.map(\.start)
        for (position, page) in view.pages.enumerated() {
            guard let anchor = pageAnchors[position] else {
                continue
            }
            guard let paragraph = Self.paragraph(holding: page.start, in: view.paragraphs, starts: starts) else {
                continue
            }
            let offset = max(page.start, view.paragraphs[paragraph].start)
            insertions[paragraph].append((offset, .page(anchor: anchor, label: page.label)))
        }
        for (position, note) in view.notes.enumerated() {
            guard let marker = note.marker,
                let paragraph = Self.paragraph(holding: marker, in: view.paragraphs, starts: starts, endInclusive: true)
            else {
                continue
            }
            insertions[paragraph].append((marker, .note(number: position + 1, label: note.label)))
        }
        let markers = view.notes.compactMap(\.marker)
        var linkedUpTo = 0
        for citation in (view.citations ?? []).sorted(by: { $0.start < $1.start }) {
            guard citation.start >= linkedUpTo, let author = citation.authors.first, citation.end > citation.start,
                let paragraph = Self.paragraph(holding: citation.start, in: view.paragraphs, starts: starts),
                citation.start >= view.paragraphs[paragraph].start, citation.end <= view.paragraphs[paragraph].end,
                !markers.contains(where: { $0 > citation.start && $0 < citation.end })
            else {
                // (a note marker inside a citation would put a link in a link: the citation stays plain)
                continue
            }
            let href = "/citations" + Figures.query([("author", author)])
            let title = "Cited: " + citation.authors.joined(separator: ", ") + (citation.year.map { " \($0)" } ?? "") + " — in the citation index"
            insertions[paragraph].append((citation.start, .citationStart(href: href, title: title)))
            insertions[paragraph].append((citation.end, .citationEnd))
            linkedUpTo = citation.end
        }
        paragraphs = view.paragraphs.enumerated().map { position, paragraph in
            Self.markup(paragraph, insertions[position])
        }
    }

    /// "p-205"; a label printed twice gets "p-205-2" the second time; characters an id
    /// cannot hold become "_".
    static func anchors(_ pages: [PageSpan]) -> [String?] {
        var seen: [String: Int] = [:]
        return pages.map { page in
            guard !page.label.isEmpty else {
                return nil
            }
            let cleaned = String(
                page.label.map { character in
                    character.isASCII && (character.isLetter || character.isNumber) ? character : "_"
                }
            )
            let count = (seen[cleaned] ?? 0) + 1
            seen[cleaned] = count
            return count == 1 ? "p-\(cleaned)" : "p-\(cleaned)-\(count)"
        }
    }

    /// The first paragraph ending after `offset` (so a page starting between paragraphs goes to the next one).
    static func paragraph(holding offset: Int, in paragraphs: [ParagraphView], starts: [Int], endInclusive: Bool = false) -> Int? {
        var low = 0
        var high = paragraphs.count
        while low < high {
            let middle = (low + high) / 2
            let end = paragraphs[middle].end
            if endInclusive ? end < offset : end <= offset {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < paragraphs.count ? low : nil
    }

    static func markup(_ paragraph: ParagraphView, _ insertions: [(offset: Int, insertion: Insertion)]) -> String {
        let bytes = Array(paragraph.text.utf8)
        var out = ""
        var position = 0
        let ordered = insertions.enumerated().sorted { first, second in
            if first.element.offset != second.element.offset {
                return first.element.offset < second.element.offset
            }
            if first.element.insertion.rank != second.element.insertion.rank {
                return first.element.insertion.rank < second.element.insertion.rank
            }
            return first.offset < second.offset
        }
        for (_, entry) in ordered {
            let target = boundary(in: bytes, at: min(max(entry.offset - paragraph.start, position), bytes.count))
            out += HTMLPage.escape(String(decoding: bytes[position..<target], as: UTF8.self))
            position = target
            switch entry.insertion {
            case .page(let anchor, let label):
                out += "<span id=\"\(anchor)\" class=\"page\" title=\"page \(HTMLPage.escape(label))\">\(HTMLPage.escape(label))</span>"
            case .note(let number, let label):
                out += "<sup class=\"note-marker\"><a id=\"marker-\(number)\" href=\"#note-\(number)\" data-note=\"\(number)\""
                out += " aria-describedby=\"note-\(number)\">\(HTMLPage.escape(label))</a></sup>"
            case .citationStart(let href, let title):
                out += "<a class=\"citation\" href=\"\(HTMLPage.escape(href))\" title=\"\(HTMLPage.escape(title))\">"
            case .citationEnd:
                out += "</a>"
            }
        }
        out += HTMLPage.escape(String(decoding: bytes[position...], as: UTF8.self))
        return out
    }

    /// `offset`, moved forward off the middle of a UTF-8 sequence.
    static func boundary(in bytes: [UInt8], at offset: Int) -> Int {
        var index = offset
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 {
            index += 1
        }
        return index
    }
}
