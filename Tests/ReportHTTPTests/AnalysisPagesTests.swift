import Foundation
import Hummingbird
import HummingbirdTesting
import ReportHTTP
import SamizdatModel
import Testing

/// The analysis pages (term, keywords, compare, citations), their charts as SVG and the
/// reports' JSON and CSV, in process over the fake backend.
@Suite struct AnalysisPagesTests {
    let backend = FakeBackend()

    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, contentType: String, body: String, disposition: String) {
        let router = Router(context: WorkbenchRequestContext.self)
        WorkbenchRoutes.register(on: router, backend: backend, events: EventHub())
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                (
                    response.status, response.headers[.contentType] ?? "", String(buffer: response.body),
                    response.headers[.contentDisposition] ?? ""
                )
            }
        }
    }

    func parameter(_ body: String) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        return object?["parameter"] as? String
    }

    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func theTermPageOfADocumentDrawsAStripPerChapterAndAMarkPerHitLinkingToTheReader() async throws {
        let page = try await get("/term?q=state&doc=doc-a")
        #expect(page.status == .ok)
        #expect(page.contentType == "text/html; charset=utf-8")
        #expect(count("class=\"strip-row\"", in: page.body) == 2)
        #expect(count("<line class=\"mark\"", in: page.body) == 3)
        #expect(page.body.contains("href=\"/documents/doc-a#para-1\""))
        #expect(page.body.contains("href=\"/documents/doc-a#note-1\""))
        #expect(page.body.contains("D = 0.813, DP = 0.143 over 2 chapters"))
        #expect(page.body.contains("<td class=\"n\">0.8125</td>"))
        #expect(page.body.contains("class=\"chart trends-chart\""))
        #expect(page.body.contains("aria-current=\"page\">Term<"))
    }

    @Test func theTermPageOfTheCorpusDrawsAStripPerDocumentWithHits() async throws {
        let page = try await get("/term?q=state")
        #expect(page.status == .ok)
        #expect(count("class=\"strip-row\"", in: page.body) == 2)
        #expect(count("<line class=\"mark\"", in: page.body) == 5)
        #expect(page.body.contains("across the documents"))
    }

    @Test func collocatesSortByTheAskedMeasureAndLinkToTheConcordanceOfBothWords() async throws {
        let byG2 = try await get("/term?q=state").body
        let power = try #require(byG2.range(of: ">power</a>"))
        let apparatus = try #require(byG2.range(of: ">&lt;apparatus&gt;</a>"))
        #expect(power.lowerBound < apparatus.lowerBound)
        let byFrequency = try await get("/term?q=state&sort=frequency").body
        let apparatusFirst = try #require(byFrequency.range(of: ">&lt;apparatus&gt;</a>"))
        let powerSecond = try #require(byFrequency.range(of: ">power</a>"))
        #expect(apparatusFirst.lowerBound < powerSecond.lowerBound)
        #expect(byG2.contains("href=\"/concordance?q=state%20NEAR%2F4%20power\""))
        #expect(byG2.contains("href=\"/term?q=state&amp;sort=mi\""))
        #expect(byG2.contains("href=\"/concordance?q=%22the%20state%20withers%22\""))
        let stems = try await get("/term?q=state&unit=stem").body
        #expect(stems.contains("href=\"/concordance?q=stem%3Astate%20NEAR%2F4%20stem%3Apower\""))
    }

    @Test func theTermPageWithoutAWordShowsItsFormAndBadParametersAreNamed() async throws {
        let empty = try await get("/term")
        #expect(empty.status == .ok)
        #expect(empty.body.contains("name=\"q\""))
        #expect(!empty.body.contains("strip-row"))
        let badUnit = try await get("/term?q=state&unit=lemma")
        #expect(badUnit.status == .badRequest)
        #expect(badUnit.body.contains("<code class=\"parameter\">unit</code>"))
        let badSort = try await get("/term?q=state&sort=beauty")
        #expect(badSort.status == .badRequest)
        #expect(badSort.body.contains("<code class=\"parameter\">sort</code>"))
        let badRegion = try await get("/term?q=state&in=margins")
        #expect(badRegion.status == .badRequest)
        #expect(badRegion.body.contains("<code class=\"parameter\">in</code>"))
        let unknownDocument = try await get("/term?q=state&doc=doc-x")
        #expect(unknownDocument.status == .notFound)
    }

    @Test func theTermChartsDownloadAsSVG() async throws {
        let plot = try await get("/term/dispersion.svg?q=state&doc=doc-a")
        #expect(plot.status == .ok)
        #expect(plot.contentType == "image/svg+xml; charset=utf-8")
        #expect(plot.disposition.contains("dispersion.svg"))
        #expect(plot.body.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(count("<line class=\"mark\"", in: plot.body) == 3)
        let trends = try await get("/term/trends.svg?q=state")
        #expect(trends.status == .ok)
        #expect(trends.contentType == "image/svg+xml; charset=utf-8")
        #expect(trends.body.contains("Beta &lt;Book&gt;"))
        let missing = try await get("/term/dispersion.svg")
        #expect(missing.status == .badRequest)
        #expect(parameter(missing.body) == "q")
        let words = try await get("/corpus/words.svg")
        #expect(words.status == .ok)
        #expect(words.contentType == "image/svg+xml; charset=utf-8")
        #expect(words.body.contains("&lt;soul&gt;"))
        let badLimit = try await get("/corpus/words.svg?limit=0")
        #expect(badLimit.status == .badRequest)
        #expect(parameter(badLimit.body) == "limit")
    }

    @Test func theCorpusPageShowsTheFrequentWordsChartAndWhenEachDocumentWasAdded() async throws {
        let page = try await get("/")
        #expect(page.body.contains("id=\"frequent-words-chart\""))
        #expect(page.body.contains("href=\"/term?q=camp\""))
        #expect(page.body.contains("<time datetime=\"2026-12-03T"))
        let byAdded = try await get("/?sort=added&order=asc").body
        let older = try #require(byAdded.range(of: "data-doc=\"doc-b\""))
        let newer = try #require(byAdded.range(of: "data-doc=\"doc-a\""))
        #expect(older.lowerBound < newer.lowerBound)
        let csv = try await get("/corpus.csv")
        #expect(csv.body.components(separatedBy: "\r\n")[0].hasSuffix(",bytes,indexed_at"))
    }

    @Test func theKeywordsPageShowsPositiveAndNegativeKeywordsWithDownloads() async throws {
        let page = try await get("/keywords?doc=doc-a")
        #expect(page.status == .ok)
        #expect(page.body.contains("id=\"positive-keywords\""))
        #expect(page.body.contains("id=\"negative-keywords\""))
        #expect(page.body.contains(">&lt;camp&gt;</a>"))
        #expect(page.body.contains("against the rest of the corpus"))
        #expect(page.body.contains("href=\"/api/keywords?doc=doc-a&amp;polarity=negative&amp;limit=50&amp;format=csv\""))
        #expect(page.body.contains("href=\"/term?q=gulag&amp;doc=doc-a\""))
        let against = try await get("/keywords?doc=doc-a&ref_doc=doc-b")
        #expect(against.body.contains("against <b>") || against.body.contains("against Beta &lt;Book&gt;"))
        #expect(against.body.contains("href=\"/compare?doc=doc-a&amp;other_doc=doc-b\""))
        let empty = try await get("/keywords")
        #expect(empty.status == .ok)
        #expect(!empty.body.contains("positive-keywords"))
        let both = try await get("/keywords?doc=doc-a&ref_doc=doc-b&ref_subcorpus=author:zola")
        #expect(both.status == .badRequest)
        #expect(both.body.contains("<code class=\"parameter\">ref_subcorpus</code>"))
        let badSort = try await get("/keywords?doc=doc-a&sort=size")
        #expect(badSort.status == .badRequest)
        #expect(badSort.body.contains("<code class=\"parameter\">sort</code>"))
    }

    @Test func theComparePageShowsBothWaysTheSharedWordsAndTheSimilarity() async throws {
        let page = try await get("/compare?doc=doc-a&other_doc=doc-b")
        #expect(page.status == .ok)
        #expect(page.body.contains("id=\"keywords-first\""))
        #expect(page.body.contains("id=\"keywords-second\""))
        #expect(page.body.contains("id=\"shared\""))
        #expect(page.body.contains("<dd id=\"cosine\">0.8731</dd>"))
        #expect(page.body.contains("href=\"/api/compare?doc=doc-a&amp;other_doc=doc-b&amp;format=csv\""))
        let half = try await get("/compare?doc=doc-a")
        #expect(half.status == .badRequest)
        #expect(half.body.contains("<code class=\"parameter\">other_doc</code>"))
        let form = try await get("/compare")
        #expect(form.status == .ok)
        #expect(!form.body.contains("id=\"cosine\""))
    }

    @Test func theCitationIndexListsAuthorsAndAnAuthorsPlacesLinkingToTheReader() async throws {
        let index = try await get("/citations")
        #expect(index.status == .ok)
        #expect(index.body.contains("id=\"cited-authors\""))
        #expect(index.body.contains("href=\"/citations?author=Agamben\""))
        #expect(index.body.contains("Agamben 1998 (2); Agamben 2005 (1)"))
        let author = try await get("/citations?author=agamben")
        #expect(author.body.contains("id=\"citation-places\""))
        #expect(author.body.contains("<a href=\"/documents/doc-a#para-1\">p. 205</a>"))
        let badOffset = try await get("/citations?offset=-1")
        #expect(badOffset.status == .badRequest)
        #expect(badOffset.body.contains("<code class=\"parameter\">offset</code>"))
        let badSort = try await get("/citations?sort=year")
        #expect(badSort.status == .badRequest)
    }

    @Test func everyReportAnswersJSONAndCSVAndNamesABadParameter() async throws {
        let routes = [
            "/api/words?stoplist=true", "/api/ngrams?n=3&node=state", "/api/collocates?node=state", "/api/keywords?doc=doc-a",
            "/api/dispersion?term=state&doc=doc-a", "/api/trends?terms=state", "/api/compare?doc=doc-a&other_doc=doc-b",
            "/api/citations?author=agamben",
        ]
        for route in routes {
            let json = try await get(route)
            #expect(json.status == .ok, "\(route)")
            #expect(json.contentType == "application/json", "\(route)")
            #expect((try? JSONSerialization.jsonObject(with: Data(json.body.utf8))) != nil, "\(route)")
            let csv = try await get(route + "&format=csv")
            #expect(csv.status == .ok, "\(route)")
            #expect(csv.contentType == "text/csv; charset=utf-8", "\(route)")
            #expect(csv.disposition.hasPrefix("attachment"), "\(route)")
        }
        let dispersionCSV = try await get("/api/dispersion?term=state&doc=doc-a&format=csv").body
        #expect(dispersionCSV.hasPrefix("document,token,position,offset,page,region,section,chapter,paragraph,note"))
        let bad = [
            ("/api/words?limit=abc", "limit"), ("/api/collocates", "node"), ("/api/collocates?node=x&sort=beauty", "sort"),
            ("/api/keywords?doc=doc-a&colour=red", "colour"), ("/api/dispersion?term=x&format=xml", "format"),
            ("/api/trends?terms=x&across=years", "across"), ("/api/ngrams?n=9", "n"), ("/api/citations?limit=0", "limit"),
        ]
        for (route, name) in bad {
            let answer = try await get(route)
            #expect(answer.status == .badRequest, "\(route)")
            #expect(parameter(answer.body) == name, "\(route)")
        }
        let unknown = try await get("/api/keywords?doc=doc-x")
        #expect(unknown.status == .notFound)
    }

    @Test func everyPageLinksToTheAnalysisPagesFromItsNavigation() async throws {
        for path in ["/", "/search", "/concordance", "/term", "/keywords", "/compare", "/citations", "/documents/doc-a"] {
            let page = try await get(path).body
            for target in ["/term", "/keywords", "/compare", "/citations"] {
                #expect(page.contains("<a href=\"\(target)\""), "\(path) → \(target)")
            }
        }
    }
}
