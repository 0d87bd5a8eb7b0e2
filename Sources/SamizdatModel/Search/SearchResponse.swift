/// Ranked results: documents with their best passages, and the flat top passages.
public struct SearchResponse: Codable, Sendable, Hashable {
    public var query: String
    /// Matching passages in the whole corpus (or the one document asked for).
    public var totalPassages: Int
    public var totalDocuments: Int
    /// Documents ordered by their best passage, `offset ..< offset+limit`.
    public var documents: [DocumentHits]
    /// Passages ordered by score regardless of document, `offset ..< offset+limit`.
    public var hits: [SearchHit]

    public init(query: String, totalPassages: Int, totalDocuments: Int, documents: [DocumentHits], hits: [SearchHit]) {
        self.query = query
        self.totalPassages = totalPassages
        self.totalDocuments = totalDocuments
        self.documents = documents
        self.hits = hits
    }

    enum CodingKeys: String, CodingKey {
        case query, documents, hits
        case totalPassages = "total_passages"
        case totalDocuments = "total_documents"
    }
}
