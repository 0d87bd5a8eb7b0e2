import Foundation
import GRDB

/// The writer's map from folded form to `vocabulary.id`, loaded on first write and kept in step
/// with the table; dropped (and reloaded) whenever a write transaction fails, so a rollback
/// never leaves it pointing at rows that are not there.
final class VocabularyIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String: Int64]?
    private var next: Int64 = 1

    /// Ids for `terms`, inserting vocabulary rows (with zero counts) for the new ones.
    func ids(for terms: some Sequence<(String, String)>, in db: Database) throws -> [Int64] {
        lock.lock(); defer { lock.unlock() }
        if ids == nil {
            var loaded: [String: Int64] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, term FROM vocabulary")
            while let row = try cursor.next() { loaded[row[1]] = row[0] }
            ids = loaded
            next = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM vocabulary") ?? 0) + 1
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO vocabulary(id, term, stem, frequency, documents) VALUES (?, ?, ?, 0, 0)")
        var out: [Int64] = []
        for (term, stem) in terms {
            if let id = ids![term] { out.append(id); continue }
            let id = next
            next += 1
            try insert.execute(arguments: [id, term, stem])
            ids![term] = id
            out.append(id)
        }
        return out
    }

    func invalidate() {
        lock.lock(); defer { lock.unlock() }
        ids = nil
    }
}
