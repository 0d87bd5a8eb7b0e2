import CZeroMQ
import Foundation

/// A libzmq error, named by its errno code so callers can `catch ZeroMQError.again`.
public struct ZeroMQError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Int32
    public let operation: String

    public init(code: Int32, operation: String = "") {
        self.code = code
        self.operation = operation
    }

    /// The error libzmq reports for the call that just failed.
    static func last(_ operation: String) -> ZeroMQError {
        ZeroMQError(code: czmq_errno(), operation: operation)
    }

    public var message: String { String(cString: zmq_strerror(code)) }
    public var description: String {
        operation.isEmpty ? "zmq: \(message)" : "zmq \(operation): \(message)"
    }

    /// Equality by code only, so `catch ZeroMQError.again` matches whatever call failed.
    public static func == (a: ZeroMQError, b: ZeroMQError) -> Bool { a.code == b.code }

    /// Lets `catch ZeroMQError.again` match any thrown ZeroMQError with that code.
    public static func ~= (pattern: ZeroMQError, value: any Error) -> Bool {
        (value as? ZeroMQError)?.code == pattern.code
    }

    /// The call would block (non-blocking send or receive), or a ROUTER peer's pipe is full.
    public static let again = ZeroMQError(code: EAGAIN)
    /// ROUTER_MANDATORY: no peer with that routing id.
    public static let hostUnreachable = ZeroMQError(code: EHOSTUNREACH)
    /// The context was shut down or terminated.
    public static let terminated = ZeroMQError(code: ETERM)
    /// A blocking call was interrupted by a signal.
    public static let interrupted = ZeroMQError(code: EINTR)
    public static let invalidArgument = ZeroMQError(code: EINVAL)
    /// The socket type does not allow this operation in its current state.
    public static let wrongState = ZeroMQError(code: EFSM)
    /// The endpoint's address is already in use.
    public static let addressInUse = ZeroMQError(code: EADDRINUSE)
    public static let notSocket = ZeroMQError(code: ENOTSOCK)
}
