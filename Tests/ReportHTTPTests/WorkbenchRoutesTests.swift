import Foundation
import Hummingbird
import HummingbirdTesting
import ReportHTTP
import SamizdatModel
import Testing

/// Every route of report's HTTP face, in process, over a fake backend.
@Suite struct WorkbenchRoutesTests {
    let backend = FakeBackend()
    let events = EventHub()

    func application() -> some ApplicationProtocol {
        let router = Router(context: WorkbenchRequestContext.self)
        WorkbenchRoutes.register(on: router, backend: backend, events: events)
        return Application(router: router)
    }

    /// Runs one GET and hands back status, content type and body.
    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, contentType: String, body: String, disposition: String) {
        try await application().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                (
                    response.status, response.headers[.contentType] ?? "", String(buffer: response.body),
                    response.headers[.contentDisposition] ?? ""
                )
            }
        }
    }

    func errorObject(_ body: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    @Test func theCorpusPageListsEveryDocumentEscapedWithLinksToItsReader() async throws {
        let page = try await get("/")
        #expect(page.status == .ok)
        #expect(page.contentType == "text/html; charset=utf-8")
        #expect(page.body.contains("Beta &lt;Book&gt;"))
        #expect(!page.body.contains("Beta <Book>"))
        #expect(page.body.contains("href=\"/documents/doc-a\""))
        #expect(page.body.contains("data-count=\"types\">1,234<"))
        #expect(page.body.contains("data-status=\"backlog\">7<"))
        #expect(page.body.contains("href=\"/static/workbench.css\""))
        #expect(page.body.contains("id=\"corpus-empty\" hidden"))
    }

    @Test func theCorpusPageSortsByTheAskedColumnAndOrder() async throws {
        let byWords = try await get("/?sort=words&order=desc").body
        let alpha = try #require(byWords.range(of: "data-doc=\"doc-a\""))
        let beta = try #require(byWords.range(of: "data-doc=\"doc-b\""))
        #expect(alpha.lowerBound < beta.lowerBound)
        let byTitleDescending = try await get("/corpus?sort=title&order=desc").body
        let betaFirst = try #require(byTitleDescending.range(of: "data-doc=\"doc-b\""))
        let alphaSecond = try #require(byTitleDescending.range(of: "data-doc=\"doc-a\""))
        #expect(betaFirst.lowerBound < alphaSecond.lowerBound)
        #expect(byTitleDescending.contains("aria-sort=\"descending\""))
    }

    @Test func anUnknownSortOrOrderIsABadRequestNamingTheParameter() async throws {
        let badSort = try await get("/?sort=colour")
        #expect(badSort.status == .badRequest)
        #expect(badSort.body.contains("<code class=\"parameter\">sort</code>"))
        let badOrder = try await get("/corpus.json?order=sideways")
        #expect(badOrder.status == .badRequest)
        #expect(errorObject(badOrder.body)["parameter"] as? String == "order")
    }

    @Test func theCorpusDownloadsAsCSVAndJSON() async throws {
        let csv = try await get("/corpus.csv?sort=pages&order=desc")
        #expect(csv.status == .ok)
        #expect(csv.contentType == "text/csv; charset=utf-8")
        #expect(csv.disposition.contains("corpus.csv"))
        let lines = csv.body.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("id,version,title,author,source,pages,words"))
        #expect(lines[1].hasPrefix("doc-b,1,Beta <Book>,Zola"))
        let json = try await get("/corpus.json")
        #expect(json.contentType == "application/json")
        let documents = try WireCoding.decoder.decode([DocumentSummary].self, from: Data(json.body.utf8))
        #expect(documents.map(\.id) == ["doc-a", "doc-b"])
    }

    @Test func theReaderPutsPageMarkersNotesAndAnchorsWhereThePageMapSays() async throws {
        let page = try await get("/documents/doc-a")
        #expect(page.status == .ok)
        let body = page.body
        for label in ["204", "205", "206"] {
            #expect(body.contains("<span id=\"p-\(label)\" class=\"page\" title=\"page \(label)\">\(label)</span>"))
        }
        #expect(body.contains("runs over <span id=\"p-205\""))
        #expect(body.contains("<p id=\"para-3\" class=\"body\"><span id=\"p-206\""))
        #expect(body.contains("<blockquote id=\"para-2\" class=\"block_quote\">A quoted passage.</blockquote>"))
        #expect(body.contains("<a id=\"marker-1\" href=\"#note-1\""))
        #expect(body.contains("<li id=\"note-1\" class=\"note\">"))
        #expect(body.contains("See the archive, box &lt;7&gt;."))
        #expect(body.contains("href=\"#marker-1\""))
        #expect(body.contains("<a href=\"#para-0\">Chapter One</a>"))
        #expect(body.contains("name=\"doc\" value=\"doc-a\""))
    }

    @Test func anUnknownDocumentIsNotFound() async throws {
        let page = try await get("/documents/nothing-here")
        #expect(page.status == .notFound)
        #expect(page.contentType == "text/html; charset=utf-8")
        let json = try await get("/api/documents/nothing-here")
        #expect(json.status == .notFound)
        #expect(errorObject(json.body)["code"] as? String == "not_found")
    }

    @Test func theSearchPageListsHitsLinkingToTheReaderWithCountsAndPaging() async throws {
        let page = try await get("/search?q=state&limit=1")
        #expect(page.status == .ok)
        #expect(page.body.contains("the <mark>state</mark> &lt;withers&gt; away"))
        #expect(page.body.contains("href=\"/documents/doc-a#para-0\""))
        #expect(page.body.contains("<summary>7 more passages</summary>"))
        #expect(page.body.contains("rel=\"next\" href=\"/search?q=state&amp;offset=1&amp;limit=1\""))
        #expect(page.body.contains("<td>Alpha</td><td><a href=\"/documents/doc-a#para-12\">Chapter Two</a></td><td class=\"n\">8</td>"))
        #expect(page.body.contains("<td>Alpha</td><td><a href=\"/documents/doc-a#para-0\">Chapter One</a></td><td class=\"n\">12</td>"))
        let requests = backend.searchRequests.withLock { $0 }
        #expect(requests.contains { $0.limit == 25 && !$0.highlight })
    }

    @Test func countsIndexAnswersMakeTheSamePagesAndDownloadsInOneRequest() async throws {
        let counting = FakeBackend(answersCounts: true)
        for uri in [
            "/search?q=state&limit=1", "/search?q=common", "/search?q=state&doc=doc-a", "/search/counts.csv?q=state",
            "/search/counts.json?q=common", "/search/counts.json?q=state&doc=doc-a",
        ] {
            let before = counting.searchRequests.withLock { $0.count }
            let router = Router(context: WorkbenchRequestContext.self)
            WorkbenchRoutes.register(on: router, backend: counting, events: EventHub())
            let answer = try await Application(router: router).test(.router) { client in
                try await client.execute(uri: uri, method: .get) { response in String(buffer: response.body) }
            }
            #expect(answer == (try await get(uri)).body, "\(uri): the same as counted from every passage")
            let asked = counting.searchRequests.withLock { Array($0.dropFirst(before)) }
            let countedByIndex = asked.count == 1 && asked[0].counts
            #expect(countedByIndex, "\(uri): one request, counted by index")
        }
    }

    @Test func withoutAQueryTheSearchPageShowsTheQueryHelp() async throws {
        let page = try await get("/search")
        #expect(page.status == .ok)
        #expect(page.body.contains("How to write a query"))
        #expect(page.body.contains("id=\"query-help\" open"))
    }

    @Test func aBadQueryIsShownAtItsPosition() async throws {
        let page = try await get("/search?q=(state%20AND")
        #expect(page.status == .badRequest)
        #expect(page.body.contains("at character 8: unclosed parenthesis"))
        #expect(page.body.contains("<code>(state <mark class=\"error-at\">A</mark>ND</code>"))
        let api = try await get("/api/search?q=(state")
        #expect(api.status == .badRequest)
        #expect(errorObject(api.body)["offset"] as? Int == 7)
    }

    @Test func searchParametersThatAreNotNumbersAreBadRequestsNamingThem() async throws {
        let page = try await get("/search?q=state&offset=abc")
        #expect(page.status == .badRequest)
        #expect(page.body.contains("<code class=\"parameter\">offset</code>"))
        let api = try await get("/api/search?q=state&limit=0")
        #expect(api.status == .badRequest)
        #expect(errorObject(api.body)["parameter"] as? String == "limit")
        let missing = try await get("/api/search")
        #expect(missing.status == .badRequest)
        #expect(errorObject(missing.body)["parameter"] as? String == "q")
    }

    @Test func searchResultsAndCountsDownloadAsCSVAndJSON() async throws {
        let csv = try await get("/search.csv?q=state")
        #expect(csv.contentType == "text/csv; charset=utf-8")
        #expect(csv.body.hasPrefix("document_id,title,source,chapter,section,page,paragraph,score,snippet\r\n"))
        let json = try await get("/search.json?q=state")
        let response = try WireCoding.decoder.decode(SearchResponse.self, from: Data(json.body.utf8))
        #expect(response.totalPassages == 25)
        let counts = try await get("/search/counts.csv?q=state")
        #expect(counts.body.contains("doc-a,Alpha,Chapter One,12,0\r\n"))
        let countsJSON = try await get("/search/counts.json?q=state")
        let rows = errorObject(countsJSON.body)["rows"] as? [[String: Any]]
        #expect(rows?.count == 3)
    }

    @Test func theConcordanceShowsLeftNodeAndRightWithSortLinksAndPaging() async throws {
        let page = try await get("/concordance?q=state&sort=right1")
        #expect(page.status == .ok)
        #expect(page.body.contains("<td class=\"left\">and then the</td><td class=\"node\">state</td><td class=\"right\">cherry &lt;tart&gt;</td>"))
        #expect(page.body.contains("href=\"/documents/doc-a#para-1\">Alpha · Chapter One · p. 205 · ¶ 2</a>"))
        #expect(page.body.contains("aria-current=\"true\" class=\"current\">R1</a>"))
        #expect(page.body.contains("href=\"/concordance?q=state&amp;sort=left3\""))
        #expect(page.body.contains("rel=\"next\" href=\"/concordance?q=state&amp;sort=right1&amp;offset=50\""))
        #expect(backend.concordanceRequests.withLock { $0.last?.sort } == .right1)
    }

    @Test func theKWICAPIRefusesAnUnknownSortAndANonNumberNamingTheParameter() async throws {
        let badSort = try await get("/api/kwic?q=state&sort=bogus&limit=abc")
        #expect(badSort.status == .badRequest)
        #expect(badSort.contentType == "application/json")
        #expect(errorObject(badSort.body)["parameter"] as? String == "sort")
        #expect(errorObject(badSort.body)["code"] as? String == "bad_parameter")
        let badLimit = try await get("/api/kwic?q=state&limit=abc")
        #expect(badLimit.status == .badRequest)
        #expect(errorObject(badLimit.body)["parameter"] as? String == "limit")
        let page = try await get("/concordance?q=state&context=many")
        #expect(page.status == .badRequest)
        #expect(page.body.contains("<code class=\"parameter\">context</code>"))
        let good = try await get("/api/kwic?q=state&sort=left2&limit=3")
        #expect(good.status == .ok)
        #expect(backend.concordanceRequests.withLock { $0.last?.sort } == .left2)
        let badFormat = try await get("/api/kwic?q=state&format=xml")
        #expect(badFormat.status == .badRequest)
        #expect(errorObject(badFormat.body)["parameter"] as? String == "format")
    }

    @Test func theKWICAPIAnswersCSVWhenAsked() async throws {
        let csv = try await get("/api/kwic?q=state&sort=right1&format=csv")
        #expect(csv.status == .ok)
        #expect(csv.contentType == "text/csv; charset=utf-8")
        #expect(csv.body.contains("doc-a,Alpha,Chapter One,,205,1,and then the,state,apple pie,0,5\r\n"))
        #expect(csv.disposition.contains("kwic.csv"))
    }

    @Test func theConcordanceDownloadsAsCSVAndJSON() async throws {
        let csv = try await get("/concordance.csv?q=state&sort=right1")
        #expect(csv.contentType == "text/csv; charset=utf-8")
        #expect(csv.body.contains("doc-a,Alpha,Chapter One,,205,1,and then the,state,apple pie,0,5\r\n"))
        let json = try await get("/concordance.json?q=state")
        let response = try WireCoding.decoder.decode(KWICResponse.self, from: Data(json.body.utf8))
        #expect(response.total == 120)
        #expect(json.disposition.contains("concordance.json"))
    }

    @Test func theJSONAPIAndHealthStillAnswer() async throws {
        #expect(try await get("/healthz").body == "ok\n")
        let documents = try await get("/api/documents")
        #expect(try WireCoding.decoder.decode([DocumentSummary].self, from: Data(documents.body.utf8)).count == 2)
        let status = try await get("/api/status")
        #expect(try WireCoding.decoder.decode(SystemStatus.self, from: Data(status.body.utf8)).pipeline?.backlog == 7)
        let document = try await get("/api/documents/doc-a")
        #expect(try WireCoding.decoder.decode(DocumentView.self, from: Data(document.body.utf8)).notes.count == 1)
    }

    @Test func theStylesheetAndScriptAreServedFromReportItself() async throws {
        let css = try await get("/static/workbench.css")
        #expect(css.status == .ok)
        #expect(css.contentType == "text/css; charset=utf-8")
        let script = try await get("/static/workbench.js")
        #expect(script.contentType == "text/javascript; charset=utf-8")
        #expect(script.body.contains("EventSource"))
        #expect(try await get("/static/missing.js").status == .notFound)
    }

    @Test func theEventStreamCarriesIndexedEventsToOpenPages() async throws {
        let hub = events
        try await application().test(.router) { client in
            async let streamed: String = client.execute(uri: "/events", method: .get) { response in
                #expect(response.headers[.contentType] == "text/event-stream")
                return String(buffer: response.body)
            }
            for _ in 0..<1000 where hub.subscriberCount == 0 {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(hub.subscriberCount == 1)
            hub.publish(.indexed(IndexedHeader(doc: "doc-new", version: 1, outcome: "applied", paragraphs: 3)))
            hub.close()
            let text = try await streamed
            #expect(text.contains("event: indexed\ndata: {"))
            #expect(text.contains("\"doc\":\"doc-new\""))
        }
    }

    @Test func aQueryWithManyPassagesIsCountedByDocumentFromTheRankingAlone() async throws {
        let page = try await get("/search?q=common")
        #expect(page.status == .ok)
        #expect(page.body.contains("Counted by document"))
        #expect(page.body.contains("every chapter</a> · <a href=\"/search?q=common&amp;doc=doc-a\">by chapter</a>"))
        let countsRequest = try #require(backend.searchRequests.withLock { $0.last })
        #expect(countsRequest.limit == 2)
        #expect(countsRequest.passagesPerDocument == 1)
        #expect(!countsRequest.highlight)
        let csv = try await get("/search/counts.csv?q=common")
        #expect(csv.body.contains("doc-a,Alpha,,20,0\r\n"))
        let within = try await get("/search?q=common&doc=doc-a")
        #expect(!within.body.contains("Counted by document"))
    }
}
