/// A ranked passage search. See docs/QUERY.md for the query language.
public struct SearchRequest: Codable, Sendable, Hashable {
    public var query: String
    /// Restrict the search to one document.
    public var documentID: String?
    /// The body text, the notes, or both (the default).
    public var region: TextRegion = .all
    /// Documents per page (grouped results) and passages in the flat top-k list.
    public var limit: Int
    /// Documents to skip (grouped results) — the flat list skips the same number of passages.
    public var offset: Int
    /// Best passages listed under each document.
    public var passagesPerDocument: Int
    /// Words of context on each side of the first match in a snippet.
    public var snippetWords: Int
    /// Build snippets and match offsets (re-reads each returned paragraph). Without them a hit
    /// still names its document, section, chapter, paragraph, the paragraph's page and first
    /// sentence, and its score — the cheap path for callers that only rank.
    public var highlight: Bool
    /// Also count every matching passage by document and chapter (`SearchResponse.counts`),
    /// from the matches alone. With `limit` 0 the answer is the counts and the totals only.
    public var counts: Bool

    public init(
        query: String,
        documentID: String? = nil,
        limit: Int = 10,
        offset: Int = 0,
        passagesPerDocument: Int = 3,
        snippetWords: Int = 12,
        highlight: Bool = true,
        counts: Bool = false
    ) {
        self.query = query
        self.documentID = documentID
        self.limit = limit
        self.offset = offset
        self.passagesPerDocument = passagesPerDocument
        self.snippetWords = snippetWords
        self.highlight = highlight
        self.counts = counts
    }

    enum CodingKeys: String, CodingKey {
        case query, limit, offset
        case documentID = "document_id"
        case region
        case passagesPerDocument = "passages_per_document"
        case snippetWords = "snippet_words"
        case highlight
        case counts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            query: try c.decode(String.self, forKey: .query),
            documentID: try c.decodeIfPresent(String.self, forKey: .documentID),
            limit: try c.decodeIfPresent(Int.self, forKey: .limit) ?? 10,
            offset: try c.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            passagesPerDocument: try c.decodeIfPresent(Int.self, forKey: .passagesPerDocument) ?? 3,
            snippetWords: try c.decodeIfPresent(Int.self, forKey: .snippetWords) ?? 12,
            highlight: try c.decodeIfPresent(Bool.self, forKey: .highlight) ?? true,
            counts: try c.decodeIfPresent(Bool.self, forKey: .counts) ?? false
        )
        region = try c.decodeIfPresent(TextRegion.self, forKey: .region) ?? .all
    }
}
