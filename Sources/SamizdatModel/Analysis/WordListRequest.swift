/// A frequency list of the types in a scope: frequency, per million, range and DP, most frequent
/// first (ties by name in code-point order).
public struct WordListRequest: Codable, Sendable, Hashable {
    /// What counts as one type (default: the word).
    public var unit: CountingUnit
    /// The part of the corpus counted (default: everything).
    public var scope: ReportScope
    /// Only types whose name starts with this (folded) prefix.
    public var prefix: String?
    /// Only types occurring at least this often in the scope (at least 1).
    public var minFrequency: Int
    /// Leave out the default English stoplist (`Stoplist.english`); off by default.
    public var stoplist: Bool
    /// Entries skipped before the first one returned.
    public var offset: Int
    /// Entries returned at most (1...10,000).
    public var limit: Int

    public init(
        unit: CountingUnit = .word,
        scope: ReportScope = ReportScope(),
        prefix: String? = nil,
        minFrequency: Int = 1,
        stoplist: Bool = false,
        offset: Int = 0,
        limit: Int = 100
    ) {
        self.unit = unit
        self.scope = scope
        self.prefix = prefix
        self.minFrequency = minFrequency
        self.stoplist = stoplist
        self.offset = offset
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case unit, scope, prefix, stoplist, offset, limit
        case minFrequency = "min_frequency"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            unit: try container.decodeIfPresent(CountingUnit.self, forKey: .unit) ?? .word,
            scope: try container.decodeIfPresent(ReportScope.self, forKey: .scope) ?? ReportScope(),
            prefix: try container.decodeIfPresent(String.self, forKey: .prefix),
            minFrequency: try container.decodeIfPresent(Int.self, forKey: .minFrequency) ?? 1,
            stoplist: try container.decodeIfPresent(Bool.self, forKey: .stoplist) ?? false,
            offset: try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try container.decodeIfPresent(Int.self, forKey: .limit) ?? 100
        )
    }

    /// Rejects out-of-range values, naming the parameter.
    public func validate() throws(ProtocolError) {
        try ReportPaging.validate(minFrequency: minFrequency)
        try ReportPaging.validate(offset: offset, limit: limit)
    }
}
