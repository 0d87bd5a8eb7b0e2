import Foundation
import Logging
import SamizdatIndex
import SamizdatModel
import SamizdatService

/// Turns one query message into its `result` by calling the store. No sockets here.
struct QueryHandler {
    let store: CorpusStore
    /// Where each answer is timed and each refusal counted (shared by index's two threads).
    let metrics: IndexMetrics

    /// Whether a request of this kind writes the store, and so must run on the writer's thread.
    static func writes(_ kind: MessageKind) -> Bool {
        kind == .delete
    }

    /// The frames to send back on the ROUTER for what it received (`frames`: route, then the
    /// message); nil when nothing can be sent. Bad requests get an `error` reply, logged.
    func reply(to frames: [Data], logger: Logger) -> [Data]? {
        let (envelope, rest) = Envelope.split(frames)
        var requestID = WireMessage.requestID(inFrames: rest)
        let reply: WireMessage?
        do {
            let message = try WireMessage.decode(rest)
            requestID = message.requestID
            let started = ContinuousClock.now
            reply = try message.kind == .metrics ? metrics.reply(to: message, store: store) : answer(message)
            metrics.answered(message.kind, took: ContinuousClock.now - started)
        } catch let refusal as ProtocolError {
            metrics.refused(reason: refusal.code.rawValue)
            logger.event(
                "rejected",
                "query refused: \(refusal.message)",
                level: .info,
                ["error.code": .string(refusal.code.rawValue), "peer.id": .string(envelope.peer)]
            )
            reply = try? WireMessage(.error, ErrorHeader(req: requestID, refusal))
        } catch {
            metrics.refused(reason: ProtocolError.Code.internal.rawValue)
            logger.event("query_error", "query failed: \(error)", level: .error, ["error.message": .string("\(error)")])
            reply = try? WireMessage(.error, ErrorHeader(req: requestID, ProtocolError(.internal, "\(error)")))
        }
        return reply.map { envelope.route + $0.frames }
    }

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
            case .wordlist: return try result(store.wordList(m.body(0, as: WordListRequest.self)))
            case .ngrams: return try result(store.ngrams(m.body(0, as: NGramsRequest.self)))
            case .collocates: return try result(store.collocates(m.body(0, as: CollocatesRequest.self)))
            case .keywords: return try result(store.keywords(m.body(0, as: KeywordsRequest.self)))
            case .dispersion: return try result(store.dispersion(m.body(0, as: DispersionRequest.self)))
            case .trends: return try result(store.trends(m.body(0, as: TrendsRequest.self)))
            case .compare: return try result(store.compare(m.body(0, as: CompareRequest.self)))
            case .stats: return try result(store.stats())
            case .partial:
                let header = try m.header(as: PartialHeader.self)
                guard let kind = MessageKind(rawValue: header.of) else {
                    throw ProtocolError(.badHeader, "partial: unknown kind '\(header.of)'")
                }
                guard let body = m.body.first else { throw ProtocolError(.truncatedMessage, "partial: no request body") }
                return try WireMessage(.result, ResultHeader(req: req, of: .partial), body: [store.partial(of: kind, body: body)])
            case .documents:
                return try WireMessage(.result, ResultHeader(req: req, of: m.kind), body: [store.documentsJSON()])
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
