import Foundation
import Logging
import ReportHTTP
import SamizdatModel
import SamizdatService
import ServiceLifecycle
import ZeroMQ

/// Subscribes to index's `indexed` events (`report.events`) on a SUB socket of its own thread and
/// hands each to the open pages through the hub; every 15 s of quiet it sends a keep-alive.
/// On shutdown it closes the hub, so open event streams end and the HTTP server can stop.
struct EventSubscriber: Service {
    let config: SamizdatConfig
    let logger: Logger
    let context: Context
    let security: ServiceSecurity
    let hub: EventHub

    static let keepAliveMs = 15_000

    func run() async throws {
        let options = try security.clientOptions(of: .index)
        let loop = LoopService(name: "report-events") { [config, logger, context, hub] stop in
            defer { hub.close() }
            let socket = try Socket.sub(context, connecting: config.reportEvents, options: options)
            defer { socket.close() }
            logger.event("subscribe", "subscribed to index events", ["net.endpoint": .string(config.reportEvents)])
            var poller = Poller()
            let socketIndex = poller.add(socket)
            poller.add(fd: stop.wakeup.fd)
            while !stop.requested {
                switch try poller.poll(timeoutMs: Self.keepAliveMs) {
                case .timedOut:
                    hub.publish(.keepAlive)
                case .interrupted:
                    continue
                case .ready(let ready):
                    guard ready.contains(socketIndex) else {
                        continue
                    }
                    for frames in try socket.receiveBatch() {
                        Self.forward(frames, to: hub, logger: logger)
                    }
                }
            }
        }
        try await loop.run()
    }

    static func forward(_ frames: [Data], to hub: EventHub, logger: Logger) {
        do {
            let message = try WireMessage.decode(frames)
            guard message.kind == .indexed else {
                return
            }
            hub.publish(.indexed(try message.header(as: IndexedHeader.self)))
        } catch {
            logger.event("rejected", "unreadable event from index: \(error)", level: .warning)
        }
    }
}
