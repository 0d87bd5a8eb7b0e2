/// A ranked passage search. See docs/QUERY.md for the query language.
public struct SearchRequest: Codable, Sendable, Hashable {
    public var query: String
    /// Restrict the search to one document.
    public var documentID: String?
    /// Documents per page (grouped results) and passages in the flat top-k list.
    public var limit: Int
    /// Documents to skip (grouped results) — the flat list skips the same number of passages.
    public var offset: Int
    /// Best passages listed under each document.
    public var passagesPerDocument: Int
    /// Words of context on each side of the first match in a snippet.
    public var snippetWords: Int

    public init(query: String, documentID: String? = nil, limit: Int = 10, offset: Int = 0,
                passagesPerDocument: Int = 3, snippetWords: Int = 12) {
        self.query = query; self.documentID = documentID; self.limit = limit; self.offset = offset
        self.passagesPerDocument = passagesPerDocument; self.snippetWords = snippetWords
    }

    enum CodingKeys: String, CodingKey {
        case query, limit, offset
        case documentID = "document_id"
        case passagesPerDocument = "passages_per_document"
        case snippetWords = "snippet_words"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            query: try c.decode(String.self, forKey: .query),
            documentID: try c.decodeIfPresent(String.self, forKey: .documentID),
            limit: try c.decodeIfPresent(Int.self, forKey: .limit) ?? 10,
            offset: try c.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            passagesPerDocument: try c.decodeIfPresent(Int.self, forKey: .passagesPerDocument) ?? 3,
            snippetWords: try c.decodeIfPresent(Int.self, forKey: .snippetWords) ?? 12
        )
    }
}
