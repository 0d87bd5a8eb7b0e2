import Hummingbird
import ReportHTTP

/// Every group of routes report serves over HTTP, registered in this one place.
enum Routes {
    static func router(backends: Backends, events: EventHub) -> Router<BasicRequestContext> {
        let router = Router()
        WorkbenchRoutes.register(on: router, backend: backends, events: events)
        return router
    }
}
