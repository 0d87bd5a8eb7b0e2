import Synchronization

/// Set from a signal handler, read by the watch loop.
final class WatchStop: Sendable {
    private let flag = Atomic<Bool>(false)

    var requested: Bool { flag.load(ordering: .acquiring) }

    func request() {
        flag.store(true, ordering: .releasing)
    }
}
