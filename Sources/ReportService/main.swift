import Hummingbird
import ReportHTTP
import SamizdatService
import ZeroMQ

await ServiceMain.run(service: "report") { config, logger, context in
    let backends = try Backends(config: config, context: context)
    let events = EventHub()
    let app = Application(
        router: Routes.router(backends: backends, events: events, metrics: ReportMetrics(backends: backends, logger: logger)),
        configuration: .init(address: .hostname(config.httpHost, port: config.httpPort), serverName: "samizdat-report"),
        logger: logger
    )
    logger.event("listen", "HTTP listening", ["net.host": .string(config.httpHost), "net.port": .int(config.httpPort)])
    // Services stop in reverse order: the event subscriber first, so open event streams end
    // before the HTTP server waits for its connections.
    return [
        ClientAPI(config: config, logger: logger, context: context, backends: backends, metrics: ReportMetrics(backends: backends, logger: logger)),
        app,
        EventSubscriber(config: config, logger: logger, context: context, hub: events),
    ]
}
