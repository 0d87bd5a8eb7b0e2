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

    /// `make` builds the services on the one ZeroMQ context of the process, which ends after them.
    public static func run(
        service: String,
        _ make: @Sendable (SamizdatConfig, Logger, Context) async throws -> [any Service]
    ) async {
        let config: SamizdatConfig
        do { config = try await SamizdatConfig.load() } catch {
            FileHandle.standardError.write(Data("samizdat-\(service): cannot read configuration: \(error)\n".utf8))
            exit(2)
        }
        SamizdatLogging.bootstrap(service: service, instance: config.instance, level: config.logLevelValue)
        ServiceMetrics.bootstrap()
        let logger = Logger(label: "samizdat.\(service)")
        let context = Context()
        do {
            let services = try await make(config, logger, context)
            let group = ServiceGroup(
                configuration: .init(
                    services: services.map { .init(service: $0) },
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            logger.event("start", "\(service) starting", ["config.data_dir": .string(config.dataDir)])
            try await group.run()
            logger.event("stop", "\(service) stopped")
        } catch {
            context.terminate(within: contextTermination)
            logger.event("fatal", "\(service) stopped on an error: \(error)", level: .critical, ["error.message": .string("\(error)")])
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
}
