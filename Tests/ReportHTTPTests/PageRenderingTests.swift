import Foundation
import Hummingbird
import HummingbirdTesting
import SamizdatModel
import Testing

@testable import ReportHTTP

/// The long lists of the pages written out in Swift rather than by a template section per row
/// (the corpus table, the search counts, the document choices), the corpus table's order kept
/// while the documents stay the same, and the term page's bounded plot across the corpus.
@Suite struct PageRenderingTests {
    let backend = FakeBackend()

    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, body: String) {
        let router = Router(context: WorkbenchRequestContext.self)
        WorkbenchRoutes.register(on: router, backend: backend, events: EventHub())
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                (response.status, String(buffer: response.body))
            }
        }
    }

    @Test func theCorpusTableWritesEveryRowWithItsLinksAndFigures() async throws {
        let page = try await get("/?sort=title")
        #expect(page.status == .ok)
        let alpha =
            "<tr data-doc=\"doc-a\"><td><a href=\"/documents/doc-a\">Alpha</a> <a class=\"term-link\" href=\"/keywords?doc=doc-a\""
            + " title=\"keywords of this document\">keywords</a></td><td>Adorno</td><td>doc-a.txt</td><td class=\"n\">3</td>"
            + "<td class=\"n\">5,000</td><td class=\"n\">4</td><td class=\"n\">1</td>"
        #expect(page.body.contains(alpha))
        #expect(page.body.contains("<tr data-doc=\"doc-b\"><td><a href=\"/documents/doc-b\">Beta &lt;Book&gt;</a>"))
        #expect(page.body.components(separatedBy: "<tr data-doc=").count - 1 == 2)
    }

    @Test func theCorpusOrderIsKeptOnlyWhileTheDocumentsStayTheSame() {
        let first = FakeBackend.summary(id: "a", title: "Zeta 10", author: "", tokens: 1, pages: 1)
        let second = FakeBackend.summary(id: "b", title: "Zeta 9", author: "", tokens: 2, pages: 1)
        let documents = [first, second]
        let sorted = CorpusPage.sorted(documents, by: .title, order: .ascending)
        #expect(sorted.map(\.id) == ["b", "a"])  // as Finder orders numbers: 9 before 10
        #expect(sorted == CorpusPage.sortedAnew(documents, by: .title, order: .ascending))
        var renamed = second
        renamed.title = "Alpha"
        let again = CorpusPage.sorted([first, renamed], by: .title, order: .ascending)
        #expect(again.map(\.title) == ["Alpha", "Zeta 10"])
        #expect(CorpusPage.sorted(documents, by: .title, order: .descending).map(\.id) == ["a", "b"])
    }

    @Test func documentChoicesAreOptionsEscapedWithTheChosenOneSelected() async throws {
        let page = try await get("/term?q=state&doc=doc-a")
        #expect(page.body.contains("<option value=\"doc-a\" selected>Alpha (doc-a)</option>"))
        #expect(page.body.contains("<option value=\"doc-b\">Beta &lt;Book&gt; (doc-b)</option>"))
        let keywords = try await get("/keywords?doc=doc-b").body
        #expect(keywords.contains("<option value=\"doc-b\" selected>Beta &lt;Book&gt; (doc-b)</option>"))
    }

    @Test func theTermPageAcrossTheCorpusDrawsABoundedPlotAndWithinADocumentEveryHit() async throws {
        _ = try await get("/term?q=state")
        _ = try await get("/term?q=state&doc=doc-a")
        _ = try await get("/term/dispersion.svg?q=state")
        let limits = backend.dispersionRequests.withLock { $0.map(\.hitLimit) }
        #expect(limits == [WorkbenchCharts.corpusPlotHitLimit, WorkbenchCharts.plotHitLimit, WorkbenchCharts.plotHitLimit])
        #expect(WorkbenchCharts.corpusPlotHitLimit < WorkbenchCharts.plotHitLimit)
    }

    @Test func theSearchCountsRowsLinkToTheirFirstPassage() {
        var total = SearchCounts.Row(
            documentID: "doc-b",
            title: "Beta <Book>",
            chapter: "",
            hasChapter: false,
            passages: 1_204,
            readerHref: "/documents/doc-b#para-3",
            firstParagraph: 3
        )
        total.isDocumentTotal = true
        total.byChapterHref = "/search?q=state&doc=doc-b"
        let chapter = SearchCounts.Row(
            documentID: "doc-a",
            title: "Alpha",
            chapter: "One & Two",
            hasChapter: true,
            passages: 2,
            readerHref: "/documents/doc-a#para-0",
            firstParagraph: 0
        )
        let html = SearchPage.html([total, chapter])
        #expect(
            html.contains(
                "<tr><td>Beta &lt;Book&gt;</td><td><a href=\"/documents/doc-b#para-3\">every chapter</a> · "
                    + "<a href=\"/search?q=state&amp;doc=doc-b\">by chapter</a></td><td class=\"n\">1204</td></tr>"
            )
        )
        #expect(html.contains("<tr><td>Alpha</td><td><a href=\"/documents/doc-a#para-0\">One &amp; Two</a></td><td class=\"n\">2</td></tr>"))
    }
}
