/// How concordance lines are ordered.
public enum ConcordanceSort: String, Codable, Sendable, Hashable, CaseIterable {
    /// Corpus order: document, then offset.
    case document
    /// By the 1st, 2nd or 3rd word left of the match (nearest first), then the next ones out.
    case left1, left2, left3
    /// By the 1st, 2nd or 3rd word right of the match, then the next ones out.
    case right1, right2, right3
}

/// Every occurrence of a term or query, with words of context. Paged, no cap per document.
public struct KWICRequest: Codable, Sendable, Hashable {
    /// A term or any query of docs/QUERY.md; every positive match is a line.
    public var query: String
    public var documentID: String?
    /// The body text, the notes, or both (the default).
    public var region: TextRegion = .all
    /// Words of context on each side.
    public var context: Int
    public var sort: ConcordanceSort
    public var offset: Int
    public var limit: Int

    public init(
        query: String,
        documentID: String? = nil,
        context: Int = 5,
        sort: ConcordanceSort = .document,
        offset: Int = 0,
        limit: Int = 100
    ) {
        self.query = query
        self.documentID = documentID
        self.context = context
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case query, context, sort, offset, limit
        case documentID = "document_id"
        case region
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            query: try c.decode(String.self, forKey: .query),
            documentID: try c.decodeIfPresent(String.self, forKey: .documentID),
            context: try c.decodeIfPresent(Int.self, forKey: .context) ?? 5,
            sort: try c.decodeIfPresent(ConcordanceSort.self, forKey: .sort) ?? .document,
            offset: try c.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try c.decodeIfPresent(Int.self, forKey: .limit) ?? 100
        )
        region = try c.decodeIfPresent(TextRegion.self, forKey: .region) ?? .all
    }
}
