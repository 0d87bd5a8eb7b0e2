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
    private let monitor = MonitorSlot()
    public let endpoint: String

    /// A client of `endpoint` with `security` (`.curveClient` with the server's public key, or plain).
    public init(context: Context, endpoint: String, security: SocketSecurity = .plain) throws {
        self.endpoint = endpoint
        let monitor = self.monitor
        socket = try AsyncSocket(name: "client \(endpoint)") {
            var options = Socket.Options()
            options.lingerMs = 0
            options.security = security
            let socket = try Socket.dealer(context, connecting: endpoint, options: options)
            let watcher = try HandshakeMonitor(socket: socket, context: context)
            monitor.value.withLock { $0 = watcher }
            return socket
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
            let failure = timeoutError(timeout)
            if let c = pending.take(id) {
                c.resume(throwing: failure)
            }
            // The request task now finishes with that error (or a reply that raced the timeout).
            if let late = try await group.next(), let reply = late { return reply }
            throw failure
        }
    }

    /// Why no reply came: the server refused this client's key or mechanism (the handshake monitor saw
    /// it), or the server did not answer.
    private func timeoutError(_ timeout: Duration) -> Error {
        guard let failure = monitor.value.withLock({ $0?.recentFailure }) else {
            return ProtocolError(.unavailable, "no reply from \(endpoint) within \(timeout)")
        }
        return RequestClientError.notAuthenticated(endpoint: endpoint, handshake: failure)
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

/// The client socket's handshake monitor, made on the socket's thread once the socket exists.
final class MonitorSlot: Sendable {
    let value = Mutex<HandshakeMonitor?>(nil)
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

/// A request that never reached the server's application: the security handshake failed.
public enum RequestClientError: Error, Equatable, CustomStringConvertible {
    case notAuthenticated(endpoint: String, handshake: HandshakeEvent)

    public var description: String {
        switch self {
        case .notAuthenticated(let endpoint, let handshake):
            if handshake.isMechanismMismatch {
                return "not_authenticated: \(endpoint) did not accept the connection: one side uses CurveZMQ keys and the other none "
                    + "(give the client its key with --keys DIR, or start both sides with --insecure)"
            }
            if case .refused = handshake {
                return "not_authenticated: \(endpoint) refused this client's key: it is not in the server's clients.txt "
                    + "(or not allowed on that socket)"
            }
            return "not_authenticated: \(handshake.summary)"
        }
    }
}
