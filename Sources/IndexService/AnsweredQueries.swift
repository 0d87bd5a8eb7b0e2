import Foundation
import Synchronization
import ZeroMQ

/// Replies made on the query pool's threads, waiting for the query thread to send them on its
/// ROUTER (a socket stays on the thread that made it): `put` from any thread wakes the query
/// thread's poll through `wakeup`.
final class AnsweredQueries: Sendable {
    let wakeup = Wakeup()
    private let replies = Mutex<[[Data]]>([])

    func put(_ reply: [Data]) {
        replies.withLock { $0.append(reply) }
        wakeup.signal()
    }

    /// Every reply waiting, oldest first.
    func take() -> [[Data]] {
        replies.withLock { waiting in
            let taken = waiting
            waiting.removeAll()
            return taken
        }
    }
}
