import Foundation
import Logging
import Metrics
import SamizdatModel
import SamizdatService
import ServiceLifecycle
import ZeroMQ

/// report's ZeroMQ API for the CLI: a ROUTER whose requests are answered concurrently,
/// each forwarded to index or ingest.
struct ClientAPI: Service {
    let config: SamizdatConfig
    let logger: Logger
    let context: Context
    let security: ServiceSecurity
    let backends: Backends
    let metrics: ReportMetrics

    func run() async throws {
        let options = try security.serverOptions(.reportClient)
        let socket = try AsyncSocket(name: "report-client") { [config, context, security, logger] in
            let socket = try Socket.router(context, binding: config.reportClient, options: options)
            try HandshakeLog.watch(socket, context: context, security: security, domain: .reportClient, logger: logger)
            return socket
        }
        logger.event("listen", "client API bound", ["net.endpoint": .string(config.reportClient)])
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                while true {
                    let received: ReceivedMessage?
                    do { received = try await socket.receiveMessage() } catch { break }
                    guard let received else { continue }
                    group.addTask {
                        let (envelope, rest) = Envelope.split(received.frames)
                        let started = ContinuousClock.now
                        let reply = await answer(rest, requester: Requester(userId: received.userId))
                        let kind = rest.first.flatMap { MessageKind(rawValue: String(decoding: $0, as: UTF8.self)) }?.rawValue ?? "unknown"
                        MetricCatalog.reportClientRequest.timer([("kind", kind)]).record(duration: ContinuousClock.now - started)
                        try? await socket.send(envelope.route + reply.frames)
                    }
                }
            }
        } onGracefulShutdown: {
            Task { await socket.close() }
        }
    }

    func answer(_ frames: [Data], requester: Requester) async -> WireMessage {
        var req = WireMessage.requestID(inFrames: frames)
        do {
            let m = try WireMessage.decode(frames)
            req = m.requestID
            try Self.authorize(m.kind, requester: requester)
            func pass<R: Codable & Sendable>(_ type: R.Type) async throws -> WireMessage {
                let body = try m.body(0, as: R.self)
                let reply = try await backends.index.request(timeout: backends.timeout) { id in
                    try WireMessage(m.kind, RequestHeader(req: id), body: [WireCoding.encoder.encode(body)])
                }
                return try relabel(reply, req: req)
            }
            switch m.kind {
            case .ping:
                return try WireMessage(.pong, PongHeader(req: req, service: "report", instance: config.instance))
            case .metrics:
                let text = await metrics.exposition()
                return try WireMessage(.result, ResultHeader(req: req, of: .metrics), body: [Data(text.utf8)])
            case .status:
                let s = await backends.status()
                return try WireMessage(.result, ResultHeader(req: req, of: .status), body: [WireCoding.encoder.encode(s)])
            case .search: return try await pass(SearchRequest.self)
            case .kwic: return try await pass(KWICRequest.self)
            case .terms: return try await pass(TermsRequest.self)
            case .citations: return try await pass(CitationsRequest.self)
            case .wordlist: return try await pass(WordListRequest.self)
            case .ngrams: return try await pass(NGramsRequest.self)
            case .collocates: return try await pass(CollocatesRequest.self)
            case .keywords: return try await pass(KeywordsRequest.self)
            case .dispersion: return try await pass(DispersionRequest.self)
            case .trends: return try await pass(TrendsRequest.self)
            case .compare: return try await pass(CompareRequest.self)
            case .stats, .documents:
                let reply = try await backends.index.request(timeout: backends.timeout) { try WireMessage(m.kind, RequestHeader(req: $0)) }
                return try relabel(reply, req: req)
            case .document:
                let h = try m.header(as: DocumentRefHeader.self)
                let view = try await backends.document(id: h.doc)
                return try WireMessage(.result, ResultHeader(req: req, of: .document), body: [WireCoding.encoder.encode(view)])
            case .delete:
                let h = try m.header(as: DocumentRefHeader.self)
                let found = try await backends.delete(id: h.doc, by: requester.label)
                logger.event(
                    "deleted",
                    "document deleted",
                    ["doc.id": .string(h.doc), "delete.found": .bool(found), "auth.user": .string(requester.label)]
                )
                return try WireMessage(.deleted, DeletedHeader(req: req, doc: h.doc, found: found))
            default:
                throw ProtocolError(.unexpectedKind, "report's client socket does not take '\(m.kind.rawValue)'")
            }
        } catch {
            let e = error as? ProtocolError ?? ProtocolError(.internal, "\(error)")
            logger.event(
                "rejected",
                "request refused: \(e.message)",
                level: e.code == .forbidden ? .warning : .info,
                ["error.code": .string(e.code.rawValue), "auth.user": .string(requester.label)]
            )
            return (try? WireMessage(.error, ErrorHeader(req: req, e))) ?? WireMessage(kind: .error, header: Data("{\"v\":1}".utf8))
        }
    }

    /// Deletes need an admin key; everything else any key on the allow-list.
    static func authorize(_ kind: MessageKind, requester: Requester) throws {
        let needed: ClientRole = kind == .delete ? .admin : .query
        guard requester.may(needed) else {
            throw ProtocolError(.forbidden, "key \(requester.label) may not '\(kind.rawValue)': that needs the \(needed.rawValue) role")
        }
    }

    /// A backend's reply with the client's request id put back in.
    private func relabel(_ reply: WireMessage, req: String?) throws -> WireMessage {
        guard var object = try JSONSerialization.jsonObject(with: reply.header) as? [String: Any] else { return reply }
        object["req"] = req ?? NSNull()
        var m = reply
        m.header = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return m
    }
}
