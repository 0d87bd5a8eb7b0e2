/// An essay written as a web page from the generator's prose, with the answers extraction must
/// find: the essay's title and section headings, its paragraphs and one block quotation, its
/// notes called by superscript links, all inside the page's boilerplate — a navigation bar, a
/// site header and footer, a sidebar, a script and a style sheet — that must stay out.
public struct HTMLPage: Sendable {
    /// Where the essay sits on the page.
    public enum Container: String, Sendable, CaseIterable {
        /// In `<main>`, beside an aside of related links.
        case main
        /// In an `<article>`, with a shorter teaser article beside it.
        case article
        /// Straight in `<body>`, between the header and the footer.
        case body
    }

    /// How the notes are marked.
    public enum NoteMarkup: String, Sendable, CaseIterable {
        /// `role="doc-noteref"` links to `role="doc-endnote"` items in a `doc-endnotes` section.
        case aria
        /// Bare `<sup><a href="#fn1">1</a></sup>` links to `<li id="fn1">` items after the essay.
        case superscriptLinks
    }

    public struct NoteTruth: Sendable {
        public var label: String
        public var text: String
        public var anchor: String
    }

    public var html: String
    public var title: String
    /// The paragraphs' words, in order, and whether each is a block quotation.
    public var paragraphs: [(text: String, blockQuotation: Bool)]
    public var headings: [String]
    public var notes: [NoteTruth]
    /// Words printed only in the boilerplate.
    public var boilerplate: [String]

    /// An essay of `sections` sections of `paragraphsPerSection` paragraphs, deterministic for `seed`.
    public static func make(
        seed: UInt64,
        container: Container = .main,
        notes noteMarkup: NoteMarkup = .aria,
        sections: Int = 3,
        paragraphsPerSection: Int = 4
    ) -> HTMLPage {
        var rng = SplitMix64(seed: seed)
        var writer = ProseWriter(
            lexicon: Lexicon.standard,
            rng: SplitMix64(seed: rng.next()),
            markerStyle: .glued,
            citationStyle: .blog,
            noteRate: 0.2,
            citationRate: 0.05
        )
        func titled(_ words: [String]) -> String {
            words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        }
        let title = titled(writer.titleWords(4))
        var headings = [title]
        var paragraphs: [(text: String, blockQuotation: Bool)] = []
        var notes: [NoteTruth] = []
        var essay = "<h1>\(EPUBBookBuilder.escaped(title))</h1>\n"
        for section in 0..<sections {
            let heading = titled(writer.titleWords(rng.int(2...3)))
            headings.append(heading)
            essay += "<h2>\(EPUBBookBuilder.escaped(heading))</h2>\n"
            for index in 0..<paragraphsPerSection {
                let quotation = section == 1 && index == 2
                var markup = ""
                var words: [String] = []
                for token in writer.paragraph(sentences: rng.int(2...4), notesAllowed: !quotation) {
                    let parts = token.text.split(separator: " ")
                    for (position, part) in parts.enumerated() {
                        var text = String(part)
                        var marker: String? = nil
                        if let found = token.marker, position == parts.count - 1, text.hasSuffix(found.label) {
                            text = String(text.dropLast(found.label.count))
                            marker = found.label
                        }
                        markup += (words.isEmpty ? "" : " ") + "<span>" + EPUBBookBuilder.escaped(text) + "</span>"
                        words.append(text)
                        if let marker, let note = token.marker?.note {
                            switch noteMarkup {
                            case .aria:
                                markup += "<a role=\"doc-noteref\" id=\"ref\(marker)\" href=\"#note\(marker)\">[\(marker)]</a>"
                            case .superscriptLinks:
                                markup += "<sup><a id=\"ref\(marker)\" href=\"#fn\(marker)\">\(marker)</a></sup>"
                            }
                            notes.append(NoteTruth(label: marker, text: writer.notes[note].text, anchor: text))
                        }
                    }
                }
                essay += quotation ? "<blockquote><p>\(markup)</p></blockquote>\n" : "<p>\(markup)</p>\n"
                paragraphs.append((words.joined(separator: " "), quotation))
            }
        }
        var noteList = ""
        for note in notes {
            switch noteMarkup {
            case .aria:
                noteList += "<li role=\"doc-endnote\" id=\"note\(note.label)\">\(EPUBBookBuilder.escaped(note.text)) "
                noteList += "<a role=\"doc-backlink\" href=\"#ref\(note.label)\">↩</a></li>\n"
            case .superscriptLinks:
                noteList += "<li id=\"fn\(note.label)\"><p>\(EPUBBookBuilder.escaped(note.text)) <a href=\"#ref\(note.label)\">↩</a></p></li>\n"
            }
        }
        let notesSection =
            noteMarkup == .aria
            ? "<section role=\"doc-endnotes\"><ol>\n\(noteList)</ol></section>\n"
            : "<hr/>\n<ol class=\"footnotes\">\n\(noteList)</ol>\n"
        let boilerplate = ["Subscribe", "Copyright", "Trending", "Homepage", "Newsletter"]
        let navigation = "<nav><ul><li><a href=\"/\">Homepage</a></li><li><a href=\"/about\">About us</a></li></ul></nav>\n"
        let header = "<header><p class=\"site\">The Quarterly Newsletter</p>\(navigation)</header>\n"
        let footer = "<footer><p>Copyright 2026 the authors. Subscribe for more.</p></footer>\n"
        let aside = "<aside><h3>Trending</h3><ul><li><a href=\"/x\">Another Piece</a></li></ul></aside>\n"
        let script = "<script>var tracking = \"Subscribe\";</script>\n"
        var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"/><title>\(EPUBBookBuilder.escaped(title))</title>\n"
        page += "<style>body { font-family: serif; }</style>\n\(script)</head>\n<body>\n\(header)"
        switch container {
        case .main:
            page += "<main>\n<article>\n\(essay)\(notesSection)</article>\n\(aside)</main>\n"
        case .article:
            page += "<article class=\"teaser\"><h2>Trending</h2><p>A short teaser.</p></article>\n"
            page += "<article>\n\(essay)</article>\n\(notesSection)\(aside)"
        case .body:
            page += "\(essay)\(notesSection)\(aside)"
        }
        page += "\(footer)</body>\n</html>\n"
        return HTMLPage(html: page, title: title, paragraphs: paragraphs, headings: headings, notes: notes, boilerplate: boilerplate)
    }
}
