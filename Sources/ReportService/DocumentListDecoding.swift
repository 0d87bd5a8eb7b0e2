import Foundation
import SamizdatModel
import SamizdatService
import Synchronization

/// index's document list as last decoded, kept while index answers the same bytes: the list
/// changes only as documents are stored or deleted, while every page with a document choice
/// asks for it, and decoding 500 summaries with Foundation's coder was a sixth of the term
/// page's time in report. Bytes that differ in anything are decoded anew.
final class DocumentListDecoding: Sendable {
    private struct Entry: Sendable {
        var json: Data
        var documents: [DocumentSummary]
    }

    private let entry = Mutex<Entry?>(nil)

    /// The documents index's reply to `documents` lists (its refusal thrown, as `RequestClient.result` does).
    func documents(_ reply: WireMessage) throws -> [DocumentSummary] {
        let json = reply.kind == .result ? reply.body.first : nil
        if let json, let last = entry.withLock({ $0 }), last.json == json {
            return last.documents
        }
        let documents = try RequestClient.result(reply, as: [DocumentSummary].self)
        if let json {
            entry.withLock { $0 = Entry(json: json, documents: documents) }
        }
        return documents
    }
}
