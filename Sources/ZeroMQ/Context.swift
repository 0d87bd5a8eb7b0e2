import CZeroMQ
import Foundation
import Synchronization

/// A libzmq context: its I/O threads and the registry of inproc endpoints.
/// Thread-safe (libzmq's contexts are); sockets made from it are not.
public final class Context: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let terminationStarted = Atomic<Bool>(false)
    private let authenticatorRunning = Atomic<Bool>(false)

    /// Whether a `ZAPHandler` answers authentication requests for this context's sockets.
    public var hasAuthenticator: Bool { authenticatorRunning.load(ordering: .acquiring) }

    func markAuthenticatorRunning() {
        authenticatorRunning.store(true, ordering: .releasing)
    }

    public init(ioThreads: Int32 = 1) {
        handle = zmq_ctx_new()
        zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads)
    }

    /// Makes every blocking call on this context's sockets return `ZeroMQError.terminated`.
    /// Safe from any thread; sockets must still be closed by their owners.
    public func shutdown() { zmq_ctx_shutdown(handle) }

    /// Ends the context, waiting at most `timeout` for it: libzmq first sends what sockets closed with a
    /// linger still hold, then joins its I/O threads. Returns false when that took longer — an I/O thread
    /// can sit for tens of seconds in a host-name lookup (a `connect` to a compose service whose container is
    /// gone); the caller should then just exit. Call once, after every socket is closed.
    @discardableResult
    public func terminate(within timeout: Duration) -> Bool {
        guard !terminationStarted.exchange(true, ordering: .acquiringAndReleasing) else { return true }
        let finished = DispatchSemaphore(value: 0)
        let handle = UnsafeSendableHandle(pointer: self.handle)
        let thread = Thread {
            zmq_ctx_term(handle.pointer)
            finished.signal()
        }
        thread.name = "zmq-ctx-term"
        thread.start()
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return finished.wait(timeout: .now() + .milliseconds(milliseconds)) == .success
    }

    deinit {
        if !terminationStarted.load(ordering: .acquiring) {
            zmq_ctx_term(handle)
        }
    }

    /// libzmq's version, "4.3.4".
    public static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}

/// A context handle handed to the thread that terminates it.
private struct UnsafeSendableHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}
