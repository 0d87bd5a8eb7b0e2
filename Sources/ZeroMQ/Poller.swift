import CZeroMQ
import Foundation

/// `zmq_poll` over sockets and plain file descriptors (such as a `Wakeup`).
public struct Poller {
    public enum Result: Equatable {
        /// Indices (in the order items were added) that are readable.
        case ready([Int])
        case timedOut
        case interrupted
    }

    private var items: [zmq_pollitem_t] = []

    public init() {}

    /// Watches a socket for incoming messages; returns its index.
    @discardableResult
    public mutating func add(_ socket: Socket) -> Int {
        items.append(zmq_pollitem_t(socket: socket.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        return items.count - 1
    }

    /// Watches a file descriptor for readability; returns its index.
    @discardableResult
    public mutating func add(fd: Int32) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fd, events: Int16(ZMQ_POLLIN), revents: 0))
        return items.count - 1
    }

    /// Waits up to `timeoutMs` (-1 = forever) for any item to become readable.
    public mutating func poll(timeoutMs: Int) throws -> Result {
        let n = items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, Int32($0.count), timeoutMs) }
        if n < 0 {
            let err = ZeroMQError.last("poll")
            if err == .interrupted { return .interrupted }
            throw err
        }
        if n == 0 { return .timedOut }
        return .ready(items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 })
    }
}
