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
}
