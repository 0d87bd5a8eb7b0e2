/// The numbers delivery runs by (from ingest's configuration).
public struct DeliveryPolicy: Sendable, Equatable {
    /// Work not acked within this time is delivered again.
    public var ackTimeout: Duration
    /// Deliveries before a text is marked failed.
    public var maxAttempts: Int
    /// The heartbeat period both ways; a worker silent for three of them is dead.
    public var heartbeat: Duration
    /// Texts accepted but not yet indexed before ingest answers `busy`.
    public var maxBacklog: Int
    /// The most credit one `ready` or `heartbeat` can grant.
    public var maxCreditPerMessage = 64

    /// A policy with these numbers.
    public init(ackTimeout: Duration, maxAttempts: Int, heartbeat: Duration, maxBacklog: Int) {
        self.ackTimeout = ackTimeout
        self.maxAttempts = maxAttempts
        self.heartbeat = heartbeat
        self.maxBacklog = maxBacklog
    }

    /// How long a text waits before its next delivery after `attempts` deliveries that got no
    /// ack: 250 ms doubled per attempt, at most 30 s.
    public func backoff(afterAttempts attempts: Int) -> Duration {
        .milliseconds(min(30_000, 250 << min(max(attempts, 0), 7)))
    }

    /// A worker not heard from for longer than this is dead.
    public var workerTimeout: Duration { heartbeat * 3 }
}
