import Foundation
import Hummingbird
import Logging
import ReportHTTP
import SamizdatModel
import SamizdatService

/// report's `/metrics`: its own metrics and those ingest (with its segment workers') and index
/// answer to a `metrics` request, merged into one exposition. Every sample carries the `service`
/// that recorded it; `samizdat_report_backend_up` says which backend answered this scrape.
struct ReportMetrics: Sendable {
    let backends: Backends
    let logger: Logger

    /// The merged exposition. A backend that does not answer (or answers what is not an exposition)
    /// is `backend_up 0` and left out; what the others recorded is still served.
    func exposition() async -> String {
        async let ingest = backendExposition(backends.ingest)
        async let index = backendExposition(backends.index)
        let answers = [("ingest", await ingest), ("index", await index)]
        var parts: [PrometheusExposition] = []
        for (backend, answer) in answers {
            switch answer {
            case .success(let exposition):
                parts.append(exposition)
                MetricCatalog.reportBackendUp.gauge([("backend", backend)]).record(1)
            case .failure(let error):
                MetricCatalog.reportBackendUp.gauge([("backend", backend)]).record(0)
                logger.event("metrics_unavailable", "no metrics from \(backend): \(error)", level: .warning, ["error.message": .string("\(error)")])
            }
        }
        do {
            let own = try ServiceMetrics.exposition(labels: [.init("service", "report")])
            return try PrometheusExposition.merging([own] + parts).text
        } catch {
            logger.event("metrics_unavailable", "cannot merge the metrics: \(error)", level: .error, ["error.message": .string("\(error)")])
            return (try? ServiceMetrics.exposition(labels: [.init("service", "report")]).text) ?? ""
        }
    }

    private func backendExposition(_ client: RequestClient) async -> Result<PrometheusExposition, any Error> {
        do {
            let reply = try await client.request(timeout: backends.timeout) { try WireMessage(.metrics, RequestHeader(req: $0)) }
            switch reply.kind {
            case .result:
                guard let body = reply.body.first else { throw ProtocolError(.truncatedMessage, "the metrics result has no body") }
                return .success(try PrometheusExposition(parsing: String(decoding: body, as: UTF8.self)))
            case .error:
                throw try reply.header(as: ErrorHeader.self).error
            default:
                throw ProtocolError(.unexpectedKind, "expected a result, got '\(reply.kind.rawValue)'")
            }
        } catch {
            return .failure(error)
        }
    }

    /// `GET /metrics` in Prometheus text format 0.0.4.
    func register(on router: Router<WorkbenchRequestContext>) {
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: await exposition()))
            )
        }
    }
}
