import CZeroMQ
import Foundation
import Synchronization

/// How a connection's security handshake ended, as libzmq's socket monitor reports it.
public enum HandshakeEvent: Sendable, Equatable {
    case succeeded(endpoint: String)
    /// The peer's authenticator refused us, or ours refused the peer: `status` is the ZAP status code
    /// (400 for a key not on the allow-list).
    case refused(endpoint: String, status: UInt32)
    /// The two sides do not speak the same mechanism (one has CURVE keys, the other none) or the
    /// handshake broke the protocol; `code` is libzmq's ZMQ_PROTOCOL_ERROR_* value.
    case protocolFailure(endpoint: String, code: UInt32)
    /// The handshake failed without libzmq saying why (a peer that closed mid-handshake).
    case failed(endpoint: String)

    /// Whether the failure is a mechanism mismatch: one side has no keys.
    public var isMechanismMismatch: Bool {
        if case .protocolFailure(_, let code) = self { return code == UInt32(ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH) }
        return false
    }

    /// What happened, in words for a log line or an error.
    public var summary: String {
        switch self {
        case .succeeded(let endpoint):
            "handshake with \(endpoint) succeeded"
        case .refused(let endpoint, let status):
            "\(endpoint): the key was refused by the authenticator (ZAP status \(status))"
        case .protocolFailure(let endpoint, let code):
            isMechanismMismatch
                ? "\(endpoint): security mechanism mismatch (one side uses CURVE keys, the other none)"
                : "\(endpoint): handshake protocol error 0x\(String(code, radix: 16))"
        case .failed(let endpoint):
            "\(endpoint): handshake failed (a peer without CurveZMQ keys, or one that closed mid-handshake)"
        }
    }
}

/// Watches one socket's handshakes through libzmq's socket monitor, on a thread of its own, and hands
/// each outcome to `report`. Start it on the thread that owns the socket, right after creating it;
/// the monitor ends when the socket is closed or the context ends.
public final class HandshakeMonitor: Sendable {
    private let lastFailure = Mutex<HandshakeEvent?>(nil)

    /// The most recent failed handshake, if any since the last success.
    public var recentFailure: HandshakeEvent? { lastFailure.withLock { $0 } }

    public init(socket: Socket, context: Context, report: @escaping @Sendable (HandshakeEvent) -> Void = { _ in }) throws {
        let endpoint = "inproc://zeromq.monitor.\(UUID().uuidString)"
        let events =
            ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
            | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
        guard zmq_socket_monitor(socket.handle, endpoint, events) == 0 else { throw ZeroMQError.last("socket_monitor") }
        var options = Socket.Options()
        options.lingerMs = 0
        let reader = try Socket(context, .pair, options: options)
        try reader.connect(endpoint)
        let transfer = MonitorTransfer(socket: reader)
        let thread = Thread { [self] in
            Self.read(transfer.socket) { event in
                self.lastFailure.withLock { last in
                    if case .succeeded = event { last = nil } else { last = event }
                }
                report(event)
            }
        }
        thread.name = "zmq-monitor"
        thread.start()
    }

    private static func read(_ socket: Socket, _ deliver: (HandshakeEvent) -> Void) {
        defer { socket.close() }
        while true {
            let frames: [Data]
            do {
                guard let received = try socket.receive() else { continue }
                frames = received
            } catch {
                return
            }
            switch decode(frames) {
            case .handshake(let event): deliver(event)
            case .other: continue
            case .stopped: return
            }
        }
    }

    /// What one monitor message says.
    enum MonitorMessage: Equatable {
        case handshake(HandshakeEvent)
        case other
        /// The socket was closed: no more events.
        case stopped
    }

    /// One monitor message: a 6-byte frame (event number, value; little-endian) and the endpoint.
    static func decode(_ frames: [Data]) -> MonitorMessage {
        guard frames.count >= 2, frames[0].count >= 6 else { return .other }
        let bytes = [UInt8](frames[0])
        let event = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
        let value = UInt32(bytes[2]) | UInt32(bytes[3]) << 8 | UInt32(bytes[4]) << 16 | UInt32(bytes[5]) << 24
        let endpoint = String(decoding: frames[1], as: UTF8.self)
        switch Int32(event) {
        case ZMQ_EVENT_MONITOR_STOPPED: return .stopped
        case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: return .handshake(.succeeded(endpoint: endpoint))
        case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: return .handshake(.refused(endpoint: endpoint, status: value))
        case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: return .handshake(.protocolFailure(endpoint: endpoint, code: value))
        case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: return .handshake(.failed(endpoint: endpoint))
        default: return .other
        }
    }
}

/// Hands the monitor's reading socket to its thread.
private struct MonitorTransfer: @unchecked Sendable {
    let socket: Socket
}
