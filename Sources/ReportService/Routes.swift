import Hummingbird
import ReportHTTP

/// Every group of routes report serves over HTTP, registered in this one place.
enum Routes {
    static func router(backends: Backends, events: EventHub, metrics: ReportMetrics) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        WorkbenchRoutes.register(on: router, backend: backends, events: events)
        metrics.register(on: router)
        return router
    }
}
