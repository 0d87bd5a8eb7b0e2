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

@Suite struct PrometheusTextTests {
    @Test func rendersEveryFamilyWithHelpAndType() {
        let p = PipelineStatus(
            states: ["accepted": 1, "dispatched": 2, "indexed": 3, "failed": 4],
            backlog: 3,
            workers: [.init(id: "seg\"1", lastHeartbeatMsAgo: 5, inFlight: 2, credit: 0, processed: 7)],
            redeliveries: 6,
            failures: [],
            acceptedPerSecond: 1.5,
            indexedPerSecond: 0,
            bytesAccepted: 1000
        )
        let text = PrometheusText.render(SystemStatus(pipeline: p, index: nil, unavailable: ["index": "down"]))
        #expect(text.contains("samizdat_documents{state=\"failed\"} 4\n"))
        #expect(text.contains("samizdat_backlog 3\n"))
        #expect(text.contains("samizdat_worker_in_flight{worker=\"seg\\\"1\"} 2\n"))
        #expect(text.contains("samizdat_accepted_per_second 1.5\n"))
        #expect(text.contains("samizdat_up{service=\"index\"} 0\n"))
        #expect(!text.contains("samizdat_index_documents"))
        // Every sample line belongs to a family announced by HELP and TYPE.
        let families = Set(text.split(separator: "\n").filter { $0.hasPrefix("# TYPE") }.map { $0.split(separator: " ")[2] })
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let name = line.prefix { $0 != "{" && $0 != " " }
            #expect(families.contains(name), "\(line)")
        }
    }
}
