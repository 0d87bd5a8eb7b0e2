import Foundation
import SamizdatModel

/// What the workbench asks of the other services. report's ZeroMQ clients implement it;
/// tests pass a fake with canned answers.
public protocol ReportBackend: Sendable {
    /// Ingest's pipeline and index's store, each nil when its service does not answer.
    func status() async -> SystemStatus
    /// Every stored document.
    func documents() async throws -> [DocumentSummary]
    /// One document with its structure and paragraphs; throws `not_found` for an unknown id.
    func document(id: String) async throws -> DocumentView
    /// A ranked passage search; throws `bad_query` with the position of the problem.
    func search(_ request: SearchRequest) async throws -> SearchResponse
    /// Every occurrence of a query in context, sorted and paged.
    func concordance(_ request: KWICRequest) async throws -> KWICResponse
    /// An analysis report (`wordlist`, `collocates`, `keywords`, …): the request's JSON in,
    /// index's result JSON out; throws index's refusal (`bad_parameter`, `not_found`, …).
    func report(_ kind: MessageKind, body: Data) async throws -> Data
    /// The file a document came as (ingest's `original`); throws `not_found` when it came as text.
    func original(id: String) async throws -> OriginalFile
}

extension ReportBackend {
    /// A backend with no ingest to ask has no original files.
    public func original(id: String) async throws -> OriginalFile {
        throw ProtocolError(.notFound, "no original file is kept for document \(id) here")
    }

    /// An analysis report, its request encoded and its answer decoded as the wire protocol does.
    func analysis<Answer: Decodable>(_ kind: MessageKind, _ request: some Encodable, as answer: Answer.Type) async throws -> Answer {
        let body = try WireCoding.encoder.encode(request)
        return try WireCoding.decoder.decode(Answer.self, from: try await report(kind, body: body))
    }
}
