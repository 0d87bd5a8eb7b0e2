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

/// The store: documents, paragraphs, the FTS5 passage index and precomputed term statistics,
/// in one SQLite file (WAL). One writer; readers run concurrently.
///
/// Tables: `documents` (one row per live document, counts and page map), `versions` (every
/// version applied to a live document), `sections`, `paragraphs` (text, location, sentence
/// bounds; rowid = document key << 20 | paragraph index), `notes`, `citations`, `passages`
/// (contentless FTS5: body, chapter, title, author, doc), `vocabulary` (folded form, stem,
/// corpus frequency, document frequency), `term_documents` (form × document: count and counts
/// per section), `document_terms` (each document's forms, for exact removal).
public final class CorpusStore: Sendable {
    let writer: any DatabaseWriter
    let analyzer = Analyzer()
    let parser = QueryParser()
    let vocabularyIDs = VocabularyIDs()
    let storedDocuments = StoredDocumentCache()

    /// Opens or creates the store at `path` and migrates it.
    public init(path: String) throws {
        var config = Self.configuration()
        config.journalMode = .wal
        writer = try DatabasePool(path: path, configuration: config)
        try Self.migrator.migrate(writer)
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// A store that lives in memory, for tests and one-shot tools.
    public static func inMemory() throws -> CorpusStore {
        try CorpusStore(writer: DatabaseQueue(configuration: configuration()))
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.prepareDatabase { db in
            TokenCapture.register(db)
            db.add(tokenizer: PassageTokenizer.self)
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
        }
        return config
    }

    static let paragraphBits: Int64 = 20
    static let maxParagraphs = 1 << 20

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
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
                """)
        }
        return m
    }

    static func paragraphRowID(document key: Int64, index: Int) -> Int64 { key << paragraphBits | Int64(index) }
    static func documentKey(paragraphRowID id: Int64) -> Int64 { id >> paragraphBits }
    static func paragraphIndex(paragraphRowID id: Int64) -> Int { Int(id & ((1 << paragraphBits) - 1)) }
}
