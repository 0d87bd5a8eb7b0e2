import Foundation
import ReportHTTP
import SamizdatModel
import SamizdatService
import ZeroMQ

/// report's view of the other services: request clients to ingest and index.
struct Backends: ReportBackend {
    let ingest: RequestClient
    let index: RequestClient
    let timeout: Duration
    /// The document list, decoded again only when index's answer changes.
    let documentList = DocumentListDecoding()

    init(config: SamizdatConfig, context: Context, security: ServiceSecurity) throws {
        ingest = try RequestClient(context: context, endpoint: config.reportIngest, security: try security.client(of: .ingest))
        index = try RequestClient(context: context, endpoint: config.reportIndex, security: try security.client(of: .index))
        timeout = .milliseconds(config.requestTimeoutMs)
    }

    /// Sends a query to index with its JSON body and decodes the result.
    func query<R: Decodable>(_ kind: MessageKind, body: some Encodable, as: R.Type) async throws -> R {
        let data = try WireCoding.encoder.encode(body)
        let reply = try await index.request(timeout: timeout) { try WireMessage(kind, RequestHeader(req: $0), body: [data]) }
        return try RequestClient.result(reply, as: R.self)
    }

    /// Sends a report request to index and answers its result's JSON as it came.
    func report(_ kind: MessageKind, body: Data) async throws -> Data {
        let reply = try await index.request(timeout: timeout) { try WireMessage(kind, RequestHeader(req: $0), body: [body]) }
        switch reply.kind {
        case .result:
            guard let data = reply.body.first else { throw ProtocolError(.truncatedMessage, "index's result has no body") }
            return data
        case .error:
            throw try reply.header(as: ErrorHeader.self).error
        default:
            throw ProtocolError(.unexpectedKind, "expected a result, got '\(reply.kind.rawValue)'")
        }
    }

    func search(_ request: SearchRequest) async throws -> SearchResponse {
        try await query(.search, body: request, as: SearchResponse.self)
    }

    func concordance(_ request: KWICRequest) async throws -> KWICResponse {
        try await query(.kwic, body: request, as: KWICResponse.self)
    }

    func status() async -> SystemStatus {
        async let p: PipelineStatus = {
            let reply = try await ingest.request(timeout: timeout) { try WireMessage(.status, RequestHeader(req: $0)) }
            return try RequestClient.result(reply, as: PipelineStatus.self)
        }()
        async let s: IndexStats = {
            let reply = try await index.request(timeout: timeout) { try WireMessage(.stats, RequestHeader(req: $0)) }
            return try RequestClient.result(reply, as: IndexStats.self)
        }()
        var unavailable: [String: String] = [:]
        var pipeline: PipelineStatus?
        var stats: IndexStats?
        do { pipeline = try await p } catch { unavailable["ingest"] = "\(error)" }
        do { stats = try await s } catch { unavailable["index"] = "\(error)" }
        return SystemStatus(pipeline: pipeline, index: stats, unavailable: unavailable)
    }

    func documents() async throws -> [DocumentSummary] {
        let reply = try await index.request(timeout: timeout) { try WireMessage(.documents, RequestHeader(req: $0)) }
        return try documentList.documents(reply)
    }

    func document(id: String) async throws -> DocumentView {
        let reply = try await index.request(timeout: timeout) { try WireMessage(.document, DocumentRefHeader(req: $0, doc: id)) }
        return try RequestClient.result(reply, as: DocumentView.self)
    }

    /// The file a document came as, from ingest's journal.
    func original(id: String) async throws -> OriginalFile {
        let reply = try await ingest.request(timeout: timeout) { try WireMessage(.original, DocumentRefHeader(req: $0, doc: id)) }
        if reply.kind == .error { throw try reply.header(as: ErrorHeader.self).error }
        let header = try reply.header(as: OriginalHeader.self)
        guard let format = DocumentFormat(rawValue: header.format), reply.body.count == 1 else {
            throw ProtocolError(.internal, "ingest's original of \(id) came malformed")
        }
        return OriginalFile(documentID: header.doc, version: header.version, format: format, bytes: reply.body[0])
    }

    /// Deletes everywhere: from ingest's journal (so it is not redelivered; a tombstone stays) and from
    /// the index. `by` is the client key that asked, for ingest's log.
    func delete(id: String, by: String) async throws -> Bool {
        let a = try await ingest.request(timeout: timeout) { try WireMessage(.delete, DocumentRefHeader(req: $0, doc: id, by: by)) }
        let b = try await index.request(timeout: timeout) { try WireMessage(.delete, DocumentRefHeader(req: $0, doc: id)) }
        for m in [a, b] where m.kind == .error { throw try m.header(as: ErrorHeader.self).error }
        let found = [a, b].compactMap { try? $0.header(as: DeletedHeader.self).found }
        return found.contains(true)
    }
}
