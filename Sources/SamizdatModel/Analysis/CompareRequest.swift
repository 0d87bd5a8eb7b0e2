/// A comparison of two documents or subcorpora: keywords both ways, the shared vocabulary, and
/// their cosine similarity.
public struct CompareRequest: Codable, Sendable, Hashable {
    public var unit: CountingUnit
    /// The first side.
    public var scope: ReportScope
    /// The second side; nil: the rest of the corpus.
    public var other: ReportScope?
    /// The measure the keyword lists are ranked by (default G²).
    public var sort: KeywordSort
    /// A keyword occurs at least this often on the side it is key for; a shared type at least
    /// this often on each side (at least 1).
    public var minFrequency: Int
    /// Paging, applied to each of the three lists.
    public var offset: Int
    public var limit: Int

    public init(
        unit: CountingUnit = .word,
        scope: ReportScope = ReportScope(),
        other: ReportScope? = nil,
        sort: KeywordSort = .g2,
        minFrequency: Int = 1,
        offset: Int = 0,
        limit: Int = 50
    ) {
        self.unit = unit
        self.scope = scope
        self.other = other
        self.sort = sort
        self.minFrequency = minFrequency
        self.offset = offset
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case unit, scope, other, sort, offset, limit
        case minFrequency = "min_frequency"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            unit: try container.decodeIfPresent(CountingUnit.self, forKey: .unit) ?? .word,
            scope: try container.decodeIfPresent(ReportScope.self, forKey: .scope) ?? ReportScope(),
            other: try container.decodeIfPresent(ReportScope.self, forKey: .other),
            sort: try container.decodeIfPresent(KeywordSort.self, forKey: .sort) ?? .g2,
            minFrequency: try container.decodeIfPresent(Int.self, forKey: .minFrequency) ?? 1,
            offset: try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try container.decodeIfPresent(Int.self, forKey: .limit) ?? 50
        )
    }

    /// Rejects out-of-range values, naming the parameter.
    public func validate() throws(ProtocolError) {
        try ReportPaging.validate(minFrequency: minFrequency)
        try ReportPaging.validate(offset: offset, limit: limit)
    }
}
