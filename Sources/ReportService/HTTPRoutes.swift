import Foundation
import Hummingbird
import SamizdatModel
import SamizdatReports

/// report's HTTP face: pages for people, JSON for programs, /metrics for Prometheus, /healthz for orchestrators.
enum HTTPRoutes {
    static func router(_ backends: Backends) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("healthz") { _, _ in "ok\n" }
        router.get("/") { _, _ -> Response in
            async let docs = backends.documents()
            async let status = backends.status()
            do { return html(HTMLPage.documents(try await docs, stats: await status.index)) } catch {
                _ = await status
                return html(HTMLPage.error("\(error)"), status: .serviceUnavailable)
            }
        }
        router.get("search") { request, _ -> Response in
            let q = request.uri.queryParameters.get("q") ?? ""
            guard !q.isEmpty else { return html(HTMLPage.error("type a query", query: q), status: .badRequest) }
            do {
                let r = try await backends.query(.search, body: SearchRequest(query: q, limit: 20), as: SearchResponse.self)
                return html(HTMLPage.search(r))
            } catch let e as ProtocolError {
                return html(HTMLPage.error(e.description, query: q), status: e.code == .badQuery ? .badRequest : .serviceUnavailable)
            }
        }
        router.get("api/search") { request, _ -> Response in
            let q = request.uri.queryParameters.get("q") ?? ""
            let limit = request.uri.queryParameters.get("limit").flatMap(Int.init) ?? 10
            let offset = request.uri.queryParameters.get("offset").flatMap(Int.init) ?? 0
            let doc = request.uri.queryParameters.get("doc")
            return await jsonResult { try await backends.query(.search, body: SearchRequest(query: q, documentID: doc, limit: limit, offset: offset), as: SearchResponse.self) }
        }
        router.get("api/kwic") { request, _ -> Response in
            let p = request.uri.queryParameters
            let q = p.get("q") ?? ""
            let sort = p.get("sort").flatMap(ConcordanceSort.init(rawValue:)) ?? .document
            let req = KWICRequest(query: q, documentID: p.get("doc"), context: p.get("context").flatMap(Int.init) ?? 5, sort: sort,
                                  offset: p.get("offset").flatMap(Int.init) ?? 0, limit: p.get("limit").flatMap(Int.init) ?? 100)
            return await jsonResult { try await backends.query(.kwic, body: req, as: KWICResponse.self) }
        }
        router.get("api/documents") { _, _ -> Response in await jsonResult { try await backends.documents() } }
        AnalysisRoutes.add(to: router) { kind, body in try await backends.report(kind, body: body) }
        router.get("api/documents/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return await jsonResult { try await backends.document(id: id) }
        }
        router.get("api/status") { _, _ -> Response in await jsonResult { await backends.status() } }
        router.get("metrics") { _, _ -> Response in
            let s = await backends.status()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: PrometheusText.render(s))))
        }
        return router
    }

    static func html(_ s: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    static func jsonResult(_ f: () async throws -> some Encodable) async -> Response {
        do {
            let data = try WireCoding.encoder.encode(try await f())
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch {
            let e = error as? ProtocolError ?? ProtocolError(.internal, "\(error)")
            let status: HTTPResponse.Status = switch e.code {
            case .badQuery, .badHeader: .badRequest
            case .notFound: .notFound
            case .unavailable: .serviceUnavailable
            default: .internalServerError
            }
            let body = (try? WireCoding.encoder.encode(ErrorHeader(req: nil, e))) ?? Data()
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
