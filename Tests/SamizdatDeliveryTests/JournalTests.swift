import Foundation
import GRDB
import SamizdatDelivery
import SamizdatModel
import Testing

@Suite struct JournalTests {
    static let megabyteText = String(repeating: "word ", count: 1 << 18)

    static func walSize(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "-wal")
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test func stateChangeAfterAOneMegabyteTextWritesLittleWAL() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted(Self.megabyteText)
        let afterAccept = try Self.walSize(fixture.journalPath)
        #expect(afterAccept > 1 << 20)

        try fixture.journal.markDispatched(key, attempts: 1)
        let afterDispatch = try Self.walSize(fixture.journalPath)
        #expect(try fixture.journal.markIndexed(key) == .indexed)
        let afterIndexed = try Self.walSize(fixture.journalPath)
        print("WAL bytes: accept \(afterAccept), dispatched +\(afterDispatch - afterAccept), indexed +\(afterIndexed - afterDispatch)")
        #expect(afterDispatch - afterAccept < 64 << 10)
        #expect(afterIndexed - afterDispatch < 64 << 10)
        #expect(try fixture.journal.document(key)?.text.utf8.count == Self.megabyteText.utf8.count)
    }

    @Test func firstLayoutRewroteTheTextOnEveryStateChange() throws {
        let fixture = try DeliveryFixture()
        let path = fixture.directory.appendingPathComponent("first-layout.sqlite").path
        let queue = try Self.firstLayoutJournal(at: path)
        try queue.write { db in
            try Self.insertFirstLayoutRow(db, id: "dbig", state: "accepted", attempts: 0, text: Self.megabyteText, createdAt: 1)
        }
        let afterAccept = try Self.walSize(path)
        try queue.write { db in
            try db.execute(sql: "UPDATE documents SET state = 'dispatched', attempts = 1 WHERE id = 'dbig'")
        }
        let growth = try Self.walSize(path) - afterAccept
        print("WAL bytes, first layout: dispatched +\(growth)")
        #expect(growth > 1 << 20)
    }

    @Test func migrationMovesEveryDocumentStateAndRequestToTheNewTables() throws {
        let fixture = try DeliveryFixture()
        let path = fixture.directory.appendingPathComponent("old.sqlite").path
        let queue = try Self.firstLayoutJournal(at: path)
        try queue.write { db in
            try Self.insertFirstLayoutRow(db, id: "dwaiting", state: "accepted", attempts: 0, text: "waiting text", createdAt: 1)
            try Self.insertFirstLayoutRow(
                db,
                id: "dflight",
                state: "dispatched",
                attempts: 2,
                text: "flight text",
                createdAt: 2,
                lastError: "worker w1 died"
            )
            try Self.insertFirstLayoutRow(db, id: "ddone", state: "indexed", attempts: 1, text: "done text", createdAt: 3)
            try Self.insertFirstLayoutRow(
                db,
                id: "dbad",
                state: "failed",
                attempts: 1,
                text: "bad text",
                createdAt: 4,
                stage: "segment",
                lastError: "no text left"
            )
            try db.execute(sql: "INSERT INTO requests (req, doc, version, outcome, created_at) VALUES ('r1', 'ddone', 1, 'accepted', 3)")
        }
        try queue.close()

        let journal = try DeliveryJournal(path: path, wallClock: { DeliveryFixture.fixedDate })
        #expect(
            try journal.pending() == [
                DeliveryJournal.Pending(key: DocumentKey(id: "dwaiting", version: 1), attempts: 0),
                DeliveryJournal.Pending(key: DocumentKey(id: "dflight", version: 1), attempts: 2),
            ]
        )
        #expect(try journal.counts() == ["accepted": 1, "dispatched": 1, "indexed": 1, "failed": 1])
        #expect(try journal.redeliveries() == 1)
        #expect(
            try journal.failures() == [PipelineStatus.Failure(doc: "dbad", version: 1, source: "dbad.txt", stage: "segment", reason: "no text left")]
        )
        #expect(try journal.state(DocumentKey(id: "dflight", version: 1))?.lastError == "worker w1 died")
        let document = try journal.document(DocumentKey(id: "dflight", version: 1))
        #expect(document?.text == "flight text")
        #expect(document?.metadata.title == "dflight title")
        #expect(document?.contentHash == ContentHash.sha256("flight text"))
        let retry = try journal.accept([IngestRequest(req: "r1", metadata: DocumentMetadata(), text: "done text")])
        #expect(retry == [.accepted(DocumentKey(id: "ddone", version: 1), hash: ContentHash.sha256("done text"), bytes: 9, isNew: false)])
        let sameText = try journal.accept([IngestRequest(req: nil, metadata: DocumentMetadata(), text: "waiting text")])
        #expect(sameText == [.duplicate(DocumentKey(id: "dwaiting", version: 1))])

        let reopened = try DatabaseQueue(path: path)
        let tables = try reopened.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables.contains("texts") && tables.contains("states") && tables.contains("tombstones"))
        #expect(!tables.contains("documents"))
    }

    static func firstLayoutJournal(at path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        try JournalSchema.migrator.migrate(queue, upTo: "v1")
        return queue
    }

    /// A row as the first release wrote it (that layout has no record type: it only exists to be migrated).
    static func insertFirstLayoutRow(
        _ db: Database,
        id: String,
        state: String,
        attempts: Int,
        text: String,
        createdAt: Double,
        stage: String? = nil,
        lastError: String? = nil
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO documents (id, version, hash, title, author, source, external_id, text, bytes, state, attempts, stage,
                                       last_error, created_at, updated_at)
                VALUES (?, 1, ?, ?, '', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, ContentHash.sha256(text), id + " title", id + ".txt", text, text.utf8.count, state, attempts, stage, lastError,
                createdAt, createdAt,
            ]
        )
    }
}
