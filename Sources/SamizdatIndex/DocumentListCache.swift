import Foundation
import SamizdatModel
import Synchronization

/// The document list's JSON as the `documents` query answers it, encoded again only when the
/// list differs from the one encoded last. The list is read anew for each query (it changes
/// only as documents are stored or deleted, but reading it is cheap); encoding 500 summaries
/// with Foundation's coder is not, and every workbench page with a document choice asks for it.
final class DocumentListCache: Sendable {
    private struct Entry: Sendable {
        var documents: [DocumentSummary]
        var json: Data
    }

    private let entry = Mutex<Entry?>(nil)

    /// The JSON of `documents`: the last encoding when the list is the same.
    func json(_ documents: [DocumentSummary]) throws -> Data {
        if let last = entry.withLock({ $0 }), last.documents == documents {
            return last.json
        }
        let json = try WireCoding.encoder.encode(documents)
        entry.withLock { $0 = Entry(documents: documents, json: json) }
        return json
    }
}
