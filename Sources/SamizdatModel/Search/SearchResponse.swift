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
    /// Every matching passage counted by document and chapter, when the request asked for it
    /// (absent from an index that does not count: protocol 1 before 2026-12-03).
    public var counts: PassageCounts?

    public init(
        query: String,
        totalPassages: Int,
        totalDocuments: Int,
        documents: [DocumentHits],
        hits: [SearchHit],
        counts: PassageCounts? = nil
    ) {
        self.query = query
        self.totalPassages = totalPassages
        self.totalDocuments = totalDocuments
        self.documents = documents
        self.hits = hits
        self.counts = counts
    }

    enum CodingKeys: String, CodingKey {
        case query, documents, hits, counts
        case totalPassages = "total_passages"
        case totalDocuments = "total_documents"
    }
}
