import Foundation
import SamizdatModel
import Synchronization
import ZeroMQ

/// Request/reply over a DEALER from async code: each request carries a fresh `req` id and
/// its reply is matched by that id, so many requests can be in flight at once.
public final class RequestClient: Sendable {
    private let socket: AsyncSocket
    private let pending = Waiters()
    private let counter = Atomic<UInt64>(0)
    private let prefix = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
    public let endpoint: String

    public init(context: Context, endpoint: String) throws {
        self.endpoint = endpoint
        socket = try AsyncSocket(name: "client \(endpoint)") {
            var options = Socket.Options()
            options.lingerMs = 0
            return try Socket.dealer(context, connecting: endpoint, options: options)
        }
        Task { [socket, pending] in
            while true {
                let frames: [Data]?
                do { frames = try await socket.receive() } catch { break }
                guard let frames, let m = try? WireMessage.decode(frames), let req = m.requestID else { continue }
                pending.take(req)?.resume(returning: m)
            }
            for c in pending.takeAll() { c.resume(throwing: ProtocolError(.unavailable, "connection closed")) }
        }
    }

    /// A fresh request id.
    public func nextRequestID() -> String {
        "\(prefix)-\(counter.wrappingAdd(1, ordering: .relaxed).newValue)"
    }

    /// Sends what `make` builds with a fresh request id and waits for the reply with that id.
    /// Throws `ProtocolError(.unavailable)` when no reply comes within `timeout`.
    public func request(timeout: Duration, _ make: (String) throws -> WireMessage) async throws -> WireMessage {
        try await request(id: nextRequestID(), timeout: timeout, make)
    }

    /// As above with a given request id: a retry with the same id is de-duplicated by the server.
    public func request(id: String, timeout: Duration, _ make: (String) throws -> WireMessage) async throws -> WireMessage {
        let message = try make(id)
        let endpoint = self.endpoint
        return try await withThrowingTaskGroup(of: WireMessage?.self) { group in
            group.addTask { [socket, pending] in
                try await withCheckedThrowingContinuation { (c: CheckedContinuation<WireMessage, Error>) in
                    pending.put(id, c)
                    Task {
                        do { try await socket.send(message.frames) } catch {
                            pending.take(id)?.resume(throwing: error)
                        }
                    }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            if let reply = first { return reply }
            if let c = pending.take(id) {
                c.resume(throwing: ProtocolError(.unavailable, "no reply from \(endpoint) within \(timeout)"))
            }
            // The request task now finishes with that error (or a reply that raced the timeout).
            if let late = try await group.next(), let reply = late { return reply }
            throw ProtocolError(.unavailable, "no reply from \(endpoint) within \(timeout)")
        }
    }

    /// Decodes a `result` body, or throws the `error` reply's ProtocolError.
    public static func result<T: Decodable>(_ m: WireMessage, as: T.Type) throws -> T {
        switch m.kind {
        case .result: return try m.body(0, as: T.self)
        case .error: throw try m.header(as: ErrorHeader.self).error
        default: throw ProtocolError(.unexpectedKind, "expected a result, got '\(m.kind.rawValue)'")
        }
    }

    public func close() async { await socket.close() }
}

/// Requests waiting for their reply, by request id.
final class Waiters: Sendable {
    private let map = Mutex<[String: CheckedContinuation<WireMessage, Error>]>([:])
    func put(_ id: String, _ c: CheckedContinuation<WireMessage, Error>) { map.withLock { $0[id] = c } }
    func take(_ id: String) -> CheckedContinuation<WireMessage, Error>? { map.withLock { $0.removeValue(forKey: id) } }
    func takeAll() -> [CheckedContinuation<WireMessage, Error>] {
        map.withLock { m in
            defer { m.removeAll() }
            return Array(m.values)
        }
    }
}
