import Hummingbird
import ReportHTTP

/// Every group of routes report serves over HTTP, registered in this one place.
enum Routes {
    /// `limiter` nil: no per-client request limit (`report.requestsPerSecond` 0).
    static func router(
        backends: Backends,
        events: EventHub,
        metrics: ReportMetrics,
        limiter: ClientRateLimiter?
    ) -> Router<WorkbenchRequestContext> {
        let router = Router(context: WorkbenchRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        if let limiter {
            router.add(middleware: ClientRateLimitMiddleware(limiter: limiter))
        }
        WorkbenchRoutes.register(on: router, backend: backends, events: events)
        metrics.register(on: router)
        return router
    }
}
