import Synchronization

/// Per-client request limits: a token bucket for each client address. A client may send `burst`
/// requests at once and `requestsPerSecond` on average; beyond that it is told how long to wait.
/// Buckets that have refilled are forgotten, so memory follows the clients of the last few seconds.
public final class ClientRateLimiter: Sendable {
    public struct Limit: Sendable, Equatable {
        public var requestsPerSecond: Double
        public var burst: Int

        public init(requestsPerSecond: Double, burst: Int) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }

    public enum Decision: Sendable, Equatable {
        case admitted
        /// Refused; a token is back after this many whole seconds (at least 1).
        case refused(retryAfterSeconds: Int)
    }

    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public let limit: Limit
    private let buckets = Mutex<[String: Bucket]>([:])
    /// Past this many buckets, full ones are swept out on the next request.
    private let sweepThreshold: Int

    public init(limit: Limit, sweepThreshold: Int = 10_000) {
        precondition(limit.requestsPerSecond > 0 && limit.burst > 0, "a rate limit needs a positive rate and burst")
        self.limit = limit
        self.sweepThreshold = sweepThreshold
    }

    /// Takes a token from `client`'s bucket if it has one.
    public func admit(_ client: String, at now: ContinuousClock.Instant) -> Decision {
        buckets.withLock { buckets in
            if buckets.count > sweepThreshold {
                buckets = buckets.filter { refilled($0.value, at: now) < Double(limit.burst) }
            }
            var bucket = buckets[client] ?? Bucket(tokens: Double(limit.burst), updated: now)
            bucket.tokens = refilled(bucket, at: now)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[client] = bucket
                let wait = (1 - bucket.tokens) / limit.requestsPerSecond
                return .refused(retryAfterSeconds: max(1, Int(wait.rounded(.up))))
            }
            bucket.tokens -= 1
            buckets[client] = bucket
            return .admitted
        }
    }

    /// How many clients have a bucket now (for tests and metrics).
    public var clientCount: Int { buckets.withLock { $0.count } }

    private func refilled(_ bucket: Bucket, at now: ContinuousClock.Instant) -> Double {
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return min(Double(limit.burst), bucket.tokens + max(0, seconds) * limit.requestsPerSecond)
    }
}
