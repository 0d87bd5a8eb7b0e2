import Foundation
import SamizdatModel
import Synchronization

/// Fans index's `indexed` events (and keep-alives) out to every open page: each subscriber gets its own stream,
/// ended when the page goes away or when report shuts down.
public final class EventHub: Sendable {
    private struct State: Sendable {
        var subscribers: [UInt64: AsyncStream<WorkbenchEvent>.Continuation] = [:]
        var nextID: UInt64 = 0
        var closed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// A stream of the events published from now on; it finishes when `close` is called.
    public func subscribe() -> AsyncStream<WorkbenchEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: WorkbenchEvent.self, bufferingPolicy: .bufferingNewest(256))
        let identifier: UInt64? = state.withLock { current in
            if current.closed {
                return nil
            }
            current.nextID += 1
            current.subscribers[current.nextID] = continuation
            return current.nextID
        }
        guard let identifier else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.remove(identifier)
        }
        return stream
    }

    /// Hands `event` to every subscriber.
    public func publish(_ event: WorkbenchEvent) {
        let continuations = state.withLock { Array($0.subscribers.values) }
        for continuation in continuations {
            continuation.yield(event)
        }
    }

    /// How many pages are listening.
    public var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// Ends every stream and refuses new subscribers, so open pages let the server shut down.
    public func close() {
        let continuations = state.withLock { current in
            current.closed = true
            defer { current.subscribers.removeAll() }
            return Array(current.subscribers.values)
        }
        for continuation in continuations {
            continuation.finish()
        }
    }

    private func remove(_ identifier: UInt64) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: identifier) }
    }
}
