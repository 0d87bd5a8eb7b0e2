import Foundation
import SamizdatModel
import Testing

@testable import SamizdatReports

@Suite struct HTMLPageTests {
    @Test func escapesEverythingAPersonCanType() {
        #expect(HTMLPage.escape("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    }

    @Test func aHitInANoteIsLocatedAndLinkedByItsNote() {
        var inNote = hit("Delyagin", [])
        inNote.note = NoteReference(index: 0, label: "1", page: "296", markerPage: "14")
        inNote.paragraph = 0
        #expect(HTMLPage.location(inNote) == "CHAPTER ONE · note 1 (p. 296) · marker p. 14")
        #expect(HTMLPage.anchor(paragraph: inNote.paragraph, note: inNote.note) == "#note-1")
        // a note printed on a page with no label says no page
        inNote.note = NoteReference(index: 0, label: "1", page: "", markerPage: "")
        #expect(HTMLPage.location(inNote) == "CHAPTER ONE · note 1")
        let inBody = hit("Delyagin", [])
        #expect(HTMLPage.location(inBody) == "CHAPTER ONE · p. 47 · ¶ 5")
        #expect(HTMLPage.anchor(paragraph: inBody.paragraph, note: nil) == "#para-4")
    }

    func hit(_ text: String, _ matches: [TextRange]) -> SearchHit {
        SearchHit(
            documentID: "d1",
            title: "T",
            source: "book.txt",
            paragraph: 4,
            sentence: 2,
            section: "Chapter One",
            chapter: "CHAPTER ONE",
            page: "47",
            paragraphPages: ["47"],
            score: 1,
            snippet: "",
            snippetText: text,
            snippetMatches: matches,
            matches: []
        )
    }

    @Test func highlightsMatchesByByteRangeAndEscapesTheRest() {
        let h = hit("a <b> Žižek c", [TextRange(start: 6, end: 13)])
        #expect(HTMLPage.highlight(h) == "a &lt;b&gt; <mark>Žižek</mark> c")
    }

    @Test func locationNamesChapterPageAndParagraph() {
        #expect(HTMLPage.location(hit("x", [])) == "CHAPTER ONE · p. 47 · ¶ 5")
    }
}
