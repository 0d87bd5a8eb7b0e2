import Foundation
import GRDB
import SamizdatModel
import SamizdatText

/// What `CorpusStore.apply` did with a document.
public enum ApplyOutcome: String, Codable, Sendable {
    case applied
    /// This (id, version) is already the stored one: nothing changed.
    case alreadyApplied = "already_applied"
    /// A newer version is stored: the document was ignored.
    case superseded
}

/// The store: documents, paragraphs, positional postings and term counts, in one SQLite file
/// (WAL) and, beside it, a directory of its large posting segments (`SegmentFiles`). One writer;
/// readers run concurrently. One process owns a store.
///
/// Tables: `documents` (one row per live document, counts and page map), `versions` (every
/// version applied to a live document), `sections`, `paragraphs` (text, location, sentence
/// bounds, word count; rowid = document key << 20 | paragraph index), `notes`, `citations`,
/// `segments` (posting segments, see `PostingSegment`: the bytes, or the name of the segment's
/// file), `terms` (folded form and stem by id),
/// `document_terms` (each document's forms with counts: the term statistics are their sums),
/// `fields` (FTS5 with the `samizdat` tokenizer over the metadata fields: one row per section,
/// rowid = document key << 20 | section + 1, columns chapter, title, author, doc).
///
/// The postings, the word counts of paragraphs and the term counts are also held in memory
/// (`IndexState`), loaded when the store opens; queries run on them.
public final class CorpusStore: Sendable {
    let writer: any DatabaseWriter
    let analyzer = Analyzer()
    let parser = QueryParser()
    let state = IndexState()
    let storedDocuments = StoredDocumentCache()
    /// The `documents` answer's JSON, encoded once per list.
    let documentList = DocumentListCache()
    /// The reports' view of the live documents, analysed on first use.
    let analysisCache = AnalysisCorpusCache()
    /// Checkpoints the WAL after writes (nil for a store in memory).
    let checkpointer: WALCheckpointer?
    /// A test hook: each write transaction holds itself open this long before it commits (0:
    /// none), so a test can show that readers never wait for the writer.
    public let commitPauseMs: Int
    /// Whether `apply` hands the words its analysis found to the reports' analysis, which then
    /// reads them instead of analysing the stored texts again (a bulk load that runs no report
    /// can leave it off and hold less memory).
    public let sharesAnalysisWithReports: Bool

    /// Opens or creates the store at `path` (a SQLite file, and beside it the directory
    /// `<path>-segments` of its large posting segments) and migrates it. Segments of
    /// `segmentFileBytes` or more are kept in files of their own, smaller ones in the database.
    /// `commitPauseMs` is a test hook (see `commitPauseMs`); 0 outside tests. See
    /// `sharesAnalysisWithReports`.
    public init(path: String, segmentFileBytes: Int = 4 << 20, commitPauseMs: Int = 0, sharesAnalysisWithReports: Bool = true) throws {
        self.commitPauseMs = commitPauseMs
        self.sharesAnalysisWithReports = sharesAnalysisWithReports
        var config = Self.configuration()
        config.journalMode = .wal
        writer = try DatabasePool(path: path, configuration: config)
        // A commit is durable when it returns: the WAL is synced (index acknowledges documents
        // after their commit, and ingest then never sends them again; GRDB's WAL mode sets
        // NORMAL, which syncs only at checkpoints). A large write syncs the WAL as it goes
        // (`WALFlusher`), so the commit's sync finds little left. The checkpointer copies the WAL
        // after each write, not the commit itself (see `WALCheckpointer`); a WAL file that a
        // large write grew is cut back to 64 MiB.
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864")
        }
        checkpointer = WALCheckpointer(path: path)
        let files = try SegmentFiles(directory: SegmentFiles.directory(forDatabase: path), minimumBytes: segmentFileBytes)
        state.segmentFiles = files
        state.walPath = path + "-wal"
        try Self.migrator.migrate(writer)
        // files no row names: left by a write that failed or did not commit, or merged away
        // before they were removed (in a write transaction: no other writer is mid-write)
        try writer.write { db in
            try files.removeUnnamed(Set(try String.fetchAll(db, sql: "SELECT file FROM segments WHERE file IS NOT NULL")))
        }
        try loadIfNeeded()
    }

    init(writer: any DatabaseWriter, sharesAnalysisWithReports: Bool = true) throws {
        self.writer = writer
        checkpointer = nil
        commitPauseMs = 0
        self.sharesAnalysisWithReports = sharesAnalysisWithReports
        try Self.migrator.migrate(writer)
        try loadIfNeeded()
    }

    func loadIfNeeded() throws {
        guard !state.isLoaded else { return }
        try writer.read { db in try self.state.load(db) }
    }

    /// A store that lives in memory, for tests and one-shot tools.
    public static func inMemory(sharesAnalysisWithReports: Bool = true) throws -> CorpusStore {
        try CorpusStore(writer: DatabaseQueue(configuration: configuration()), sharesAnalysisWithReports: sharesAnalysisWithReports)
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        // A connection waits for another's short lock rather than failing at once: the WAL
        // checkpointer's, or that of a store just closed on the same file, whose last connection
        // checkpoints and removes the WAL as it closes.
        config.busyMode = .timeout(5)
        // 16 KiB pages for a new store (an existing one keeps its own): a third fewer WAL frames
        // and overflow pages to write for the paragraphs and segment blobs of a build, with no
        // measurable cost to fetching a hit's paragraph.
        config.prepareDatabase { db in
            TokenCapture.register(db)
            db.add(tokenizer: PassageTokenizer.self)
            try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY")
        }
        return config
    }

    static let paragraphBits: Int64 = 20
    static let maxParagraphs = 1 << 20

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE documents(
                        key INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        version INTEGER NOT NULL,
                        content_hash TEXT NOT NULL,
                        title TEXT NOT NULL, author TEXT NOT NULL, source TEXT NOT NULL, external_id TEXT,
                        paragraphs INTEGER NOT NULL, sentences INTEGER NOT NULL, tokens INTEGER NOT NULL,
                        pages INTEGER NOT NULL, sections INTEGER NOT NULL, notes INTEGER NOT NULL,
                        citations INTEGER NOT NULL, bytes INTEGER NOT NULL,
                        page_map BLOB NOT NULL,
                        doc_field TEXT NOT NULL);
                    CREATE TABLE versions(
                        id TEXT NOT NULL, version INTEGER NOT NULL, content_hash TEXT NOT NULL,
                        PRIMARY KEY(id, version)) WITHOUT ROWID;
                    CREATE TABLE sections(
                        doc INTEGER NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL, level INTEGER NOT NULL,
                        title TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, parent INTEGER,
                        page TEXT, chapter TEXT,
                        PRIMARY KEY(doc, idx)) WITHOUT ROWID;
                    CREATE TABLE paragraphs(
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                        section INTEGER, page TEXT, last_page TEXT,
                        first_sentence INTEGER NOT NULL, sentence_starts BLOB NOT NULL,
                        tokens INTEGER NOT NULL, chapter_field TEXT NOT NULL, text TEXT NOT NULL);
                    CREATE TABLE notes(
                        doc INTEGER NOT NULL, idx INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL,
                        marker INTEGER, section INTEGER, page TEXT,
                        PRIMARY KEY(doc, idx)) WITHOUT ROWID;
                    CREATE TABLE citations(
                        doc INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                        authors TEXT NOT NULL, year TEXT, pages TEXT, ibid INTEGER NOT NULL,
                        PRIMARY KEY(doc, idx)) WITHOUT ROWID;
                    CREATE VIRTUAL TABLE passages USING fts5(
                        body, chapter, title, author, doc, content='', tokenize='samizdat');
                    CREATE TABLE vocabulary(
                        id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, stem TEXT NOT NULL,
                        frequency INTEGER NOT NULL, documents INTEGER NOT NULL);
                    CREATE INDEX vocabulary_stem ON vocabulary(stem);
                    CREATE TABLE term_documents(
                        term INTEGER NOT NULL, doc INTEGER NOT NULL, count INTEGER NOT NULL, sections BLOB NOT NULL,
                        PRIMARY KEY(term, doc)) WITHOUT ROWID;
                    CREATE TABLE document_terms(doc INTEGER PRIMARY KEY, terms BLOB NOT NULL);
                    """
            )
        }
        // v2: positional postings of our own replace the FTS5 passage index; FTS5 keeps the
        // metadata fields. Existing documents are re-indexed from their stored paragraphs.
        m.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE terms(id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, stem TEXT NOT NULL);
                    INSERT INTO terms(id, term, stem) SELECT id, term, stem FROM vocabulary;
                    DROP TABLE vocabulary;
                    DROP TABLE term_documents;
                    DROP TABLE passages;
                    CREATE TABLE segments(first INTEGER PRIMARY KEY, last INTEGER NOT NULL, data BLOB NOT NULL);
                    CREATE VIRTUAL TABLE fields USING fts5(chapter, title, author, doc, tokenize='samizdat');
                    """
            )
            try Self.reindex(db)
        }
        // v3: posting segments in format SZP4 (exact block bounds); rebuilt from the paragraphs.
        m.registerMigration("v3") { db in
            try db.execute(sql: "DELETE FROM segments")
            try Self.reindex(db, fields: false)
        }
        // v4: a large segment in a file of its own (`SegmentFiles`), named by `file`, its `data`
        // empty; rows already stored keep their bytes.
        m.registerMigration("v4") { db in
            try db.execute(sql: "ALTER TABLE segments ADD COLUMN file TEXT")
        }
        // v5: when each document was indexed (seconds since 1970, UTC); NULL for rows stored before.
        m.registerMigration("v5") { db in
            try db.execute(sql: "ALTER TABLE documents ADD COLUMN indexed_at REAL")
        }
        return m
    }

    /// Builds the postings (and with `fields` the field rows) of every stored document from its
    /// paragraphs.
    static func reindex(_ db: Database, fields: Bool = true) throws {
        let state = IndexState()
        try state.load(db)
        var batch = PostingBatch(state: state)
        var queuedBytes = 0
        let documents = try Row.fetchAll(db, sql: "SELECT key, title, author, doc_field FROM documents ORDER BY key")
        let field = try db.cachedStatement(sql: "INSERT INTO fields(rowid, chapter, title, author, doc) VALUES (?,?,?,?,?)")
        for d in documents {
            let key: Int64 = d["key"]
            let title: String = d["title"]
            let author: String = d["author"]
            let docField: String = d["doc_field"]
            if fields {
                try field.execute(arguments: [paragraphRowID(document: key, index: 0), "", title, author, docField])
                let sections = try Row.fetchAll(db, sql: "SELECT idx, title, parent FROM sections WHERE doc = ? ORDER BY idx", arguments: [key])
                    .map { Section(kind: .section, level: 1, title: $0["title"], start: 0, end: 0, parent: $0["parent"]) }
                for i in sections.indices {
                    try field.execute(arguments: [paragraphRowID(document: key, index: i + 1), sectionChain(sections, i), title, author, docField])
                }
            }
            // the document's paragraphs, one after another, for the analysis
            let low = paragraphRowID(document: key, index: 0)
            let high = paragraphRowID(document: key + 1, index: 0) - 1
            var text = ""
            var ranges: [Range<Int>] = []
            for p in try Row.fetchAll(db, sql: "SELECT id, text FROM paragraphs WHERE id BETWEEN ? AND ? ORDER BY id", arguments: [low, high]) {
                let id: Int64 = p["id"]
                let body: String = p["text"]
                while ranges.count < paragraphIndex(paragraphRowID: id) { ranges.append(text.utf8.count..<text.utf8.count) }
                let start = text.utf8.count
                text += body
                ranges.append(start..<text.utf8.count)
            }
            batch.enqueue(AnalysisJob(key: key, text: text, paragraphs: ranges, sections: []))
            queuedBytes += text.utf8.count
            if queuedBytes >= 64 << 20 {
                try batch.finish(db) { _, _, _ in }
                queuedBytes = 0
            }
        }
        try batch.finish(db) { _, _, _ in }
        try batch.persistNewTerms(db)
        batch.events = []
        _ = try batch.commit(db)
    }

    static func paragraphRowID(document key: Int64, index: Int) -> Int64 { key << paragraphBits | Int64(index) }
    static func documentKey(paragraphRowID id: Int64) -> Int64 { id >> paragraphBits }
    static func paragraphIndex(paragraphRowID id: Int64) -> Int { Int(id & ((1 << paragraphBits) - 1)) }
}
