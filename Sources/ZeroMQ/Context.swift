import CZeroMQ
import Foundation

/// A libzmq context: its I/O threads and the registry of inproc endpoints.
/// Thread-safe (libzmq's contexts are); sockets made from it are not.
public final class Context: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init(ioThreads: Int32 = 1) {
        handle = zmq_ctx_new()
        zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads)
    }

    /// Makes every blocking call on this context's sockets return `ZeroMQError.terminated`.
    /// Safe from any thread; sockets must still be closed by their owners.
    public func shutdown() { zmq_ctx_shutdown(handle) }

    deinit { zmq_ctx_term(handle) }

    /// libzmq's version, "4.3.4".
    public static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
