import GRDB

/// The journal's tables and their migrations.
///
/// `v1` is the first layout: one `documents` row per version holding its text and its state
/// together, so every state change rewrote the text (a 1 MB text: 2 MB of WAL per change).
/// `v2` moves every row into `texts` (insert-only), `versions` (metadata, insert-only) and `states`
/// (a small mutable row), keeping every document, state, attempt count and error, and adds
/// `tombstones`. `v3` adds `originals`, the bytes of versions that arrived as files.
public enum JournalSchema {
    /// Every migration, in order; GRDB applies those a journal has not had yet.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createFirstLayout)
        migrator.registerMigration("v2", migrate: separateTextsFromStates)
        migrator.registerMigration("v3", migrate: addOriginals)
        return migrator
    }

    /// The layout of the first release, kept so that older journals and new ones go the same way.
    static func createFirstLayout(_ db: Database) throws {
        try db.create(table: "documents") { table in
            table.column("id", .text).notNull()
            table.column("version", .integer).notNull()
            table.column("hash", .text).notNull()
            table.column("title", .text).notNull()
            table.column("author", .text).notNull()
            table.column("source", .text).notNull()
            table.column("external_id", .text)
            table.column("text", .text).notNull()
            table.column("bytes", .integer).notNull()
            table.column("state", .text).notNull()
            table.column("attempts", .integer).notNull().defaults(to: 0)
            table.column("stage", .text)
            table.column("last_error", .text)
            table.column("created_at", .double).notNull()
            table.column("updated_at", .double).notNull()
            table.primaryKey(["id", "version"])
        }
        try db.create(index: "documents_hash", on: "documents", columns: ["hash"])
        try db.create(index: "documents_external", on: "documents", columns: ["external_id"])
        try db.create(index: "documents_state", on: "documents", columns: ["state"])
        try db.create(table: "requests") { table in
            table.primaryKey("req", .text)
            table.column("doc", .text).notNull()
            table.column("version", .integer).notNull()
            table.column("outcome", .text).notNull()
            table.column("created_at", .double).notNull()
        }
    }

    /// `originals`: the bytes of versions that arrived as files (PDF …), written once.
    static func addOriginals(_ db: Database) throws {
        try db.create(table: OriginalRecord.databaseTableName) { table in
            table.column("id", .text).notNull()
            table.column("version", .integer).notNull()
            table.column("format", .text).notNull()
            table.column("bytes", .blob).notNull()
            table.primaryKey(["id", "version"])
        }
    }

    /// Texts written once, states apart, tombstones; every `documents` row moved over.
    static func separateTextsFromStates(_ db: Database) throws {
        try db.create(table: TextRecord.databaseTableName) { table in
            table.column("id", .text).notNull()
            table.column("version", .integer).notNull()
            table.column("text", .text).notNull()
            table.primaryKey(["id", "version"])
        }
        try db.create(table: VersionRecord.databaseTableName) { table in
            table.column("id", .text).notNull()
            table.column("version", .integer).notNull()
            table.column("hash", .text).notNull()
            table.column("title", .text).notNull()
            table.column("author", .text).notNull()
            table.column("source", .text).notNull()
            table.column("external_id", .text)
            table.column("bytes", .integer).notNull()
            table.column("created_at", .double).notNull()
            table.primaryKey(["id", "version"])
        }
        try db.create(index: "versions_hash", on: VersionRecord.databaseTableName, columns: ["hash"])
        try db.create(table: StateRecord.databaseTableName) { table in
            table.column("id", .text).notNull()
            table.column("version", .integer).notNull()
            table.column("state", .text).notNull()
            table.column("attempts", .integer).notNull().defaults(to: 0)
            table.column("stage", .text)
            table.column("last_error", .text)
            table.column("accepted_at", .double).notNull()
            table.column("updated_at", .double).notNull()
            table.primaryKey(["id", "version"])
        }
        try db.create(index: "states_state", on: StateRecord.databaseTableName, columns: ["state"])
        try db.create(table: TombstoneRecord.databaseTableName) { table in
            table.primaryKey("id", .text)
            table.column("version", .integer).notNull()
            table.column("deleted_at", .double).notNull()
        }
        try db.execute(
            sql: """
                INSERT INTO texts (id, version, text) SELECT id, version, text FROM documents;
                INSERT INTO versions (id, version, hash, title, author, source, external_id, bytes, created_at)
                    SELECT id, version, hash, title, author, source, external_id, bytes, created_at FROM documents;
                INSERT INTO states (id, version, state, attempts, stage, last_error, accepted_at, updated_at)
                    SELECT id, version, state, attempts, stage, last_error, created_at, updated_at FROM documents ORDER BY created_at, rowid;
                """
        )
        try db.drop(table: "documents")
    }
}
