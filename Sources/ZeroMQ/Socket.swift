import CZeroMQ
import Foundation

/// One libzmq socket. Not thread-safe: create it, use it and close it on one thread
/// (see `SocketThread` and `AsyncSocket`). Closed on deinit with its linger bound.
public final class Socket {
    public enum Kind: Sendable {
        case router, dealer, push, pull, pub, sub, req, rep, pair
        /// PUSH and PUB only send.
        public var canReceive: Bool { self != .push && self != .pub }

        var raw: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .dealer: ZMQ_DEALER
            case .push: ZMQ_PUSH
            case .pull: ZMQ_PULL
            case .pub: ZMQ_PUB
            case .sub: ZMQ_SUB
            case .req: ZMQ_REQ
            case .rep: ZMQ_REP
            case .pair: ZMQ_PAIR
            }
        }
    }

    /// Defaults every Samizdat socket gets: a bounded linger (ms), high-water marks, ZMTP heartbeats.
    public struct Options: Sendable {
        public var lingerMs: Int32 = 1000
        public var sendHighWaterMark: Int32 = 1000
        public var receiveHighWaterMark: Int32 = 1000
        public var heartbeatIntervalMs: Int32 = 5000
        public var heartbeatTimeoutMs: Int32 = 15000
        /// Largest inbound message in bytes; -1 for no limit. Bigger messages drop the connection.
        public var maxMessageSize: Int64 = -1
        public var reconnectIntervalMs: Int32 = 100
        public var reconnectIntervalMaxMs: Int32 = 5000
        /// NULL (plain) unless set: CurveZMQ server or client.
        public var security: SocketSecurity = .plain
        public init() {}
    }

    let handle: UnsafeMutableRawPointer
    public let kind: Kind
    /// Held so the context outlives its sockets: terminating it under an open socket would
    /// make every call on the socket fail with ETERM.
    private let context: Context
    private var closed = false

    public init(_ context: Context, _ kind: Kind, options: Options = Options()) throws {
        guard let h = zmq_socket(context.handle, kind.raw) else { throw ZeroMQError.last("socket") }
        handle = h
        self.kind = kind
        self.context = context
        try set(ZMQ_LINGER, options.lingerMs)
        try set(ZMQ_SNDHWM, options.sendHighWaterMark)
        try set(ZMQ_RCVHWM, options.receiveHighWaterMark)
        try set(ZMQ_HEARTBEAT_IVL, options.heartbeatIntervalMs)
        try set(ZMQ_HEARTBEAT_TIMEOUT, options.heartbeatTimeoutMs)
        try set(ZMQ_HEARTBEAT_TTL, options.heartbeatTimeoutMs)
        try set(ZMQ_RECONNECT_IVL, options.reconnectIntervalMs)
        try set(ZMQ_RECONNECT_IVL_MAX, options.reconnectIntervalMaxMs)
        if options.maxMessageSize >= 0 { try set(ZMQ_MAXMSGSIZE, options.maxMessageSize) }
        if kind == .router { try set(ZMQ_ROUTER_MANDATORY, Int32(1)) }
        try apply(options.security, context: context)
    }

    deinit { close() }

    // MARK: constructors by intent

    /// A ROUTER bound to `endpoint`, with ROUTER_MANDATORY so sends to a gone peer fail instead of vanishing.
    public static func router(_ context: Context, binding endpoint: String, options: Options = Options()) throws -> Socket {
        let s = try Socket(context, .router, options: options)
        try s.bind(endpoint)
        return s
    }

    /// A DEALER connected to `endpoint`, optionally with a routing id.
    public static func dealer(_ context: Context, connecting endpoint: String, identity: String? = nil, options: Options = Options()) throws -> Socket
    {
        let s = try Socket(context, .dealer, options: options)
        if let identity { try s.set(ZMQ_ROUTING_ID, Data(identity.utf8)) }
        try s.connect(endpoint)
        return s
    }

    /// A PUSH connected to `endpoint`; ZMQ_IMMEDIATE so it queues only to completed connections.
    public static func push(_ context: Context, connecting endpoint: String, options: Options = Options()) throws -> Socket {
        let s = try Socket(context, .push, options: options)
        try s.set(ZMQ_IMMEDIATE, Int32(1))
        try s.connect(endpoint)
        return s
    }

    /// A PULL bound to `endpoint`.
    public static func pull(_ context: Context, binding endpoint: String, options: Options = Options()) throws -> Socket {
        let s = try Socket(context, .pull, options: options)
        try s.bind(endpoint)
        return s
    }

    /// A PUB bound to `endpoint`.
    public static func pub(_ context: Context, binding endpoint: String, options: Options = Options()) throws -> Socket {
        let s = try Socket(context, .pub, options: options)
        try s.bind(endpoint)
        return s
    }

    /// A SUB connected to `endpoint`, subscribed to messages whose first frame starts with `prefix` ("" = all).
    public static func sub(_ context: Context, connecting endpoint: String, prefix: String = "", options: Options = Options()) throws -> Socket {
        let s = try Socket(context, .sub, options: options)
        try s.set(ZMQ_SUBSCRIBE, Data(prefix.utf8))
        try s.connect(endpoint)
        return s
    }

    // MARK: endpoints

    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZeroMQError.last("bind \(endpoint)") }
    }

    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZeroMQError.last("connect \(endpoint)") }
    }

    public func disconnect(_ endpoint: String) throws {
        guard zmq_disconnect(handle, endpoint) == 0 else { throw ZeroMQError.last("disconnect \(endpoint)") }
    }

    /// The endpoint actually bound, e.g. after binding "tcp://127.0.0.1:*".
    public var lastEndpoint: String {
        var buf = [CChar](repeating: 0, count: 256)
        var len = buf.count
        zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buf, &len)
        return String(cString: buf)
    }

    // MARK: options

    public func set(_ option: Int32, _ value: Int32) throws {
        var v = value
        guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size) == 0 else { throw ZeroMQError.last("setsockopt \(option)") }
    }

    public func set(_ option: Int32, _ value: Int64) throws {
        var v = value
        guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int64>.size) == 0 else { throw ZeroMQError.last("setsockopt \(option)") }
    }

    public func set(_ option: Int32, _ value: Data) throws {
        let rc = value.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, value.count) }
        guard rc == 0 else { throw ZeroMQError.last("setsockopt \(option)") }
    }

    /// Whether a message can be received now (ZMQ_EVENTS has POLLIN).
    public var isReadable: Bool {
        var events: Int32 = 0
        var len = MemoryLayout<Int32>.size
        zmq_getsockopt(handle, ZMQ_EVENTS, &events, &len)
        return events & Int32(ZMQ_POLLIN) != 0
    }

    // MARK: messages

    /// Sends all frames as one multipart message. With `wait: false` throws `.again` instead of blocking.
    public func send(_ frames: [Data], wait: Bool = true) throws {
        precondition(!frames.isEmpty, "a message has at least one frame")
        for (i, frame) in frames.enumerated() {
            var flags: Int32 = i < frames.count - 1 ? ZMQ_SNDMORE : 0
            if !wait { flags |= ZMQ_DONTWAIT }
            let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, frame.count, flags) }
            if rc < 0 {
                // Frames after the first are queued atomically with it, so only the first can fail with EAGAIN.
                throw ZeroMQError.last("send")
            }
        }
    }

    /// Receives one multipart message; nil when `wait` is false and nothing is queued.
    public func receive(wait: Bool = true) throws -> [Data]? {
        try receiveMessage(wait: wait)?.frames
    }

    /// Receives one multipart message with the user id the ZAP handler gave its connection (nil on a
    /// socket without authentication); nil when `wait` is false and nothing is queued.
    public func receiveMessage(wait: Bool = true) throws -> ReceivedMessage? {
        var frames: [Data] = []
        var userId: String?
        var msg = zmq_msg_t()
        zmq_msg_init(&msg)
        defer { zmq_msg_close(&msg) }
        while true {
            let rc = zmq_msg_recv(&msg, handle, wait || !frames.isEmpty ? 0 : ZMQ_DONTWAIT)
            if rc < 0 {
                let err = ZeroMQError.last("receive")
                if err == .again && frames.isEmpty { return nil }
                if err == .interrupted && frames.isEmpty && !wait { return nil }
                throw err
            }
            // A ROUTER's routing-id frame is made by the socket and carries no metadata: take the
            // user id from the first frame that came over the connection.
            if userId == nil, let property = zmq_msg_gets(&msg, "User-Id") {
                let value = String(cString: property)
                userId = value.isEmpty ? nil : value
            }
            frames.append(Data(bytes: zmq_msg_data(&msg), count: zmq_msg_size(&msg)))
            if zmq_msg_more(&msg) == 0 { return ReceivedMessage(frames: frames, userId: userId) }
        }
    }

    /// Receives up to `limit` messages that are already queued, without blocking.
    public func receiveBatch(limit: Int = 256) throws -> [[Data]] {
        try receiveMessageBatch(limit: limit).map(\.frames)
    }

    /// Receives up to `limit` messages that are already queued, each with its sender's user id.
    public func receiveMessageBatch(limit: Int = 256) throws -> [ReceivedMessage] {
        var messages: [ReceivedMessage] = []
        while messages.count < limit, let message = try receiveMessage(wait: false) {
            messages.append(message)
        }
        return messages
    }

    /// Closes the socket now; later calls fail with ENOTSOCK. Idempotent.
    public func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)
    }
}

/// A multipart message and who sent it, as far as the socket's authentication knows.
public struct ReceivedMessage: Sendable, Equatable {
    public var frames: [Data]
    /// The user id the ZAP handler gave the sender's connection; nil without authentication.
    public var userId: String?
}
