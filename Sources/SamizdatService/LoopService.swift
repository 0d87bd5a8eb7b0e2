import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import ZeroMQ

/// Tells a poll loop on its own thread to finish: `requested` turns true and `wakeup` fires.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    /// Add `wakeup.fd` to the loop's poller so a stop request ends its wait at once.
    public let wakeup = Wakeup()

    public init() {}

    public var requested: Bool { flag.load(ordering: .acquiring) }

    public func request() {
        flag.store(true, ordering: .releasing)
        wakeup.signal()
    }
}

/// A service whose work is one blocking poll loop on a dedicated thread (its sockets live there).
/// Graceful shutdown (SIGTERM, SIGINT) sets the stop signal; the loop finishes its in-flight work,
/// closes its sockets with their bounded linger and returns.
public struct LoopService: Service {
    let name: String
    let body: @Sendable (StopSignal) throws -> Void

    public init(name: String, body: @escaping @Sendable (StopSignal) throws -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        let stop = StopSignal()
        try await withGracefulShutdownHandler {
            try await SocketThread.run(name: name) { try body(stop) }
        } onGracefulShutdown: {
            stop.request()
        }
    }
}

/// What every executable's `main` does: read config, bootstrap logging, run its services until SIGTERM/SIGINT.
public enum ServiceMain {
    /// How long a stopping service waits for its ZeroMQ context to end (lingering sends, I/O threads).
    static let contextTermination = Duration.seconds(2)

    /// `make` builds the services on the one ZeroMQ context of the process, which ends after them, with
    /// the service's socket security: CurveZMQ keys from `keys.dir` (a ZAP handler on the context checks
    /// every connection against the key ring and logs each refusal), or plain sockets with `insecure`.
    public static func run(
        service: ServiceName,
        _ make: @Sendable (SamizdatConfig, Logger, Context, ServiceSecurity) async throws -> [any Service]
    ) async {
        let label = service.rawValue
        let config: SamizdatConfig
        do { config = try await SamizdatConfig.load() } catch {
            FileHandle.standardError.write(Data("samizdat-\(label): cannot read configuration: \(error)\n".utf8))
            exit(2)
        }
        SamizdatLogging.bootstrap(service: label, instance: config.instance, level: config.logLevelValue)
        ServiceMetrics.bootstrap()
        let logger = Logger(label: "samizdat.\(label)")
        let context = Context()
        do {
            let security = try ServiceSecurity.load(service: service, config: config)
            try startAuthentication(security, context: context, logger: logger)
            let services = try await make(config, logger, context, security)
            let group = ServiceGroup(
                configuration: .init(
                    services: services.map { .init(service: $0) },
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            logger.event("start", "\(label) starting", ["config.data_dir": .string(config.dataDir)])
            try await group.run()
            logger.event("stop", "\(label) stopped")
        } catch {
            context.terminate(within: contextTermination)
            logger.event("fatal", "\(label) stopped on an error: \(error)", level: .critical, ["error.message": .string("\(error)")])
            exit(1)
        }
        if !context.terminate(within: contextTermination) {
            logger.event(
                "stop.zeromq",
                "ZeroMQ did not end within \(contextTermination) (an I/O thread still resolving a host name?); exiting anyway",
                level: .warning
            )
        }
        exit(0)
    }

    /// Starts the ZAP handler that answers for every CURVE server socket of `context`, or warns that
    /// this service runs without authentication.
    static func startAuthentication(_ security: ServiceSecurity, context: Context, logger: Logger) throws {
        switch security.mode {
        case .insecure:
            logger.event(
                "auth.insecure",
                "running with --insecure: plain sockets, no keys; anyone who reaches a port may ingest, query and delete",
                level: .warning
            )
        case .curve(let ring):
            let live = LiveKeyRing(ring: ring, directory: security.keysDirectory) { error in
                logger.event("auth.reload_failed", "clients.txt changed but cannot be read; the previous allow-list stays: \(error)", level: .error)
            }
            _ = try ZAPHandler(context: context) { request in
                let decision = live.current().decide(request)
                if case .deny(let reason) = decision {
                    logger.event(
                        "auth.denied",
                        "connection refused: \(reason)",
                        level: .warning,
                        [
                            "auth.domain": .string(request.domain),
                            "net.peer": .string(request.address),
                            "auth.key": .string(request.clientKey ?? "-"),
                            "auth.mechanism": .string(request.mechanism),
                        ]
                    )
                }
                return decision
            }
            logger.event(
                "auth.curve",
                "CurveZMQ on every socket",
                [
                    "auth.service_key": .string((try? ring.keys(of: security.service).publicKey) ?? "-"),
                    "auth.clients": .string("\(ring.clients.count)"),
                ]
            )
        }
    }
}
