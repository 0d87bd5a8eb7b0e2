import Hummingbird
import SamizdatService
import ZeroMQ

await ServiceMain.run(service: "report") { config, logger in
    let context = Context()
    let backends = try Backends(config: config, context: context)
    let app = Application(
        router: HTTPRoutes.router(backends),
        configuration: .init(address: .hostname(config.httpHost, port: config.httpPort), serverName: "samizdat-report"),
        logger: logger)
    logger.event("listen", "HTTP listening", ["host": .string(config.httpHost), "port": "\(config.httpPort)"])
    return [ClientAPI(config: config, logger: logger, context: context, backends: backends), app]
}
