import Foundation
import SamizdatDelivery
import SamizdatModel

/// A journal in a temporary directory, a core over it and a fake clock that moves only when a
/// test says so.
final class DeliveryFixture {
    static let policy = DeliveryPolicy(ackTimeout: .seconds(10), maxAttempts: 3, heartbeat: .seconds(1), maxBacklog: 100)
    static let fixedDate = Date(timeIntervalSince1970: 1_800_000_000)

    let directory: URL
    let policy: DeliveryPolicy
    private(set) var journal: DeliveryJournal
    private(set) var core: DeliveryCore
    private(set) var now: ContinuousClock.Instant

    init(policy: DeliveryPolicy = DeliveryFixture.policy) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.policy = policy
        now = ContinuousClock().now
        journal = try DeliveryJournal(path: directory.appendingPathComponent("journal.sqlite").path, wallClock: { DeliveryFixture.fixedDate })
        core = try DeliveryCore(journal: journal, policy: policy, now: now)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var journalPath: String { directory.appendingPathComponent("journal.sqlite").path }

    /// Moves the fake clock on.
    func advance(_ duration: Duration) {
        now += duration
    }

    /// A new journal and core over the same file, as after a crash and a restart.
    func restart() throws {
        journal = try DeliveryJournal(path: journalPath, wallClock: { DeliveryFixture.fixedDate })
        core = try DeliveryCore(journal: journal, policy: policy, now: now)
    }

    /// Accepts one text as a client's request would be.
    @discardableResult
    func ingest(_ text: String, req: String? = nil, externalID: String? = nil) throws -> IngestOutcome {
        let request = IngestRequest(req: req, metadata: DocumentMetadata(title: "t", source: "s.txt", externalID: externalID), text: text)
        return try core.accept([request])[0]
    }

    /// Accepts one text and returns its key; fails the test if it was not new.
    @discardableResult
    func accepted(_ text: String, externalID: String? = nil) throws -> DocumentKey {
        guard case .accepted(let key, _, _, isNew: true) = try ingest(text, externalID: externalID) else {
            throw FixtureError.notAccepted(text)
        }
        return key
    }

    func tick() throws -> [DeliveryAction] {
        try core.tick(now: now)
    }

    func ready(_ worker: String, credit: Int) -> [DeliveryAction] {
        core.workerReady(Self.route(worker), name: worker, credit: credit, now: now)
    }

    func heartbeat(_ worker: String, credit: Int? = nil) -> [DeliveryAction] {
        core.workerHeartbeat(Self.route(worker), name: worker, credit: credit, now: now)
    }

    static func route(_ worker: String) -> Data { Data(worker.utf8) }

    enum FixtureError: Error {
        case notAccepted(String)
    }
}

/// One `sendWork` action, read back.
struct Handout: Equatable {
    var worker: String
    var key: DocumentKey
    var attempt: Int
}

extension Array where Element == DeliveryAction {
    /// The work sent, in order.
    var handouts: [Handout] {
        compactMap { action in
            guard case .sendWork(let worker, let document, let attempt) = action else { return nil }
            return Handout(
                worker: String(decoding: worker, as: UTF8.self),
                key: DocumentKey(id: document.id, version: document.version),
                attempt: attempt
            )
        }
    }

    /// The keys that went back to the queue, in order.
    var requeued: [DocumentKey] {
        compactMap { action in
            guard case .requeued(let key, _, _, _) = action else { return nil }
            return key
        }
    }

    /// The keys marked failed, in order.
    var failed: [DocumentKey] {
        compactMap { action in
            guard case .failed(let key, _, _) = action else { return nil }
            return key
        }
    }

    /// The workers heartbeats went to.
    var heartbeats: [String] {
        compactMap { action in
            guard case .sendHeartbeat(let worker) = action else { return nil }
            return String(decoding: worker, as: UTF8.self)
        }
    }
}
