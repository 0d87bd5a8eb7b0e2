import Hummingbird
import Metrics
import SamizdatService

/// Times every HTTP request into `samizdat_report_http_request_duration_seconds`, labelled with the
/// matched route pattern (`unmatched` for none, so unknown URLs cannot grow the label set), method
/// and status. A streamed body (`/events`) is timed to its response head.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let started = clock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            record(request, context, status: status, took: clock.now - started)
            return response
        } catch {
            status = Int((error as? any HTTPResponseError)?.status.code ?? 500)
            record(request, context, status: status, took: clock.now - started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, took: Duration) {
        let dimensions = [("route", context.endpointPath ?? "unmatched"), ("method", request.method.rawValue), ("status", "\(status)")]
        MetricCatalog.reportHTTPRequest.timer(dimensions).record(duration: took)
    }
}
