import Foundation
import GRDB
import SamizdatModel

/// ingest's durable record of every text: SQLite in WAL mode with synchronous=FULL, so a
/// committed transaction survives a crash. Nobody but ingest opens this file.
final class Journal: Sendable {
    enum State: String, CaseIterable {
        case accepted, dispatched, indexed, failed
    }

    struct Key: Hashable, Sendable {
        var id: String
        var version: Int
    }

    /// A validated ingest request on its way into the journal.
    struct Incoming {
        var req: String?
        var metadata: DocumentMetadata
        var text: String
        var hash: String
    }

    enum Outcome: Equatable {
        case accepted(Key, hash: String, bytes: Int)
        case duplicate(Key)
    }

    struct Pending {
        var key: Key
        var attempts: Int
    }

    private let db: DatabaseQueue

    init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        db = try DatabaseQueue(path: path, configuration: config)
        try db.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    hash TEXT NOT NULL,
                    title TEXT NOT NULL,
                    author TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT,
                    text TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    stage TEXT,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (id, version)
                );
                CREATE INDEX documents_hash ON documents(hash);
                CREATE INDEX documents_external ON documents(external_id);
                CREATE INDEX documents_state ON documents(state);
                CREATE TABLE requests (
                    req TEXT PRIMARY KEY,
                    doc TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                """)
        }
        return m
    }

    /// The id of a document: from its external id when it has one (so new content makes a new
    /// version of the same document), else from its content.
    static func documentID(externalID: String?, hash: String) -> String {
        let basis = externalID.map { "ext:" + $0 } ?? "sha:" + hash
        return "d" + ContentHash.sha256(basis).prefix(12)
    }

    /// Stores a batch in one transaction (group commit): one fsync for many texts.
    func accept(_ batch: [Incoming]) throws -> [Outcome] {
        let now = Date().timeIntervalSince1970
        return try db.write { db in
            var out: [Outcome] = []
            for item in batch {
                if let req = item.req,
                   let row = try Row.fetchOne(db, sql: "SELECT doc, version, outcome FROM requests WHERE req = ?", arguments: [req]) {
                    let key = Key(id: row["doc"], version: row["version"])
                    if (row["outcome"] as String) == "accepted" {
                        let bytes = try Int.fetchOne(db, sql: "SELECT bytes FROM documents WHERE id = ? AND version = ?", arguments: [key.id, key.version]) ?? 0
                        out.append(.accepted(key, hash: item.hash, bytes: bytes))
                    } else {
                        out.append(.duplicate(key))
                    }
                    continue
                }
                let outcome = try store(item, db: db, now: now)
                if let req = item.req {
                    let (key, name): (Key, String) = switch outcome {
                    case .accepted(let k, _, _): (k, "accepted")
                    case .duplicate(let k): (k, "duplicate")
                    }
                    try db.execute(sql: "INSERT INTO requests (req, doc, version, outcome, created_at) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [req, key.id, key.version, name, now])
                }
                out.append(outcome)
            }
            return out
        }
    }

    private func store(_ item: Incoming, db: Database, now: Double) throws -> Outcome {
        let id = Self.documentID(externalID: item.metadata.externalID, hash: item.hash)
        // The latest version of this id: identical content is a duplicate.
        if let row = try Row.fetchOne(db, sql: "SELECT version, hash FROM documents WHERE id = ? ORDER BY version DESC LIMIT 1", arguments: [id]) {
            let version: Int = row["version"]
            if (row["hash"] as String) == item.hash { return .duplicate(Key(id: id, version: version)) }
            return try insert(item, key: Key(id: id, version: version + 1), db: db, now: now)
        }
        // Same content under another id (e.g. once without an external id): a duplicate too.
        if item.metadata.externalID == nil,
           let row = try Row.fetchOne(db, sql: "SELECT id, version FROM documents WHERE hash = ? ORDER BY created_at LIMIT 1", arguments: [item.hash]) {
            return .duplicate(Key(id: row["id"], version: row["version"]))
        }
        return try insert(item, key: Key(id: id, version: 1), db: db, now: now)
    }

    private func insert(_ item: Incoming, key: Key, db: Database, now: Double) throws -> Outcome {
        let bytes = item.text.utf8.count
        try db.execute(sql: """
            INSERT INTO documents (id, version, hash, title, author, source, external_id, text, bytes, state, attempts, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', 0, ?, ?)
            """, arguments: [key.id, key.version, item.hash, item.metadata.title, item.metadata.author, item.metadata.source,
                             item.metadata.externalID, item.text, bytes, now, now])
        return .accepted(key, hash: item.hash, bytes: bytes)
    }

    /// Every version not yet indexed or failed, oldest first: what a restarted ingest must dispatch.
    func pending() throws -> [Pending] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT id, version, attempts FROM documents WHERE state IN ('accepted', 'dispatched') ORDER BY created_at, id, version")
                .map { Pending(key: Key(id: $0["id"], version: $0["version"]), attempts: $0["attempts"]) }
        }
    }

    func document(_ key: Key) throws -> Document? {
        try db.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE id = ? AND version = ?", arguments: [key.id, key.version]) else { return nil }
            return Document(id: r["id"], version: r["version"], contentHash: r["hash"],
                            metadata: DocumentMetadata(title: r["title"], author: r["author"], source: r["source"], externalID: r["external_id"]),
                            text: r["text"])
        }
    }

    func markDispatched(_ key: Key, attempts: Int) throws {
        try update(key, state: .dispatched, extra: "attempts = ?", [attempts])
    }

    /// Returns false when the version was not in flight (a late or repeated ack).
    @discardableResult
    func markIndexed(_ key: Key) throws -> Bool {
        try db.write { db in
            try db.execute(sql: "UPDATE documents SET state = 'indexed', updated_at = ? WHERE id = ? AND version = ? AND state != 'indexed'",
                           arguments: [Date().timeIntervalSince1970, key.id, key.version])
            return db.changesCount > 0
        }
    }

    func markFailed(_ key: Key, stage: String, reason: String) throws {
        try update(key, state: .failed, extra: "stage = ?, last_error = ?", [stage, reason])
    }

    /// Back to the queue after a dead worker or a missed ack deadline.
    func markRequeued(_ key: Key, reason: String) throws {
        try update(key, state: .accepted, extra: "last_error = ?", [reason])
    }

    private func update(_ key: Key, state: State, extra: String, _ args: [(any DatabaseValueConvertible)?]) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE documents SET state = ?, \(extra), updated_at = ? WHERE id = ? AND version = ?",
                           arguments: StatementArguments([state.rawValue] + args + [Date().timeIntervalSince1970, key.id, key.version]))
        }
    }

    /// Removes every version of a document; returns whether there was one.
    func delete(id: String) throws -> Bool {
        try db.write { db in
            try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
            let n = db.changesCount
            try db.execute(sql: "DELETE FROM requests WHERE doc = ?", arguments: [id])
            return n > 0
        }
    }

    func counts() throws -> [String: Int] {
        try db.read { db in
            var out = Dictionary(uniqueKeysWithValues: State.allCases.map { ($0.rawValue, 0) })
            for r in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM documents GROUP BY state") {
                out[r["state"]] = r["n"]
            }
            return out
        }
    }

    /// Deliveries beyond the first, over every version in the journal (survives restarts).
    func redeliveries() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(attempts - 1), 0) FROM documents WHERE attempts > 1") ?? 0 }
    }

    func failures(limit: Int = 50) throws -> [PipelineStatus.Failure] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT id, version, source, stage, last_error FROM documents WHERE state = 'failed' ORDER BY updated_at DESC LIMIT ?", arguments: [limit])
                .map { PipelineStatus.Failure(doc: $0["id"], version: $0["version"], source: $0["source"], stage: $0["stage"] ?? "", reason: $0["last_error"] ?? "") }
        }
    }
}
