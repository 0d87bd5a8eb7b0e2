/// How fast index drains the backlog (from the instants of its last acks), and when each client
/// answered `busy` should come back: one after another at that pace, the first once enough texts
/// have been indexed to make room for it. A bounded backlog then refills as it drains, where a
/// fixed delay left the pipeline idle until the clients came back.
struct DrainPace {
    /// Acks remembered for the pace.
    static let remembered = 64
    /// Acks older than this say nothing of the current pace.
    static let horizon = Duration.seconds(2)
    /// The shortest and longest waits advised.
    static let shortest = Duration.milliseconds(5)
    static let longest = Duration.seconds(10)

    /// The last acks' instants, a ring of `remembered`.
    private var acks: [ContinuousClock.Instant] = []
    private var newest = -1
    /// When the last client told to wait is due back: the next is due a text's time after it.
    private var lastDue: ContinuousClock.Instant?

    /// index acked a text at `now`.
    mutating func acked(at now: ContinuousClock.Instant) {
        newest = (newest + 1) % Self.remembered
        if acks.count < Self.remembered {
            acks.append(now)
        } else {
            acks[newest] = now
        }
    }

    /// Texts indexed per second over the acks of the last `horizon`, counted up to `now`; nil
    /// when fewer than two came in it.
    func textsPerSecond(now: ContinuousClock.Instant) -> Double? {
        let recent = acks.filter { now - $0 <= Self.horizon }
        guard recent.count >= 2, let oldest = recent.min() else {
            return nil
        }
        let span = max(now - oldest, .milliseconds(1))
        let seconds = Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18
        return Double(recent.count) / seconds
    }

    /// How long a client should wait when `excess` texts must be indexed before there is room
    /// for its text: that many texts' time at the current pace, and at least a text's time after
    /// the client told to wait before it. Nil when no pace is known (nothing indexed lately).
    mutating func wait(excess: Int, now: ContinuousClock.Instant) -> Duration? {
        guard let rate = textsPerSecond(now: now) else {
            lastDue = nil
            return nil
        }
        let perText = Duration.seconds(1 / rate)
        var due = now + perText * max(1, excess)
        if let lastDue, lastDue + perText > due {
            due = lastDue + perText
        }
        let wait = min(Self.longest, max(Self.shortest, due - now))
        lastDue = now + wait
        return wait
    }
}
