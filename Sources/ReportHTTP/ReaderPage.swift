import SamizdatModel
import SamizdatReports

/// The reader: a document's clean text with its heading tree as a table of contents, printed
/// page numbers in the margin, note markers linked to their notes and back, block quotations set
/// apart, and a search within the document.
struct ReaderPage: Sendable {
    struct ContentsEntry: Sendable {
        var title: String
        var level: Int
        var href: String
        var page: String?
    }

    struct Paragraph: Sendable {
        var index: Int
        var element: String
        var kind: String
        var markup: String
    }

    struct NoteEntry: Sendable {
        var number: Int
        var label: String
        var text: String
        var page: String?
        var hasMarker: Bool
    }

    var chrome: Chrome
    var documentID: String
    var title: String
    var author: String
    var source: String?
    /// The link to the file the document came as, when its source names a PDF, EPUB or web page.
    var originalHref: String?
    var pages: String
    var words: String
    var contents: [ContentsEntry]
    var hasContents: Bool
    var paragraphs: [Paragraph]
    /// The text's paragraphs as HTML (their markup is built and escaped by `ReaderMarkup`): a
    /// template section per paragraph cost a reflection lookup per attribute, 721 times for 001.
    var paragraphsHTML: String
    var notes: [NoteEntry]
    var hasNotes: Bool
    var firstPage: String?
    var lastPage: String?
    var jsonHref: String
    var keywordsHref: String
    var citationsHref: String
    var termAction: String

    init(_ view: DocumentView) {
        let summary = view.summary
        let displayTitle = summary.title.isEmpty ? summary.id : summary.title
        chrome = Chrome(title: displayTitle, isReader: true)
        documentID = summary.id
        title = displayTitle
        author = summary.author
        source = summary.source.isEmpty ? nil : summary.source
        let sourceExtension = summary.source.contains(".") ? summary.source.split(separator: ".").last.map(String.init) ?? "" : ""
        let cameAsFile = DocumentFormat(fileExtension: sourceExtension)?.isBinary == true
        originalHref = cameAsFile ? "/documents/" + Figures.path(summary.id) + "/original" : nil
        pages = Figures.grouped(summary.pages)
        words = Figures.grouped(summary.tokens)
        let markup = ReaderMarkup(view)
        let starts = view.paragraphs.map(\.start)
        contents = view.sections.map { section in
            let position = ReaderMarkup.paragraph(holding: section.start, in: view.paragraphs, starts: starts)
            let anchor = position.map { "#para-\(view.paragraphs[$0].index)" } ?? "#top"
            return ContentsEntry(
                title: section.title,
                level: min(max(section.level, 1), 6),
                href: anchor,
                page: section.page.flatMap { $0.isEmpty ? nil : $0 }
            )
        }
        hasContents = !contents.isEmpty
        paragraphs = view.paragraphs.enumerated().map { position, paragraph in
            let element: String
            switch paragraph.kind {
            case .heading:
                let level = paragraph.section.flatMap { view.sections.indices.contains($0) ? view.sections[$0].level : nil } ?? 1
                element = "h\(min(level + 1, 6))"
            case .blockQuote:
                element = "blockquote"
            case .body, .note:
                // (a document's view lists its notes apart, never as paragraphs)
                element = "p"
            }
            return Paragraph(index: paragraph.index, element: element, kind: paragraph.kind.rawValue, markup: markup.paragraphs[position])
        }
        notes = view.notes.enumerated().map { position, note in
            NoteEntry(
                number: position + 1,
                label: note.label,
                text: note.text,
                page: note.page.flatMap { $0.isEmpty ? nil : $0 },
                hasMarker: note.marker != nil
            )
        }
        paragraphsHTML = Self.html(paragraphs)
        hasNotes = !notes.isEmpty
        let labels = view.pages.map(\.label).filter { !$0.isEmpty }
        firstPage = labels.first
        lastPage = labels.last
        jsonHref = "/api/documents/" + Figures.path(summary.id)
        keywordsHref = "/keywords" + Figures.query([("doc", summary.id)])
        citationsHref = "/citations" + Figures.query([("doc", summary.id)])
        termAction = "/term"
    }

    /// `<p id="para-12" class="body">…</p>` per paragraph (a heading's element `h2`…`h6`, a block
    /// quotation's `blockquote`), one a line.
    static func html(_ paragraphs: [Paragraph]) -> String {
        var out = ""
        out.reserveCapacity(paragraphs.reduce(0) { $0 + $1.markup.utf8.count + 40 })
        for paragraph in paragraphs {
            out += "<\(paragraph.element) id=\"para-\(paragraph.index)\" class=\"\(HTMLPage.escape(paragraph.kind))\">"
            out += paragraph.markup
            out += "</\(paragraph.element)>\n"
        }
        return out
    }
}
