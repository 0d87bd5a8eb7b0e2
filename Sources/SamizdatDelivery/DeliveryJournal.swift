import Foundation
import GRDB
import SamizdatModel

/// ingest's durable record of every text: SQLite in WAL mode with synchronous=FULL, so a committed
/// transaction survives a crash. A version's text is written once into `texts`; its state lives in a
/// small row of `states`, so a state change writes a few bytes, not the text again. Deleted documents
/// leave a row in `tombstones`. Nobody but ingest opens this file.
public final class DeliveryJournal: Sendable {
    /// The version that is not yet indexed or failed, with the deliveries it already had.
    public struct Pending: Sendable, Equatable {
        /// The version.
        public var key: DocumentKey
        /// Deliveries it already had (before a restart, say).
        public var attempts: Int

        /// `key`, delivered `attempts` times so far.
        public init(key: DocumentKey, attempts: Int) {
            self.key = key
            self.attempts = attempts
        }
    }

    private let database: DatabaseQueue
    private let wallClock: @Sendable () -> Date

    /// Opens (or creates) the journal at `path` and migrates it to the current tables.
    /// `wallClock` gives the timestamps the journal records (acceptance order, failure times).
    public init(path: String, wallClock: @escaping @Sendable () -> Date) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        self.wallClock = wallClock
        try JournalSchema.migrator.migrate(database)
    }

    /// The id of a document: from its external id when it has one (so new content makes a new
    /// version of the same document), else from its content.
    public static func documentID(externalID: String?, hash: String) -> String {
        let basis = externalID.map { "ext:" + $0 } ?? "sha:" + hash
        return "d" + ContentHash.sha256(basis).prefix(12)
    }

    /// Stores a batch in one transaction (group commit: one fsync for many texts) and says what
    /// each request got. Returns only once the commit is durable.
    public func accept(_ batch: [IngestRequest]) throws -> [IngestOutcome] {
        let now = wallClock().timeIntervalSince1970
        return try database.write { db in
            var outcomes: [IngestOutcome] = []
            for request in batch {
                if let req = request.req, let earlier = try RequestRecord.fetchOne(db, key: req) {
                    outcomes.append(try Self.repeatedOutcome(earlier, request: request, db: db))
                    continue
                }
                let outcome = try Self.store(request, db: db, now: now)
                if let req = request.req {
                    let record =
                        switch outcome {
                        case .accepted(let key, _, _, _):
                            RequestRecord(req: req, doc: key.id, version: key.version, outcome: .accepted, createdAt: now)
                        case .duplicate(let key):
                            RequestRecord(req: req, doc: key.id, version: key.version, outcome: .duplicate, createdAt: now)
                        }
                    try record.insert(db)
                }
                outcomes.append(outcome)
            }
            return outcomes
        }
    }

    private static func repeatedOutcome(_ earlier: RequestRecord, request: IngestRequest, db: Database) throws -> IngestOutcome {
        switch earlier.outcome {
        case .accepted:
            let version = try VersionRecord.fetchOne(db, key: ["id": earlier.doc, "version": earlier.version])
            return .accepted(earlier.key, hash: version?.hash ?? request.hash, bytes: version?.bytes ?? 0, isNew: false)
        case .duplicate:
            return .duplicate(earlier.key)
        }
    }

    private static func store(_ request: IngestRequest, db: Database, now: Double) throws -> IngestOutcome {
        let id = documentID(externalID: request.metadata.externalID, hash: request.hash)
        let latest =
            try VersionRecord
            .filter(VersionRecord.Columns.id == id)
            .order(VersionRecord.Columns.version.desc)
            .fetchOne(db)
        // The latest version of this id: identical content is a duplicate.
        if let latest, latest.hash == request.hash {
            return .duplicate(latest.key)
        }
        // Same content under another id (e.g. once without an external id): a duplicate too.
        if latest == nil, request.metadata.externalID == nil,
            let same = try VersionRecord.filter(VersionRecord.Columns.hash == request.hash).order(VersionRecord.Columns.createdAt).fetchOne(db)
        {
            return .duplicate(same.key)
        }
        // Versions keep counting across a delete, so nothing of the deleted ones can pass for the new one.
        let deletedUpTo = try TombstoneRecord.fetchOne(db, key: id)?.version ?? 0
        let key = DocumentKey(id: id, version: max(latest?.version ?? 0, deletedUpTo) + 1)
        let bytes = request.original?.count ?? request.text.utf8.count
        try TextRecord(key: key, text: request.text).insert(db)
        if let original = request.original {
            try OriginalRecord(key: key, format: request.format, bytes: original).insert(db)
        }
        try VersionRecord(
            id: id,
            version: key.version,
            hash: request.hash,
            title: request.metadata.title,
            author: request.metadata.author,
            source: request.metadata.source,
            externalID: request.metadata.externalID,
            bytes: bytes,
            createdAt: now
        ).insert(db)
        try StateRecord(
            id: id,
            version: key.version,
            state: .accepted,
            attempts: 0,
            stage: nil,
            lastError: nil,
            acceptedAt: now,
            updatedAt: now
        ).insert(db)
        return .accepted(key, hash: request.hash, bytes: bytes, isNew: true)
    }

    /// Every version not yet indexed or failed, in the order they were accepted (the order of their
    /// `states` rows): what a restarted ingest must dispatch.
    public func pending() throws -> [Pending] {
        try database.read { db in
            try StateRecord
                .filter([DocumentState.accepted, DocumentState.dispatched].contains(StateRecord.Columns.state))
                .order(Column.rowID)
                .fetchAll(db)
                .map { Pending(key: $0.key, attempts: $0.attempts) }
        }
    }

    /// The version as a worker gets it, or nil when it is gone (deleted).
    public func document(_ key: DocumentKey) throws -> Document? {
        try database.read { db in
            let primaryKey: [String: (any DatabaseValueConvertible)?] = ["id": key.id, "version": key.version]
            guard let version = try VersionRecord.fetchOne(db, key: primaryKey),
                let text = try TextRecord.fetchOne(db, key: primaryKey)
            else { return nil }
            let metadata = DocumentMetadata(title: version.title, author: version.author, source: version.source, externalID: version.externalID)
            if let original = try OriginalRecord.fetchOne(db, key: primaryKey) {
                guard let format = DocumentFormat(rawValue: original.format) else { return nil }
                return Document(
                    id: key.id,
                    version: key.version,
                    contentHash: version.hash,
                    metadata: metadata,
                    format: format,
                    original: original.bytes
                )
            }
            return Document(id: key.id, version: key.version, contentHash: version.hash, metadata: metadata, text: text.text)
        }
    }

    /// The original file of a document's highest version that came as a file (PDF, EPUB, HTML),
    /// or nil when it has none (it came as text, or is deleted).
    public func latestOriginal(id: String) throws -> OriginalRecord? {
        try database.read { db in
            try OriginalRecord
                .filter(OriginalRecord.Columns.id == id)
                .order(OriginalRecord.Columns.version.desc)
                .fetchOne(db)
        }
    }

    /// The version's state row, or nil when the journal has none.
    public func state(_ key: DocumentKey) throws -> StateRecord? {
        try database.read { db in try StateRecord.fetchOne(db, key: ["id": key.id, "version": key.version]) }
    }

    /// The document's tombstone, or nil when it was never deleted.
    public func tombstone(id: String) throws -> TombstoneRecord? {
        try database.read { db in try TombstoneRecord.fetchOne(db, key: id) }
    }

    /// Records a delivery: state `dispatched`, `attempts` so far.
    public func markDispatched(_ key: DocumentKey, attempts: Int) throws {
        try update(key, [StateRecord.Columns.state.set(to: DocumentState.dispatched), StateRecord.Columns.attempts.set(to: attempts)])
    }

    /// Records index's ack and says what it meant.
    @discardableResult
    public func markIndexed(_ key: DocumentKey) throws -> IndexedMark {
        let now = wallClock().timeIntervalSince1970
        return try database.write { db in
            let row = StateRecord.filter(key: ["id": key.id, "version": key.version])
            let changed =
                try row
                .filter(StateRecord.Columns.state != DocumentState.indexed)
                .updateAll(db, [StateRecord.Columns.state.set(to: DocumentState.indexed), StateRecord.Columns.updatedAt.set(to: now)])
            if changed > 0 { return .indexed }
            if try row.fetchCount(db) > 0 { return .alreadyIndexed }
            if let tombstone = try TombstoneRecord.fetchOne(db, key: key.id), tombstone.covers(key.version) {
                let live = try VersionRecord.filter(VersionRecord.Columns.id == key.id).fetchCount(db) > 0
                return .deleted(liveVersion: live)
            }
            return .unknown
        }
    }

    /// Records a failure with its stage and reason. False when the journal has no such version
    /// (deleted, or never stored).
    @discardableResult
    public func markFailed(_ key: DocumentKey, stage: String, reason: String) throws -> Bool {
        try update(
            key,
            [
                StateRecord.Columns.state.set(to: DocumentState.failed), StateRecord.Columns.stage.set(to: stage),
                StateRecord.Columns.lastError.set(to: reason),
            ]
        )
    }

    /// Back to `accepted` after a dead worker or a missed ack deadline, with the reason.
    public func markRequeued(_ key: DocumentKey, reason: String) throws {
        try update(key, [StateRecord.Columns.state.set(to: DocumentState.accepted), StateRecord.Columns.lastError.set(to: reason)])
    }

    @discardableResult
    private func update(_ key: DocumentKey, _ assignments: [ColumnAssignment]) throws -> Bool {
        let now = wallClock().timeIntervalSince1970
        return try database.write { db in
            try StateRecord
                .filter(key: ["id": key.id, "version": key.version])
                .updateAll(db, assignments + [StateRecord.Columns.updatedAt.set(to: now)]) > 0
        }
    }

    /// Removes every version of a document (texts, metadata, states, request ids) and leaves a
    /// tombstone over the highest version; returns whether there was one.
    public func delete(id: String) throws -> Bool {
        let now = wallClock().timeIntervalSince1970
        return try database.write { db in
            let versions = VersionRecord.filter(VersionRecord.Columns.id == id)
            guard let highest = try versions.select(max(VersionRecord.Columns.version), as: Int.self).fetchOne(db) else {
                return false
            }
            try TextRecord.filter(TextRecord.Columns.id == id).deleteAll(db)
            try OriginalRecord.filter(OriginalRecord.Columns.id == id).deleteAll(db)
            try StateRecord.filter(StateRecord.Columns.id == id).deleteAll(db)
            try versions.deleteAll(db)
            try RequestRecord.filter(RequestRecord.Columns.doc == id).deleteAll(db)
            try TombstoneRecord(id: id, version: highest, deletedAt: now).upsert(db)
            return true
        }
    }

    /// Versions per state, every state present.
    public func counts() throws -> [String: Int] {
        try database.read { db in
            var counts = Dictionary(uniqueKeysWithValues: DocumentState.allCases.map { ($0.rawValue, 0) })
            let rows = try Row.fetchAll(
                db,
                StateRecord.select(StateRecord.Columns.state, count(StateRecord.Columns.id).forKey("n")).group(StateRecord.Columns.state)
            )
            for row in rows {
                let state: String = row[StateRecord.Columns.state.name]
                let count: Int = row["n"]
                counts[state] = count
            }
            return counts
        }
    }

    /// Deliveries beyond the first, over every version in the journal (survives restarts).
    public func redeliveries() throws -> Int {
        try database.read { db in
            try StateRecord
                .filter(StateRecord.Columns.attempts > 1)
                .select(sum(StateRecord.Columns.attempts - 1), as: Int.self)
                .fetchOne(db) ?? 0
        }
    }

    /// The latest failures, newest first.
    public func failures(limit: Int = 50) throws -> [PipelineStatus.Failure] {
        try database.read { db in
            let failed =
                try StateRecord
                .filter(StateRecord.Columns.state == DocumentState.failed)
                .order(StateRecord.Columns.updatedAt.desc)
                .limit(limit)
                .fetchAll(db)
            return try failed.map { state in
                let version = try VersionRecord.fetchOne(db, key: ["id": state.id, "version": state.version])
                return PipelineStatus.Failure(
                    doc: state.id,
                    version: state.version,
                    source: version?.source ?? "",
                    stage: state.stage ?? "",
                    reason: state.lastError ?? ""
                )
            }
        }
    }
}
