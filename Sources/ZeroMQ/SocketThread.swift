import Foundation

/// Runs blocking socket work on a dedicated thread, never on Swift's cooperative pool.
public enum SocketThread {
    /// Runs `body` on a new thread and returns its result to the awaiting task.
    /// The sockets `body` creates live and die on that thread.
    public static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, Error>) in
            let thread = Thread {
                do { cont.resume(returning: try body()) } catch { cont.resume(throwing: error) }
            }
            thread.name = name
            thread.stackSize = 4 << 20
            thread.start()
        }
    }
}
