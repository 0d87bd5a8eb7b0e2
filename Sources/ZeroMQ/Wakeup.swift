import CZeroMQ
import Foundation

/// An eventfd that wakes a poll loop from any thread. Add `fd` to a `Poller`.
public final class Wakeup: Sendable {
    public let fd: Int32

    public init() {
        fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        precondition(fd >= 0, "eventfd failed")
    }

    deinit { Foundation.close(fd) }

    /// Makes the fd readable until `drain()`.
    public func signal() {
        var one: UInt64 = 1
        _ = write(fd, &one, 8)
    }

    public func drain() {
        var v: UInt64 = 0
        _ = read(fd, &v, 8)
    }
}
