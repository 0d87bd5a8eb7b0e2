import CZeroMQ
import Foundation

/// One connection attempt as the ZeroMQ Authentication Protocol (ZAP, RFC 27) presents it.
public struct ZAPRequest: Sendable, Equatable {
    /// The server socket's ZAP domain.
    public var domain: String
    /// The client's IP address.
    public var address: String
    /// "NULL", "PLAIN" or "CURVE".
    public var mechanism: String
    /// The client's CURVE public key in Z85; nil for other mechanisms.
    public var clientKey: String?

    public init(domain: String, address: String, mechanism: String, clientKey: String?) {
        self.domain = domain
        self.address = address
        self.mechanism = mechanism
        self.clientKey = clientKey
    }
}

/// What the handler answers: allowed with the user id that every message of the connection then
/// carries (`ReceivedMessage.userId`), or refused with a reason.
public enum ZAPDecision: Sendable, Equatable {
    case allow(userId: String)
    case deny(reason: String)
}

/// Answers libzmq's authentication requests for every CURVE server socket of one context, on a thread
/// of its own (a REP socket bound at `inproc://zeromq.zap.01`). Start it before binding those sockets;
/// it ends when the context is shut down or terminated.
public final class ZAPHandler: Sendable {
    public static let endpoint = "inproc://zeromq.zap.01"

    private let ready = DispatchSemaphore(value: 0)

    /// Binds the handler's socket and starts its thread; `decide` runs on that thread for each request.
    public init(context: Context, decide: @escaping @Sendable (ZAPRequest) -> ZAPDecision) throws {
        let socket = try Socket(context, .rep, options: Self.options)
        try socket.bind(Self.endpoint)
        context.markAuthenticatorRunning()
        let transfer = SocketTransfer(socket: socket)
        let thread = Thread {
            Self.serve(transfer.socket, decide: decide)
        }
        thread.name = "zmq-zap"
        thread.start()
    }

    private static var options: Socket.Options {
        var options = Socket.Options()
        options.lingerMs = 0
        return options
    }

    private static func serve(_ socket: Socket, decide: (ZAPRequest) -> ZAPDecision) {
        defer { socket.close() }
        while true {
            let frames: [Data]
            do {
                guard let received = try socket.receive() else { continue }
                frames = received
            } catch {
                return  // terminated: the context is ending
            }
            let reply = answer(frames, decide: decide)
            do { try socket.send(reply) } catch { return }
        }
    }

    /// The reply to one request: version, request id, status code, status text, user id, metadata.
    static func answer(_ frames: [Data], decide: (ZAPRequest) -> ZAPDecision) -> [Data] {
        let version = Data("1.0".utf8)
        guard frames.count >= 6, frames[0] == version else {
            let requestId = frames.count > 1 ? frames[1] : Data()
            return [version, requestId, Data("500".utf8), Data("malformed ZAP request".utf8), Data(), Data()]
        }
        let requestId = frames[1]
        let mechanism = String(decoding: frames[5], as: UTF8.self)
        var clientKey: String?
        if mechanism == "CURVE", frames.count >= 7 {
            clientKey = try? CurveKeyPair.encode(frames[6])
        }
        let request = ZAPRequest(
            domain: String(decoding: frames[2], as: UTF8.self),
            address: String(decoding: frames[3], as: UTF8.self),
            mechanism: mechanism,
            clientKey: clientKey
        )
        switch decide(request) {
        case .allow(let userId):
            return [version, requestId, Data("200".utf8), Data("OK".utf8), Data(userId.utf8), Data()]
        case .deny(let reason):
            return [version, requestId, Data("400".utf8), Data(reason.utf8), Data(), Data()]
        }
    }
}

/// Hands a socket to the thread that will own it from then on.
private struct SocketTransfer: @unchecked Sendable {
    let socket: Socket
}
