import Hummingbird
import ReportHTTP
import SamizdatService
import ZeroMQ

await ServiceMain.run(service: .report) { config, logger, context, security in
    let backends = try Backends(config: config, context: context, security: security)
    let events = EventHub()
    let limiter = try requestLimiter(config)
    if limiter == nil {
        logger.event("limits.off", "report.requestsPerSecond is 0: HTTP clients are not limited", level: .warning)
    }
    let app = Application(
        router: Routes.router(backends: backends, events: events, metrics: ReportMetrics(backends: backends, logger: logger), limiter: limiter),
        configuration: .init(address: .hostname(config.httpHost, port: config.httpPort), serverName: "samizdat-report"),
        logger: logger
    )
    logger.event("listen", "HTTP listening", ["net.host": .string(config.httpHost), "net.port": .int(config.httpPort)])
    // Services stop in reverse order: the event subscriber first, so open event streams end
    // before the HTTP server waits for its connections.
    return [
        ClientAPI(
            config: config,
            logger: logger,
            context: context,
            security: security,
            backends: backends,
            metrics: ReportMetrics(backends: backends, logger: logger)
        ),
        app,
        EventSubscriber(config: config, logger: logger, context: context, security: security, hub: events),
    ]
}

/// The per-client HTTP limit the configuration asks for; nil when it is turned off.
func requestLimiter(_ config: SamizdatConfig) throws -> ClientRateLimiter? {
    guard config.requestsPerSecond.isFinite, config.requestsPerSecond >= 0 else {
        throw ReportStartError("report.requestsPerSecond must be a number ≥ 0 (0 turns the limit off), not \(config.requestsPerSecond)")
    }
    if config.requestsPerSecond == 0 { return nil }
    guard config.requestBurst >= 1 else {
        throw ReportStartError("report.requestBurst must be a whole number ≥ 1, not \(config.requestBurst)")
    }
    return ClientRateLimiter(limit: .init(requestsPerSecond: config.requestsPerSecond, burst: config.requestBurst))
}

/// Why report cannot start.
struct ReportStartError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
