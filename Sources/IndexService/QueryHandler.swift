import Foundation
import SamizdatIndex
import SamizdatModel

/// Turns one query message into its `result` by calling the store. No sockets here.
struct QueryHandler {
    let store: CorpusStore

    func answer(_ m: WireMessage) throws -> WireMessage {
        let req = m.requestID
        func result(_ value: some Encodable) throws -> WireMessage {
            try WireMessage(.result, ResultHeader(req: req, of: m.kind), body: [WireCoding.encoder.encode(value)])
        }
        do {
            switch m.kind {
            case .ping: return try WireMessage(.pong, PongHeader(req: req, service: "index", instance: ""))
            case .search: return try result(store.search(m.body(0, as: SearchRequest.self)))
            case .kwic: return try result(store.kwic(m.body(0, as: KWICRequest.self)))
            case .terms: return try result(store.terms(m.body(0, as: TermsRequest.self)))
            case .citations: return try result(store.citations(m.body(0, as: CitationsRequest.self)))
            case .stats: return try result(store.stats())
            case .documents: return try result(store.documents())
            case .document:
                let h = try m.header(as: DocumentRefHeader.self)
                guard let view = try store.document(id: h.doc) else { throw ProtocolError(.notFound, "no document '\(h.doc)'") }
                return try result(view)
            case .delete:
                let h = try m.header(as: DocumentRefHeader.self)
                return try WireMessage(.deleted, DeletedHeader(req: req, doc: h.doc, found: try store.delete(documentID: h.doc)))
            default:
                throw ProtocolError(.unexpectedKind, "index's query socket does not take '\(m.kind.rawValue)'")
            }
        } catch let e as QueryError {
            throw ProtocolError(.badQuery, e.message, offset: e.position)
        }
    }
}
