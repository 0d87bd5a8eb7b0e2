import Foundation

/// A book written as an EPUB 3 from the generator's prose, with the answers extraction must find:
/// a preface on roman pages, chapters (each its own content document, its title set over two
/// lines, "Chapter N" above it) with section headings and a block quotation, footnotes in odd
/// chapters (`<aside epub:type="footnote">` after their paragraph) and endnotes for even ones (in
/// a notes document at the back, `epub:type="endnote"`), each called by an `epub:type="noteref"`
/// link and linking back. Printed pages run about 180 words and break wherever they fall, inside
/// paragraphs too; how they are marked is `PageMarking`.
public struct EPUBBook: Sendable {
    /// How the printed pages are given.
    public enum PageMarking: String, Sendable, CaseIterable {
        /// `pagebreak` markers with no label of their own, labelled by the navigation document's `page-list`.
        case pageList
        /// `pagebreak` markers with no label of their own, labelled by an EPUB 2 NCX's `pageList`.
        case ncxPageList
        /// `pagebreak` markers labelled by their `title`, no page list.
        case pageBreakMarkers
        /// No printed pages at all.
        case none
    }

    /// One paragraph as the reader should get it back: its words (markers out) and the label of
    /// the page it starts on ("" when the book gives no pages).
    public struct ParagraphTruth: Sendable {
        public var text: String
        public var page: String
        public var blockQuotation: Bool
    }

    /// One note: its label, text, the word its marker follows, and the page its text is printed on.
    public struct NoteTruth: Sendable {
        public var label: String
        public var text: String
        public var anchor: String
        public var page: String
        public var isEndnote: Bool
    }

    public var epub: [UInt8]
    public var title: String
    public var pageLabels: [String]
    public var paragraphs: [ParagraphTruth]
    /// In the order their texts are printed (footnotes in their chapters, then the endnotes).
    public var notes: [NoteTruth]
    /// Every heading as a reader gives it: the chapter's title (not "Chapter N"), a section's.
    public var headings: [String]

    /// A book of `chapters` chapters of `paragraphsPerChapter` paragraphs, deterministic for `seed`.
    public static func make(
        seed: UInt64,
        chapters: Int = 4,
        paragraphsPerChapter: Int = 10,
        pages: PageMarking = .pageList
    ) throws -> EPUBBook {
        var builder = EPUBBookBuilder(seed: seed, marking: pages)
        builder.write(chapters: chapters, paragraphsPerChapter: paragraphsPerChapter)
        return try builder.finish()
    }
}

/// Writes a generated book's content documents (see `EPUBBook`).
struct EPUBBookBuilder {
    static let wordsPerPage = 180

    struct PendingNote {
        var id: String
        var markerId: String
        var file: String
        var label: String
        var text: String
        var anchor: String
    }

    var rng: SplitMix64
    var writer: ProseWriter
    let marking: EPUBBook.PageMarking
    var title: String
    var documents: [(file: String, body: String)] = []
    var body = ""
    var file = ""
    var labels: [String] = []
    var roman = true
    var romanCount = 0
    var wordsOnPage = 0
    var truthParagraphs: [EPUBBook.ParagraphTruth] = []
    var truthNotes: [EPUBBook.NoteTruth] = []
    var endnotes: [PendingNote] = []
    var headings: [String] = []

    init(seed: UInt64, marking: EPUBBook.PageMarking) {
        rng = SplitMix64(seed: seed)
        writer = ProseWriter(
            lexicon: Lexicon.standard,
            rng: SplitMix64(seed: rng.next()),
            markerStyle: .glued,
            citationStyle: .book,
            noteRate: 0.15,
            citationRate: 0.1
        )
        self.marking = marking
        title = writer.titleWords(3).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    var currentLabel: String { marking == .none ? "" : (labels.last ?? "") }

    mutating func write(chapters: Int, paragraphsPerChapter: Int) {
        startDocument("preface.xhtml")
        pageBreak()
        body += "<section epub:type=\"preface\">\n<h1>Preface</h1>\n"
        headings.append("Preface")
        for _ in 0..<3 { paragraph(chapter: 0, quotation: false) }
        body += "</section>\n"
        roman = false
        romanCount = labels.count
        for chapter in 1...chapters {
            startDocument("chapter-\(chapter).xhtml")
            writer.nextNoteNumber = 1
            let chapterTitle = writer.titleWords(rng.int(2...4)).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            body += "<section epub:type=\"chapter\">\n"
            if chapter % 2 == 0 {
                body += "<h1>\(pageBreakMarkup())Chapter \(chapter)<br/>\(EPUBBookBuilder.escaped(chapterTitle))</h1>\n"
            } else {
                pageBreak()
                body += "<h1>Chapter \(chapter)<br/>\(EPUBBookBuilder.escaped(chapterTitle))</h1>\n"
            }
            headings.append(chapterTitle)
            for index in 0..<paragraphsPerChapter {
                if index > 0, index % 5 == 0 {
                    let section = writer.titleWords(rng.int(2...3)).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
                    body += "<h2>\(EPUBBookBuilder.escaped(section))</h2>\n"
                    headings.append(section)
                }
                paragraph(chapter: chapter, quotation: index == 3)
            }
            body += "</section>\n"
        }
        writeEndnotes()
    }

    // MARK: - Pages

    var nextLabel: String { roman ? PDFRoman.text(labels.count + 1) : String(labels.count - romanCount + 1) }

    /// A new printed page: its marker in the body, recorded as the current page.
    mutating func pageBreak() {
        body += pageBreakMarkup()
    }

    mutating func pageBreakMarkup() -> String {
        guard marking != .none else { return "" }
        let label = nextLabel
        labels.append(label)
        wordsOnPage = 0
        let id = "page-\(labels.count)"
        switch marking {
        case .pageList, .ncxPageList: return "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"\(id)\"></span>"
        case .pageBreakMarkers: return "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"\(id)\" title=\"\(label)\"/>"
        case .none: return ""
        }
    }

    mutating func startDocument(_ name: String) {
        if !file.isEmpty { documents.append((file, body)) }
        file = name
        body = ""
    }

    // MARK: - Paragraphs

    mutating func paragraph(chapter: Int, quotation: Bool) {
        let tokens = writer.paragraph(sentences: rng.int(2...5), notesAllowed: chapter > 0 && !quotation)
        var markup = ""
        var words: [String] = []
        var pageAtStart: String? = nil
        var footnotes: [PendingNote] = []
        for token in tokens {
            let parts = token.text.split(separator: " ")
            for (index, part) in parts.enumerated() {
                var text = String(part)
                var marker: String? = nil
                if let found = token.marker, index == parts.count - 1, text.hasSuffix(found.label) {
                    text = String(text.dropLast(found.label.count))
                    marker = found.label
                }
                if wordsOnPage >= EPUBBookBuilder.wordsPerPage, marking != .none {
                    if words.isEmpty {
                        body += pageBreakMarkup() + "\n"
                    } else {
                        markup += pageBreakMarkup()
                    }
                }
                if pageAtStart == nil { pageAtStart = currentLabel }
                if !words.isEmpty { markup += " " }
                markup += EPUBBookBuilder.escaped(text)
                words.append(text)
                wordsOnPage += 1
                if let marker, let noteIndex = token.marker?.note {
                    let isEndnote = chapter % 2 == 0
                    let id = isEndnote ? "en-\(chapter)-\(marker)" : "fn-\(chapter)-\(marker)"
                    let markerId = "ref-\(chapter)-\(marker)"
                    let target = isEndnote ? "notes.xhtml#\(id)" : "#\(id)"
                    let link = "<a epub:type=\"noteref\" role=\"doc-noteref\" id=\"\(markerId)\" href=\"\(target)\">\(marker)</a>"
                    markup += chapter % 3 == 0 ? "<sup>\(link)</sup>" : link
                    let note = PendingNote(
                        id: id,
                        markerId: markerId,
                        file: file,
                        label: marker,
                        text: writer.notes[noteIndex].text,
                        anchor: text
                    )
                    if isEndnote { endnotes.append(note) } else { footnotes.append(note) }
                }
            }
        }
        let paragraphMarkup = "<p>\(markup)</p>"
        body += quotation ? "<blockquote>\(paragraphMarkup)</blockquote>\n" : paragraphMarkup + "\n"
        truthParagraphs.append(
            EPUBBook.ParagraphTruth(text: words.joined(separator: " "), page: pageAtStart ?? currentLabel, blockQuotation: quotation)
        )
        for note in footnotes {
            body += "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"\(note.id)\"><p>"
            body += "<a epub:type=\"backlink\" role=\"doc-backlink\" href=\"#\(note.markerId)\">\(note.label)</a> "
            body += "\(EPUBBookBuilder.escaped(note.text))</p></aside>\n"
            truthNotes.append(EPUBBook.NoteTruth(label: note.label, text: note.text, anchor: note.anchor, page: currentLabel, isEndnote: false))
        }
    }

    mutating func writeEndnotes() {
        startDocument("notes.xhtml")
        pageBreak()
        body += "<section epub:type=\"endnotes\" role=\"doc-endnotes\">\n<h1>Notes</h1>\n<ol>\n"
        headings.append("Notes")
        for note in endnotes {
            let words = note.text.split(separator: " ").count
            if wordsOnPage + words > EPUBBookBuilder.wordsPerPage, marking != .none {
                body += "<li class=\"break\">\(pageBreakMarkup())</li>\n"
            }
            body += "<li epub:type=\"endnote\" role=\"doc-endnote\" id=\"\(note.id)\"><p>\(EPUBBookBuilder.escaped(note.text)) "
            body += "<a epub:type=\"backlink\" role=\"doc-backlink\" href=\"\(note.file)#\(note.markerId)\">↩</a></p></li>\n"
            wordsOnPage += words
            truthNotes.append(EPUBBook.NoteTruth(label: note.label, text: note.text, anchor: note.anchor, page: currentLabel, isEndnote: true))
        }
        body += "</ol>\n</section>\n"
        documents.append((file, body))
        file = ""
    }

    // MARK: - The container

    func finish() throws -> EPUBBook {
        var entries: [(path: String, bytes: [UInt8])] = []
        let container = """
            <?xml version="1.0" encoding="UTF-8"?>
            <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
              <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
            </container>
            """
        entries.append(("META-INF/container.xml", Array(container.utf8)))
        var manifest = "    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
        var spine = ""
        if marking == .ncxPageList {
            manifest += "    <item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n"
            entries.append(("OEBPS/toc.ncx", Array(ncx().utf8)))
        }
        for (index, document) in documents.enumerated() {
            manifest += "    <item id=\"doc\(index)\" href=\"text/\(document.file)\" media-type=\"application/xhtml+xml\"/>\n"
            spine += "    <itemref idref=\"doc\(index)\"\(document.file == "notes.xhtml" ? " linear=\"no\"" : "")/>\n"
        }
        let package = """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
              <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:identifier id="id">urn:samizdat:generated</dc:identifier>
                <dc:title>\(EPUBBookBuilder.escaped(title))</dc:title>
                <dc:language>en</dc:language>
              </metadata>
              <manifest>
            \(manifest)  </manifest>
              <spine\(marking == .ncxPageList ? " toc=\"ncx\"" : "")>
            \(spine)  </spine>
            </package>
            """
        entries.append(("OEBPS/content.opf", Array(package.utf8)))
        entries.append(("OEBPS/nav.xhtml", Array(navigation().utf8)))
        for document in documents {
            entries.append(("OEBPS/text/\(document.file)", Array(EPUBBookBuilder.xhtml(title: title, body: document.body).utf8)))
        }
        return EPUBBook(
            epub: try EPUBContainerWriter.write(entries: entries),
            title: title,
            pageLabels: marking == .none ? [] : labels,
            paragraphs: truthParagraphs,
            notes: truthNotes.filter { !$0.isEndnote } + truthNotes.filter(\.isEndnote),
            headings: headings
        )
    }

    /// Every page break's target in the content documents ("text/chapter-1.xhtml#page-3"), in order.
    func pageTargets() -> [String] {
        var targets: [String] = []
        for document in documents {
            var searchFrom = document.body.startIndex
            while let range = document.body.range(of: "id=\"page-", range: searchFrom..<document.body.endIndex) {
                let numberEnd = document.body[range.upperBound...].firstIndex(of: "\"")!
                targets.append("text/\(document.file)#page-" + document.body[range.upperBound..<numberEnd])
                searchFrom = numberEnd
            }
        }
        return targets
    }

    /// An EPUB 2 NCX with the contents and the page list.
    func ncx() -> String {
        var points = ""
        for (index, document) in documents.enumerated() {
            points += "<navPoint id=\"n\(index)\" playOrder=\"\(index + 1)\"><navLabel><text>\(document.file)</text></navLabel>"
            points += "<content src=\"text/\(document.file)\"/></navPoint>\n"
        }
        var pageList = ""
        for (index, target) in pageTargets().enumerated() {
            pageList += "<pageTarget id=\"pt\(index)\" type=\"normal\" value=\"\(index + 1)\"><navLabel><text>\(labels[index])</text></navLabel>"
            pageList += "<content src=\"\(target)\"/></pageTarget>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
            <head><meta name="dtb:uid" content="urn:samizdat:generated"/></head>
            <docTitle><text>\(EPUBBookBuilder.escaped(title))</text></docTitle>
            <navMap>
            \(points)</navMap>
            <pageList><navLabel><text>Pages</text></navLabel>
            \(pageList)</pageList>
            </ncx>
            """
    }

    /// The navigation document: the contents, and the page list when the book has one.
    func navigation() -> String {
        var toc = ""
        for document in documents {
            toc += "<li><a href=\"text/\(document.file)\">\(document.file)</a></li>\n"
        }
        var pageList = ""
        if marking == .pageList {
            for (index, target) in pageTargets().enumerated() {
                pageList += "<li><a href=\"\(target)\">\(labels[index])</a></li>\n"
            }
            pageList = "<nav epub:type=\"page-list\" role=\"doc-pagelist\" hidden=\"\"><h2>Pages</h2><ol>\n\(pageList)</ol></nav>\n"
        }
        let body = "<nav epub:type=\"toc\" id=\"toc\"><h1>Contents</h1><ol>\n\(toc)</ol></nav>\n\(pageList)"
        return EPUBBookBuilder.xhtml(title: "Contents", body: body)
    }

    static func xhtml(title: String, body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
        <head><meta charset="utf-8"/><title>\(escaped(title))</title></head>
        <body>
        \(body)</body>
        </html>
        """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
