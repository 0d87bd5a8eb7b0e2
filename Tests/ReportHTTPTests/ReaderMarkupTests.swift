import SamizdatModel
import Testing

@testable import ReportHTTP

@Suite struct ReaderMarkupTests {
    func view(_ text: String, pages: [PageSpan], notes: [Note] = [], citations: [Citation]? = nil) -> DocumentView {
        let summary = DocumentSummary(
            id: "d",
            version: 1,
            contentHash: "h",
            title: "T",
            author: "",
            source: "",
            paragraphs: 1,
            sentences: 1,
            tokens: 3,
            pages: pages.count,
            sections: 0,
            notes: notes.count,
            citations: 0,
            bytes: text.utf8.count
        )
        let paragraph = ParagraphView(
            index: 0,
            kind: .body,
            text: text,
            start: 10,
            end: 10 + text.utf8.count,
            page: nil,
            lastPage: nil,
            section: nil,
            sectionTitle: nil
        )
        return DocumentView(summary: summary, sections: [], pages: pages, paragraphs: [paragraph], notes: notes, citations: citations)
    }

    @Test func aPageStartingInsideAParagraphIsMarkedAtItsOffsetAndTheTextEscaped() {
        let markup = ReaderMarkup(view("a <b> c", pages: [PageSpan(label: "9", start: 0, end: 14), PageSpan(label: "10", start: 14, end: 17)]))
        #expect(
            markup.paragraphs[0] == "<span id=\"p-9\" class=\"page\" title=\"page 9\">9</span>a &lt;b"
                + "<span id=\"p-10\" class=\"page\" title=\"page 10\">10</span>&gt; c"
        )
    }

    @Test func anOffsetInsideAMultibyteCharacterMovesToItsEnd() {
        let markup = ReaderMarkup(view("Žižek", pages: [PageSpan(label: "3", start: 11, end: 20)]))
        #expect(markup.paragraphs[0] == "Ž<span id=\"p-3\" class=\"page\" title=\"page 3\">3</span>ižek")
    }

    @Test func aLabelPrintedTwiceGetsADistinctAnchorAndOddCharactersAreReplaced() {
        let anchors = ReaderMarkup.anchors([
            PageSpan(label: "1", start: 0, end: 1), PageSpan(label: "", start: 1, end: 2),
            PageSpan(label: "1", start: 2, end: 3), PageSpan(label: "x\"y", start: 3, end: 4),
        ])
        #expect(anchors == ["p-1", nil, "p-1-2", "p-x_y"])
    }

    @Test func aNoteMarkerAtTheEndOfAParagraphStaysInIt() {
        let text = "Said so."
        let markup = ReaderMarkup(view(text, pages: [], notes: [Note(label: "4", text: "Source.", marker: 10 + text.utf8.count)]))
        #expect(
            markup.paragraphs[0].hasSuffix(
                "Said so.<sup class=\"note-marker\"><a id=\"marker-1\" href=\"#note-1\" data-note=\"1\" "
                    + "aria-describedby=\"note-1\">4</a></sup>"
            )
        )
    }

    @Test func aCitationLinksToItsAuthorInTheCitationIndexAndClosesBeforeTheNoteAfterIt() {
        let text = "As (Agamben 1998, 12) says."
        let start = 10 + "As ".utf8.count
        let end = start + "(Agamben 1998, 12)".utf8.count
        let markup = ReaderMarkup(
            view(
                text,
                pages: [],
                notes: [Note(label: "2", text: "Source.", marker: end)],
                citations: [Citation(start: start, end: end, authors: ["Agamben"], year: "1998", pages: "12")]
            )
        )
        #expect(
            markup.paragraphs[0].hasPrefix(
                "As <a class=\"citation\" href=\"/citations?author=Agamben\" title=\"Cited: Agamben 1998 — in the citation index\">"
                    + "(Agamben 1998, 12)</a><sup class=\"note-marker\">"
            )
        )
    }

    @Test func aCitationHoldingANoteMarkerOrOverlappingAnotherStaysPlain() {
        let text = "See (Arendt 1951, 3) here."
        let start = 10 + "See ".utf8.count
        let end = start + "(Arendt 1951, 3)".utf8.count
        let markup = ReaderMarkup(
            view(
                text,
                pages: [],
                notes: [Note(label: "1", text: "Source.", marker: start + 3)],
                citations: [Citation(start: start, end: end, authors: ["Arendt"])]
            )
        )
        #expect(!markup.paragraphs[0].contains("class=\"citation\""))
        let overlapping = ReaderMarkup(
            view(
                text,
                pages: [],
                citations: [Citation(start: start, end: end, authors: ["Arendt"]), Citation(start: start + 2, end: end + 3, authors: ["Other"])]
            )
        )
        #expect(overlapping.paragraphs[0].components(separatedBy: "class=\"citation\"").count == 2)
    }
}
