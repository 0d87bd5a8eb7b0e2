import Foundation
import SamizdatModel

/// ingest's delivery state machine: the queue, workers' credit, flights and their deadlines,
/// backoff, dead workers, redelivery, dedup and tombstones. It owns the journal and writes every
/// state change to it; it opens no socket and reads no clock: each event brings `now`, and each
/// returns the actions (sends, and notes to log) for the loop to perform.
///
/// Not thread-safe: one loop drives it.
public final class DeliveryCore {
    struct Worker {
        var route: Data
        var name: String
        var credit: Int
        var lastSeen: ContinuousClock.Instant
        var inFlight: Set<DocumentKey> = []
        var processed = 0
        /// When it last got work (a count of hand-outs): ties go to the one that waited longest.
        var lastHandout = 0
    }

    struct Flight {
        var worker: Data
        var deadline: ContinuousClock.Instant
        var attempt: Int
    }

    struct Delayed {
        var key: DocumentKey
        var due: ContinuousClock.Instant
    }

    /// The journal every transition is written to.
    public let journal: DeliveryJournal
    /// The numbers it runs by.
    public let policy: DeliveryPolicy

    private var queue: [DocumentKey] = []
    private var queueHead = 0
    /// Every version this core is delivering (queued, waiting out a backoff, or in flight), with
    /// the deliveries it had.
    private var attempts: [DocumentKey: Int] = [:]
    private var delayed: [Delayed] = []
    private var flights: [DocumentKey: Flight] = [:]
    private var workers: [Data: Worker] = [:]
    private var nextHeartbeat: ContinuousClock.Instant
    private var handouts = 0
    /// How fast index acks, for how long a client answered `busy` waits.
    private var pace = DrainPace()

    /// Redeliveries since start.
    public private(set) var redeliveries = 0
    /// Versions accepted since start.
    public private(set) var acceptedTotal = 0
    /// Versions indexed since start.
    public private(set) var indexedTotal = 0
    /// Bytes of text accepted since start.
    public private(set) var bytesAccepted = 0

    /// A core over `journal` that resumes it: every version not yet indexed or failed is queued,
    /// oldest first, with the deliveries it already had.
    public init(journal: DeliveryJournal, policy: DeliveryPolicy, now: ContinuousClock.Instant) throws {
        self.journal = journal
        self.policy = policy
        nextHeartbeat = now + policy.heartbeat
        for pending in try journal.pending() {
            queue.append(pending.key)
            attempts[pending.key] = pending.attempts
        }
    }

    /// Texts accepted but not yet indexed or failed: queued, waiting out a backoff, or in flight.
    public var backlog: Int { (queue.count - queueHead) + delayed.count + flights.count }
    /// Versions at a worker now.
    public var inFlightCount: Int { flights.count }
    /// Workers known alive.
    public var workerCount: Int { workers.count }

    // MARK: clients

    /// Whether a request must be answered `busy`, given `pendingInBatch` requests of this round
    /// already taken: nil when there is room. The wait advised follows the backlog: the time
    /// index takes, at the pace of its recent acks, to make room for this text, and a text's
    /// time after the client told to wait before it, so that clients come back one by one as
    /// room is made; with no recent ack, 200 ms or a millisecond per text waiting, at most 10 s.
    public func busy(pendingInBatch: Int, now: ContinuousClock.Instant) -> BusyAdvice? {
        let ahead = backlog + pendingInBatch
        guard ahead >= policy.maxBacklog else { return nil }
        guard let wait = pace.wait(excess: ahead - policy.maxBacklog + 1, now: now) else {
            return BusyAdvice(retryMs: max(200, min(10_000, backlog)), backlog: backlog)
        }
        return BusyAdvice(retryMs: Int((wait / .milliseconds(1)).rounded()), backlog: backlog)
    }

    /// Stores a poll round's requests in one durable commit and queues the new versions. Reply to
    /// each request only after this returns; if it throws, nothing of the batch was stored.
    public func accept(_ batch: [IngestRequest]) throws -> [IngestOutcome] {
        let outcomes = try journal.accept(batch)
        for outcome in outcomes {
            guard case .accepted(let key, _, let bytes, isNew: true) = outcome else { continue }
            queue.append(key)
            attempts[key] = 0
            acceptedTotal += 1
            bytesAccepted += bytes
        }
        return outcomes
    }

    /// Deletes every version of document `id` from the journal, leaving a tombstone, and stops
    /// delivering it. Returns whether there was one.
    public func delete(id: String) throws -> Bool {
        let found = try journal.delete(id: id)
        for (key, flight) in flights where key.id == id {
            flights[key] = nil
            workers[flight.worker]?.inFlight.remove(key)
        }
        for key in attempts.keys where key.id == id {
            attempts[key] = nil
        }
        queue = queue[queueHead...].filter { $0.id != id }
        queueHead = 0
        delayed.removeAll { $0.key.id == id }
        return found
    }

    // MARK: workers

    /// A worker said `ready`: it can take `credit` more texts.
    public func workerReady(_ route: Data, name: String, credit: Int, now: ContinuousClock.Instant) -> [DeliveryAction] {
        var actions: [DeliveryAction] = []
        let granted = max(0, min(credit, policy.maxCreditPerMessage))
        if workers[route] == nil {
            actions.append(.workerJoined(name: name, credit: granted))
            workers[route] = Worker(route: route, name: name, credit: 0, lastSeen: now)
        }
        workers[route]?.credit += granted
        workers[route]?.lastSeen = now
        return actions
    }

    /// A worker's heartbeat. From a worker not known (one from before a restart, or declared
    /// dead), one that states its credit joins with that credit.
    public func workerHeartbeat(_ route: Data, name: String, credit: Int?, now: ContinuousClock.Instant) -> [DeliveryAction] {
        if workers[route] != nil {
            workers[route]?.lastSeen = now
            return []
        }
        guard let credit else { return [] }
        let granted = max(0, min(credit, policy.maxCreditPerMessage))
        workers[route] = Worker(route: route, name: name, credit: granted, lastSeen: now)
        return [.workerJoined(name: name, credit: granted)]
    }

    /// The loop could not send `key`'s work to `route` (peer gone, or its pipe full): the worker
    /// is dropped, `key` goes back to the front without counting the delivery, and the worker's
    /// other texts go back to the queue.
    public func workUndelivered(_ key: DocumentKey, worker route: Data, now: ContinuousClock.Instant) throws -> [DeliveryAction] {
        guard let flight = flights[key], flight.worker == route, let worker = workers.removeValue(forKey: route) else { return [] }
        var actions: [DeliveryAction] = [.workerLost(name: worker.name, inFlight: worker.inFlight.count, reason: "cannot send to it")]
        flights[key] = nil
        attempts[key] = flight.attempt - 1
        try journal.markRequeued(key, reason: "worker \(worker.name) unreachable")
        queue.insert(key, at: queueHead)
        for other in worker.inFlight.sorted() where other != key {
            flights[other] = nil
            actions += try requeue(other, reason: "worker \(worker.name) unreachable", now: now, frontPosition: nil)
        }
        return actions
    }

    // MARK: acks

    /// index acked `key` at `now`: its transaction committed.
    public func indexed(_ key: DocumentKey, now: ContinuousClock.Instant) throws -> [DeliveryAction] {
        land(key)
        pace.acked(at: now)
        switch try journal.markIndexed(key) {
        case .indexed:
            indexedTotal += 1
            return [.indexed(key)]
        case .alreadyIndexed:
            return [.dropped(key, reason: "already indexed")]
        case .deleted(liveVersion: true):
            return [.dropped(key, reason: "document deleted; a newer version was accepted since")]
        case .deleted(liveVersion: false):
            return [.deleteFromIndex(documentID: key.id), .dropped(key, reason: "document deleted")]
        case .unknown:
            return [.dropped(key, reason: "no such version in the journal")]
        }
    }

    /// A worker (or index) could not process `key`: not worth another delivery.
    public func failed(_ key: DocumentKey, stage: String, reason: String) throws -> [DeliveryAction] {
        land(key)
        guard try journal.markFailed(key, stage: stage, reason: reason) else {
            return [.dropped(key, reason: "no such version in the journal")]
        }
        return [.failed(key, stage: stage, reason: reason)]
    }

    /// The version's journey is over: no longer in flight, queued or waiting anywhere.
    private func land(_ key: DocumentKey) {
        if let flight = flights.removeValue(forKey: key) {
            workers[flight.worker]?.inFlight.remove(key)
            workers[flight.worker]?.processed += 1
        }
        attempts[key] = nil
        delayed.removeAll { $0.key == key }
    }

    // MARK: time

    /// Time passed: dead workers' texts and those past their deadline go back to the queue (or
    /// fail when their attempts are used up), those whose backoff is over rejoin it, workers with
    /// credit get work, and heartbeats go out when due.
    public func tick(now: ContinuousClock.Instant) throws -> [DeliveryAction] {
        var actions: [DeliveryAction] = []
        actions += try buryDeadWorkers(now: now)
        actions += try redeliverExpired(now: now)
        let due = delayed.filter { $0.due <= now }
        delayed.removeAll { $0.due <= now }
        queue += due.map(\.key)
        actions += try dispatch(now: now)
        if now >= nextHeartbeat {
            actions += workers.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { DeliveryAction.sendHeartbeat(worker: $0) }
            nextHeartbeat = now + policy.heartbeat
        }
        return actions
    }

    /// Three missed heartbeats: the worker is dead and its texts go to the front of the queue.
    private func buryDeadWorkers(now: ContinuousClock.Instant) throws -> [DeliveryAction] {
        var actions: [DeliveryAction] = []
        let dead = workers.values.filter { now - $0.lastSeen > policy.workerTimeout }.sorted { $0.name < $1.name }
        for worker in dead {
            workers[worker.route] = nil
            actions.append(.workerLost(name: worker.name, inFlight: worker.inFlight.count, reason: "missed 3 heartbeats"))
            var placed = 0
            for key in worker.inFlight.sorted() {
                flights[key] = nil
                let queued = queue.count
                actions += try requeue(key, reason: "worker \(worker.name) died", now: now, frontPosition: queueHead + placed)
                placed += queue.count - queued
            }
        }
        return actions
    }

    private func redeliverExpired(now: ContinuousClock.Instant) throws -> [DeliveryAction] {
        var actions: [DeliveryAction] = []
        let expired = flights.filter { $0.value.deadline <= now }.sorted { $0.key < $1.key }
        for (key, flight) in expired {
            flights[key] = nil
            workers[flight.worker]?.inFlight.remove(key)
            actions += try requeue(key, reason: "no ack within \(policy.ackTimeout)", now: now, frontPosition: nil)
        }
        return actions
    }

    /// Back to the queue (at `frontPosition`, or after a backoff when it is nil), or failed when
    /// attempts are used up.
    private func requeue(_ key: DocumentKey, reason: String, now: ContinuousClock.Instant, frontPosition: Int?) throws -> [DeliveryAction] {
        let delivered = attempts[key] ?? 0
        if delivered >= policy.maxAttempts {
            attempts[key] = nil
            let message = "\(reason); gave up after \(delivered) attempts"
            try journal.markFailed(key, stage: "delivery", reason: message)
            return [.failed(key, stage: "delivery", reason: message)]
        }
        redeliveries += 1
        try journal.markRequeued(key, reason: reason)
        if let frontPosition {
            queue.insert(key, at: frontPosition)
            return [.requeued(key, attempts: delivered, reason: reason, delay: .zero)]
        }
        let delay = policy.backoff(afterAttempts: delivered)
        delayed.append(Delayed(key: key, due: now + delay))
        return [.requeued(key, attempts: delivered, reason: reason, delay: delay)]
    }

    /// Hands queued texts to workers with credit, the least busy first.
    private func dispatch(now: ContinuousClock.Instant) throws -> [DeliveryAction] {
        var actions: [DeliveryAction] = []
        while queueHead < queue.count, let route = nextWorker() {
            let key = queue[queueHead]
            queueHead += 1
            guard let delivered = attempts[key], flights[key] == nil else { continue }  // landed or deleted meanwhile
            guard let document = try journal.document(key) else {
                attempts[key] = nil
                continue
            }
            let attempt = delivered + 1
            attempts[key] = attempt
            try journal.markDispatched(key, attempts: attempt)
            flights[key] = Flight(worker: route, deadline: now + policy.ackTimeout, attempt: attempt)
            handouts += 1
            workers[route]?.credit -= 1
            workers[route]?.inFlight.insert(key)
            workers[route]?.lastHandout = handouts
            let name = workers[route]?.name ?? ""
            actions.append(.sendWork(worker: route, document: document, attempt: attempt))
            actions.append(.dispatched(key, worker: name, attempt: attempt))
        }
        if queueHead > 4096 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        return actions
    }

    /// The worker with credit that has the fewest texts in flight; ties go to the one that got
    /// work least recently.
    private func nextWorker() -> Data? {
        workers.values
            .filter { $0.credit > 0 }
            .min { ($0.inFlight.count, $0.lastHandout) < ($1.inFlight.count, $1.lastHandout) }?
            .route
    }

    // MARK: status

    /// The pipeline's state for `status`: states from the journal, backlog, workers.
    public func status(now: ContinuousClock.Instant, acceptedPerSecond: Double, indexedPerSecond: Double) throws -> PipelineStatus {
        let workerStatus = workers.values.sorted { $0.name < $1.name }.map { worker in
            PipelineStatus.Worker(
                id: worker.name,
                lastHeartbeatMsAgo: Int((now - worker.lastSeen) / .milliseconds(1)),
                inFlight: worker.inFlight.count,
                credit: worker.credit,
                processed: worker.processed
            )
        }
        return PipelineStatus(
            states: try journal.counts(),
            backlog: backlog,
            workers: workerStatus,
            redeliveries: try journal.redeliveries(),
            failures: try journal.failures(),
            acceptedPerSecond: acceptedPerSecond,
            indexedPerSecond: indexedPerSecond,
            bytesAccepted: bytesAccepted
        )
    }
}
