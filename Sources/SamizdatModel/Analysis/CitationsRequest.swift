/// The citation index: who is cited in the scope, how often and in how many documents, with
/// their works; with `author`, every place that cites that author.
public struct CitationsRequest: Codable, Sendable, Hashable {
    /// Words of an author's name ("agamben", "de man"): only authors whose name holds them all.
    public var author: String?
    public var scope: ReportScope
    /// Order of the authors: by citations (most first) or by name.
    public var sort: CitationSort
    public var offset: Int
    public var limit: Int

    public init(
        author: String? = nil,
        scope: ReportScope = ReportScope(),
        sort: CitationSort = .citations,
        offset: Int = 0,
        limit: Int = 50
    ) {
        self.author = author
        self.scope = scope
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case author, scope, sort, offset, limit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            author: try container.decodeIfPresent(String.self, forKey: .author),
            scope: try container.decodeIfPresent(ReportScope.self, forKey: .scope) ?? ReportScope(),
            sort: try container.decodeIfPresent(CitationSort.self, forKey: .sort) ?? .citations,
            offset: try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try container.decodeIfPresent(Int.self, forKey: .limit) ?? 50
        )
    }

    /// Rejects a negative offset, a limit outside 1…10,000 and an author with no words.
    public func validate() throws(ProtocolError) {
        guard offset >= 0 else {
            throw ProtocolError.badParameter("offset", "must be 0 or more, not \(offset)")
        }
        guard (1...10_000).contains(limit) else {
            throw ProtocolError.badParameter("limit", "must be from 1 to 10000, not \(limit)")
        }
        if let author, author.allSatisfy({ $0.isWhitespace || $0.isPunctuation }) {
            throw ProtocolError.badParameter("author", "holds no name")
        }
    }
}

/// How the citation index orders its authors.
public enum CitationSort: String, Codable, Sendable, Hashable, CaseIterable {
    case citations
    case name
}
