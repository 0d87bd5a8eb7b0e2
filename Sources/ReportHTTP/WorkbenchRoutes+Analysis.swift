import Foundation
import Hummingbird
import SamizdatModel
import SamizdatReports

extension WorkbenchRoutes {
    /// The analysis pages — `/term`, `/keywords`, `/compare`, `/citations` — and their charts as
    /// SVG: `/term/dispersion.svg`, `/term/trends.svg`, `/corpus/words.svg`.
    static func registerAnalysisPages(on router: Router<WorkbenchRequestContext>, backend: some ReportBackend, templates: Templates) {
        router.get("term") { request, _ -> Response in
            let parameters = RequestParameters(request)
            return await page(templates) {
                let analysis = try AnalysisParameters(parameters)
                let sort = try parameters.choice("sort", default: CollocationMeasure.g2)
                async let documents = backend.documents()
                guard !analysis.term.isEmpty else {
                    let view = TermPage(
                        parameters: analysis,
                        sort: sort,
                        documents: try await documents,
                        dispersion: nil,
                        trends: nil,
                        collocates: nil,
                        clusters: nil
                    )
                    return templates.render(view, page: "term")
                }
                let (dispersionRequest, trendsRequest, collocatesRequest, clustersRequest) = TermPage.requests(analysis, sort: sort)
                async let dispersion = backend.analysis(.dispersion, dispersionRequest, as: DispersionResponse.self)
                async let trends = backend.analysis(.trends, trendsRequest, as: TrendsResponse.self)
                async let collocates = backend.analysis(.collocates, collocatesRequest, as: CollocatesResponse.self)
                async let clusters = backend.analysis(.ngrams, clustersRequest, as: NGramsResponse.self)
                let dispersionAnswer = try await dispersion
                // a word the corpus does not hold has no collocates or clusters: index refuses them
                // (`not_found`), and the page says the word does not occur
                let occurs = dispersionAnswer.frequency > 0
                let view = TermPage(
                    parameters: analysis,
                    sort: sort,
                    documents: try await documents,
                    dispersion: dispersionAnswer,
                    trends: try await trends,
                    collocates: occurs ? try await collocates : nil,
                    clusters: occurs ? try await clusters : nil
                )
                return templates.render(view, page: "term")
            }
        }
        router.get("term/dispersion.svg") { request, _ -> Response in
            await download {
                let analysis = try AnalysisParameters(RequestParameters(request))
                guard !analysis.term.isEmpty else {
                    throw ProtocolError.badParameter("q", "is required: the word whose dispersion is drawn")
                }
                var dispersionRequest = TermPage.requests(analysis, sort: .g2).0
                // the plot downloaded draws as many hits as a plot can, across the corpus too
                dispersionRequest.hitLimit = WorkbenchCharts.plotHitLimit
                async let documents = backend.documents()
                let dispersion = try await backend.analysis(.dispersion, dispersionRequest, as: DispersionResponse.self)
                let plot = WorkbenchCharts.dispersion(dispersion, documents: try await documents, documentID: analysis.documentID)
                return HTTPResponses.svg(plot.render(), filename: "dispersion.svg")
            }
        }
        router.get("term/trends.svg") { request, _ -> Response in
            await download {
                let analysis = try AnalysisParameters(RequestParameters(request))
                guard !analysis.term.isEmpty else {
                    throw ProtocolError.badParameter("q", "is required: the word whose trend is drawn")
                }
                let trends = try await backend.analysis(.trends, TermPage.requests(analysis, sort: .g2).1, as: TrendsResponse.self)
                return HTTPResponses.svg(WorkbenchCharts.trends(trends).render(), filename: "trends.svg")
            }
        }
        router.get("corpus/words.svg") { request, _ -> Response in
            await download {
                let limit = try RequestParameters(request).integer("limit", default: CorpusPage.frequentWords, in: 1...200)
                let words = try await backend.analysis(.wordlist, CorpusPage.wordListRequest(limit: limit), as: WordListResponse.self)
                return HTTPResponses.svg(WorkbenchCharts.frequentWords(words).render(), filename: "frequent-words.svg")
            }
        }
        router.get("keywords") { request, _ -> Response in
            await page(templates) {
                let parameters = try KeywordsPage.Parameters(RequestParameters(request))
                async let documents = backend.documents()
                guard parameters.documentID != nil else {
                    return templates.render(
                        KeywordsPage(parameters: parameters, documents: try await documents, positive: nil, negative: nil),
                        page: "keywords"
                    )
                }
                async let positive = backend.analysis(.keywords, parameters.request(.positive), as: KeywordsResponse.self)
                async let negative = backend.analysis(.keywords, parameters.request(.negative), as: KeywordsResponse.self)
                let view = KeywordsPage(
                    parameters: parameters,
                    documents: try await documents,
                    positive: try await positive,
                    negative: try await negative
                )
                return templates.render(view, page: "keywords")
            }
        }
        router.get("compare") { request, _ -> Response in
            await page(templates) {
                let parameters = try ComparePage.Parameters(RequestParameters(request))
                async let documents = backend.documents()
                let response: CompareResponse? =
                    parameters.isComplete
                    ? try await backend.analysis(.compare, parameters.request, as: CompareResponse.self) : nil
                return templates.render(ComparePage(parameters: parameters, documents: try await documents, response: response), page: "compare")
            }
        }
        router.get("citations") { request, _ -> Response in
            await page(templates) {
                let parameters = try CitationsPage.Parameters(RequestParameters(request))
                async let documents = backend.documents()
                let response = try await backend.analysis(.citations, parameters.request, as: CitationsResponse.self)
                return templates.render(
                    CitationsPage(parameters: parameters, documents: try await documents, response: response),
                    page: "citations"
                )
            }
        }
    }
}
