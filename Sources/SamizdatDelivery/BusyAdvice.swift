/// The answer to a request that comes while the backlog is full: try again after `retryMs`.
public struct BusyAdvice: Sendable, Equatable {
    /// How long the client should wait, in milliseconds.
    public var retryMs: Int
    /// Texts accepted but not yet indexed.
    public var backlog: Int

    /// Advice to wait `retryMs` with `backlog` texts waiting.
    public init(retryMs: Int, backlog: Int) {
        self.retryMs = retryMs
        self.backlog = backlog
    }
}
