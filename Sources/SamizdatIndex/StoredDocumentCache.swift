import Foundation
import GRDB

/// Documents as read back for hits (metadata, page map, section titles), kept between queries.
/// A document key is never reused (AUTOINCREMENT) and a stored document never changes under its
/// key — a new version gets a new key — so entries never go stale; they are only dropped to
/// bound memory.
final class StoredDocumentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [Int64: StoredDocument] = [:]
    private let limit = 4096

    func document(_ db: Database, key: Int64) throws -> StoredDocument? {
        lock.lock()
        if let d = documents[key] {
            lock.unlock()
            return d
        }
        lock.unlock()
        guard let d = try StoredDocument.fetch(db, key: key) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if documents.count >= limit { documents.removeAll() }
        documents[key] = d
        return d
    }
}
