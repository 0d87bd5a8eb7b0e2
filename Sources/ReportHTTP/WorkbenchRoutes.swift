import Foundation
import Hummingbird
import SamizdatModel
import SamizdatReports

/// report's HTTP routes: the workbench pages, their CSV and JSON downloads, the JSON API,
/// `/static/…`, the `/events` stream and `/healthz` (report serves `/metrics` itself).
public enum WorkbenchRoutes {
    /// Adds every route of the workbench to `router`.
    public static func register(
        on router: Router<WorkbenchRequestContext>,
        backend: some ReportBackend,
        events: EventHub,
        templates: Templates = .shared,
        staticFiles: StaticFiles = .shared
    ) {
        registerPages(on: router, backend: backend, templates: templates)
        registerOriginal(on: router, backend: backend)
        registerDownloads(on: router, backend: backend)
        registerAPI(on: router, backend: backend)
        AnalysisRoutes.add(to: router, backend: backend)
        registerAnalysisPages(on: router, backend: backend, templates: templates)
        registerStatic(on: router, staticFiles: staticFiles)
        registerEvents(on: router, events: events)
    }

    // MARK: pages

    static func registerPages(on router: Router<WorkbenchRequestContext>, backend: some ReportBackend, templates: Templates) {
        let corpus: @Sendable (Request, WorkbenchRequestContext) async throws -> Response = { request, _ in
            await page(templates) {
                let parameters = RequestParameters(request)
                let sort = try parameters.choice("sort", default: CorpusPage.Column.title)
                let order = try parameters.choice("order", default: SortOrder.ascending)
                async let status = backend.status()
                async let words = wordList(backend)
                let documents = try await backend.documents()
                let view = CorpusPage(documents: documents, status: await status, sort: sort, order: order, words: await words)
                return templates.render(view, page: "corpus")
            }
        }
        router.get("/", use: corpus)
        router.get("corpus", use: corpus)
        router.get("documents/:id") { _, context -> Response in
            await page(templates) {
                let identifier = try context.parameters.require("id")
                return templates.render(ReaderPage(try await backend.document(id: identifier)), page: "reader")
            }
        }
        router.get("search") { request, _ -> Response in
            let parameters = RequestParameters(request)
            let query = parameters.string("q") ?? ""
            return await page(templates, query: query) {
                let documentID = parameters.nonEmpty("doc")
                let offset = try parameters.integer("offset", default: 0, in: 0...1_000_000)
                let limit = try parameters.integer("limit", default: documentID == nil ? 10 : 20, in: 1...100)
                guard !query.isEmpty else {
                    return templates.render(
                        SearchPage(query: "", documentID: documentID, offset: 0, limit: limit, response: nil, counts: nil, error: nil),
                        page: "search"
                    )
                }
                let request = SearchRequest(
                    query: query,
                    documentID: documentID,
                    limit: limit,
                    offset: offset,
                    passagesPerDocument: SearchPage.passagesPerDocument,
                    counts: true
                )
                let response: SearchResponse
                do {
                    response = try await backend.search(request)
                } catch let error as ProtocolError where error.code == .badQuery {
                    let view = SearchPage(
                        query: query,
                        documentID: documentID,
                        offset: offset,
                        limit: limit,
                        response: nil,
                        counts: nil,
                        error: error
                    )
                    throw RenderedPage(html: templates.render(view, page: "search"), status: .badRequest)
                }
                let counts = try await searchCounts(query: query, documentID: documentID, answer: response, backend)
                return templates.render(
                    SearchPage(
                        query: query,
                        documentID: documentID,
                        offset: offset,
                        limit: limit,
                        response: response,
                        counts: counts,
                        error: nil
                    ),
                    page: "search"
                )
            }
        }
        router.get("concordance") { request, _ -> Response in
            let parameters = RequestParameters(request)
            let query = parameters.string("q") ?? ""
            return await page(templates, query: query) {
                let kwic = try concordanceRequest(parameters, requireQuery: false)
                let limit = kwic.limit
                guard !query.isEmpty else {
                    return templates.render(
                        ConcordancePage(
                            query: "",
                            documentID: kwic.documentID,
                            sort: kwic.sort,
                            context: kwic.context,
                            offset: 0,
                            limit: limit,
                            response: nil,
                            error: nil
                        ),
                        page: "concordance"
                    )
                }
                do {
                    let response = try await backend.concordance(kwic)
                    return templates.render(
                        ConcordancePage(
                            query: query,
                            documentID: kwic.documentID,
                            sort: kwic.sort,
                            context: kwic.context,
                            offset: kwic.offset,
                            limit: limit,
                            response: response,
                            error: nil
                        ),
                        page: "concordance"
                    )
                } catch let error as ProtocolError where error.code == .badQuery {
                    let view = ConcordancePage(
                        query: query,
                        documentID: kwic.documentID,
                        sort: kwic.sort,
                        context: kwic.context,
                        offset: kwic.offset,
                        limit: limit,
                        response: nil,
                        error: error
                    )
                    throw RenderedPage(html: templates.render(view, page: "concordance"), status: .badRequest)
                }
            }
        }
    }

    // MARK: downloads

    static func registerDownloads(on router: Router<WorkbenchRequestContext>, backend: some ReportBackend) {
        router.get("corpus.csv") { request, _ -> Response in
            await download { try await CorpusDownload.csv(corpus(request, backend)) }
        }
        router.get("corpus.json") { request, _ -> Response in
            await download { HTTPResponses.jsonDownload(try await corpus(request, backend), filename: "corpus.json") }
        }
        router.get("search.csv") { request, _ -> Response in
            await download {
                let (searchRequest, response) = try await search(request, backend)
                return HTTPResponses.csv(SearchPage.table(response, withinDocument: searchRequest.documentID != nil), filename: "search.csv")
            }
        }
        router.get("search.json") { request, _ -> Response in
            await download { HTTPResponses.jsonDownload(try await search(request, backend).1, filename: "search.json") }
        }
        router.get("search/counts.csv") { request, _ -> Response in
            await download { HTTPResponses.csv(try await searchCounts(request, backend).table, filename: "search-counts.csv") }
        }
        router.get("search/counts.json") { request, _ -> Response in
            await download { HTTPResponses.jsonDownload(try await searchCounts(request, backend), filename: "search-counts.json") }
        }
        router.get("concordance.csv") { request, _ -> Response in
            await download {
                let response = try await backend.concordance(try concordanceRequest(RequestParameters(request), requireQuery: true))
                return HTTPResponses.csv(ConcordancePage.table(response), filename: "concordance.csv")
            }
        }
        router.get("concordance.json") { request, _ -> Response in
            await download {
                let response = try await backend.concordance(try concordanceRequest(RequestParameters(request), requireQuery: true))
                return HTTPResponses.jsonDownload(response, filename: "concordance.json")
            }
        }
    }

    /// The corpus chart's word list, or why there is none.
    static func wordList(_ backend: some ReportBackend) async -> Result<WordListResponse, ProtocolError> {
        do {
            return .success(try await backend.analysis(.wordlist, CorpusPage.wordListRequest(), as: WordListResponse.self))
        } catch {
            return .failure(HTTPResponses.protocolError(error))
        }
    }

    static func corpus(_ request: Request, _ backend: some ReportBackend) async throws -> [DocumentSummary] {
        let parameters = RequestParameters(request)
        let sort = try parameters.choice("sort", default: CorpusPage.Column.title)
        let order = try parameters.choice("order", default: SortOrder.ascending)
        return CorpusPage.sorted(try await backend.documents(), by: sort, order: order)
    }

    static func searchRequest(_ parameters: RequestParameters) throws -> SearchRequest {
        let query = try parameters.required("q")
        let documentID = parameters.nonEmpty("doc")
        let offset = try parameters.integer("offset", default: 0, in: 0...1_000_000)
        let limit = try parameters.integer("limit", default: documentID == nil ? 10 : 20, in: 1...1000)
        return SearchRequest(query: query, documentID: documentID, limit: limit, offset: offset, passagesPerDocument: SearchPage.passagesPerDocument)
    }

    static func search(_ request: Request, _ backend: some ReportBackend) async throws -> (SearchRequest, SearchResponse) {
        let searchRequest = try searchRequest(RequestParameters(request))
        return (searchRequest, try await backend.search(searchRequest))
    }

    static func searchCounts(_ request: Request, _ backend: some ReportBackend) async throws -> SearchCounts {
        let parameters = RequestParameters(request)
        let query = try parameters.required("q")
        let documentID = parameters.nonEmpty("doc")
        let answer = try await backend.search(
            SearchRequest(query: query, documentID: documentID, limit: 0, passagesPerDocument: 1, highlight: false, counts: true)
        )
        return try await searchCounts(query: query, documentID: documentID, answer: answer, backend)
    }

    /// The counts of a search asked with `counts`: index's, or from an index that does not
    /// count (protocol 1 before 2026-12-03), made from a second search listing every passage.
    static func searchCounts(query: String, documentID: String?, answer: SearchResponse, _ backend: some ReportBackend) async throws -> SearchCounts {
        if let counts = answer.counts {
            return SearchCounts(query: query, counts: counts)
        }
        let every = try await backend.search(
            SearchCounts.request(query: query, documentID: documentID, totalPassages: answer.totalPassages, totalDocuments: answer.totalDocuments)
        )
        return SearchCounts(query: query, documentID: documentID, response: every)
    }

    /// The concordance parameters: `q`, `doc`, `sort` (document, left1…left3, right1…right3),
    /// `context` (0…20 words), `offset`, `limit` (1…1000).
    static func concordanceRequest(_ parameters: RequestParameters, requireQuery: Bool) throws -> KWICRequest {
        let query = requireQuery ? try parameters.required("q") : (parameters.string("q") ?? "")
        return KWICRequest(
            query: query,
            documentID: parameters.nonEmpty("doc"),
            context: try parameters.integer("context", default: ConcordancePage.defaultContext, in: 0...20),
            sort: try parameters.choice("sort", default: ConcordanceSort.document),
            offset: try parameters.integer("offset", default: 0, in: 0...10_000_000),
            limit: try parameters.integer("limit", default: ConcordancePage.defaultLimit, in: 1...1000)
        )
    }

    // MARK: JSON API

    static func registerAPI(on router: Router<WorkbenchRequestContext>, backend: some ReportBackend) {
        router.get("healthz") { _, _ in "ok\n" }
        router.get("api/search") { request, _ -> Response in
            await HTTPResponses.jsonResult {
                let parameters = RequestParameters(request)
                var searchRequest = try searchRequest(parameters)
                searchRequest.passagesPerDocument = try parameters.integer("passages", default: 3, in: 1...100)
                return try await backend.search(searchRequest)
            }
        }
        router.get("api/kwic") { request, _ -> Response in
            // format=csv answers the same lines as the concordance page's CSV; anything else is named.
            let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
            guard format == "json" || format == "csv" else {
                return AnalysisRoutes.errorResponse(ProtocolError.badParameter("format", "'\(format)' is not json or csv"))
            }
            if format == "csv" {
                return await download {
                    var kwic = try concordanceRequest(RequestParameters(request), requireQuery: true)
                    kwic.limit = try RequestParameters(request).integer("limit", default: 100, in: 1...10_000)
                    return HTTPResponses.csv(ConcordancePage.table(try await backend.concordance(kwic)), filename: "kwic.csv")
                }
            }
            return await HTTPResponses.jsonResult {
                var kwic = try concordanceRequest(RequestParameters(request), requireQuery: true)
                kwic.limit = try RequestParameters(request).integer("limit", default: 100, in: 1...10_000)
                return try await backend.concordance(kwic)
            }
        }
        router.get("api/documents") { _, _ -> Response in
            await HTTPResponses.jsonResult { try await backend.documents() }
        }
        router.get("api/documents/:id") { _, context -> Response in
            await HTTPResponses.jsonResult { try await backend.document(id: try context.parameters.require("id")) }
        }
        router.get("api/status") { _, _ -> Response in
            await HTTPResponses.jsonResult { await backend.status() }
        }
    }

    // MARK: static files and events

    static func registerStatic(on router: Router<WorkbenchRequestContext>, staticFiles: StaticFiles) {
        router.get("static/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let file = staticFiles.files[name] else {
                return Response(
                    status: .notFound,
                    headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "no such file\n"))
                )
            }
            return Response(
                status: .ok,
                headers: [.contentType: file.contentType, .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(bytes: file.contents))
            )
        }
    }

    /// `GET /events`: Server-Sent Events, one `indexed` event per document index commits.
    static func registerEvents(on router: Router<WorkbenchRequestContext>, events: EventHub) {
        router.get("events") { _, _ -> Response in
            let stream = events.subscribe()
            let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
            return Response(
                status: .ok,
                headers: headers,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
                    for await event in stream {
                        try await writer.write(ByteBuffer(string: event.serverSentEvent))
                    }
                    try await writer.finish(nil)
                }
            )
        }
    }

    // MARK: helpers

    /// A page, or the error page with the status the error calls for.
    static func page(_ templates: Templates, query: String = "", _ render: () async throws -> String) async -> Response {
        do {
            return HTTPResponses.html(try await render())
        } catch let rendered as RenderedPage {
            return HTTPResponses.html(rendered.html, status: rendered.status)
        } catch {
            let protocolError = HTTPResponses.protocolError(error)
            return HTTPResponses.html(
                templates.render(ErrorPage(protocolError, query: query), page: "error"),
                status: HTTPResponses.status(for: protocolError)
            )
        }
    }

    /// A download, or its error as JSON.
    static func download(_ produce: () async throws -> Response) async -> Response {
        do {
            return try await produce()
        } catch {
            return HTTPResponses.errorJSON(HTTPResponses.protocolError(error))
        }
    }
}

/// A page already rendered for an error its own template shows (a bad query at its position).
struct RenderedPage: Error {
    var html: String
    var status: HTTPResponse.Status
}
