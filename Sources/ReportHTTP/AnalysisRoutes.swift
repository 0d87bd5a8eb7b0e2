import Foundation
import Hummingbird
import SamizdatModel
import SamizdatReports

/// The analysis reports over HTTP: `/api/<report>?…` answers JSON, or CSV with `format=csv`.
/// Parameters are read strictly (`ReportQuery`): a bad one is a 400 whose JSON names it.
enum AnalysisRoutes {
    /// Asks index for a report with its JSON request and answers the JSON result.
    typealias Ask = @Sendable (MessageKind, Data) async throws -> Data

    static func add(to router: Router<WorkbenchRequestContext>, backend: some ReportBackend) {
        let ask: Ask = { kind, body in try await backend.report(kind, body: body) }
        route(router, "api/citations", .citations, ask: ask, build: CitationsRequest.init(query:), csv: CitationIndex.csv)
        route(router, "api/words", .wordlist, ask: ask, build: WordListRequest.init(query:), csv: { (report: WordListResponse) in report.csv })
        route(router, "api/ngrams", .ngrams, ask: ask, build: NGramsRequest.init(query:), csv: { (report: NGramsResponse) in report.csv })
        route(
            router,
            "api/collocates",
            .collocates,
            ask: ask,
            build: CollocatesRequest.init(query:),
            csv: { (report: CollocatesResponse) in report.csv }
        )
        route(router, "api/keywords", .keywords, ask: ask, build: KeywordsRequest.init(query:), csv: { (report: KeywordsResponse) in report.csv })
        route(
            router,
            "api/dispersion",
            .dispersion,
            ask: ask,
            build: DispersionRequest.init(query:),
            csv: { (report: DispersionResponse) in report.csv }
        )
        route(router, "api/trends", .trends, ask: ask, build: TrendsRequest.init(query:), csv: { (report: TrendsResponse) in report.csv })
        route(router, "api/compare", .compare, ask: ask, build: CompareRequest.init(query:), csv: { (report: CompareResponse) in report.csv })
    }

    /// One report route: parameters → request → index → JSON or CSV.
    static func route<Request: Encodable & Sendable, Report: Decodable & Sendable>(
        _ router: Router<WorkbenchRequestContext>,
        _ path: String,
        _ kind: MessageKind,
        ask: @escaping Ask,
        build: @escaping @Sendable (inout ReportQuery) throws(ProtocolError) -> Request,
        csv: @escaping @Sendable (Report) -> CSVTable
    ) {
        router.get(RouterPath(path)) { request, _ -> Response in
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters {
                parameters[String(name)] = String(value)
            }
            do {
                var query = ReportQuery(parameters)
                let format = query.values["format"] ?? "json"
                guard format == "json" || format == "csv" else {
                    throw ProtocolError.badParameter("format", "'\(format)' is not json or csv")
                }
                let body = try WireCoding.encoder.encode(try build(&query))
                let answer = try await ask(kind, body)
                if format == "csv" {
                    let table = csv(try WireCoding.decoder.decode(Report.self, from: answer))
                    return Response(
                        status: .ok,
                        headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(kind.rawValue).csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: table.text))
                    )
                }
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: answer)))
            } catch {
                return errorResponse(error)
            }
        }
    }

    /// A refusal as JSON: 400 for a bad parameter or query, 404 for an unknown document or
    /// chapter, 503 when index does not answer, 500 otherwise.
    static func errorResponse(_ error: any Error) -> Response {
        HTTPResponses.errorJSON(HTTPResponses.protocolError(error))
    }
}
