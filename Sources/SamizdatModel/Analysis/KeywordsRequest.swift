/// Keywords of a target (a document, a chapter or a subcorpus) against a reference: by default
/// the rest of the corpus, or another scope.
public struct KeywordsRequest: Codable, Sendable, Hashable {
    /// What counts as one type (default: the word).
    public var unit: CountingUnit
    /// The target.
    public var scope: ReportScope
    /// The reference; nil: the rest of the corpus (every document in the target's region, less
    /// the target's tokens).
    public var reference: ReportScope?
    /// The measure ranked by (default G²).
    public var sort: KeywordSort
    /// Positive, negative or both (default positive).
    public var polarity: KeywordPolarity
    /// Multiply each p-value by the number of types tested (capped at 1).
    public var bonferroni: Bool
    /// A keyword occurs at least this often where it is key: in the target for a positive
    /// keyword, in the reference for a negative one (at least 1).
    public var minFrequency: Int
    /// Only keywords whose (corrected) p-value is at most this (0 < max_p ≤ 1; 1 keeps all).
    public var maxP: Double
    public var offset: Int
    /// Entries returned at most (1...10,000).
    public var limit: Int

    public init(
        unit: CountingUnit = .word,
        scope: ReportScope = ReportScope(),
        reference: ReportScope? = nil,
        sort: KeywordSort = .g2,
        polarity: KeywordPolarity = .positive,
        bonferroni: Bool = false,
        minFrequency: Int = 1,
        maxP: Double = 1,
        offset: Int = 0,
        limit: Int = 100
    ) {
        self.unit = unit
        self.scope = scope
        self.reference = reference
        self.sort = sort
        self.polarity = polarity
        self.bonferroni = bonferroni
        self.minFrequency = minFrequency
        self.maxP = maxP
        self.offset = offset
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case unit, scope, reference, sort, polarity, bonferroni, offset, limit
        case minFrequency = "min_frequency"
        case maxP = "max_p"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            unit: try container.decodeIfPresent(CountingUnit.self, forKey: .unit) ?? .word,
            scope: try container.decodeIfPresent(ReportScope.self, forKey: .scope) ?? ReportScope(),
            reference: try container.decodeIfPresent(ReportScope.self, forKey: .reference),
            sort: try container.decodeIfPresent(KeywordSort.self, forKey: .sort) ?? .g2,
            polarity: try container.decodeIfPresent(KeywordPolarity.self, forKey: .polarity) ?? .positive,
            bonferroni: try container.decodeIfPresent(Bool.self, forKey: .bonferroni) ?? false,
            minFrequency: try container.decodeIfPresent(Int.self, forKey: .minFrequency) ?? 1,
            maxP: try container.decodeIfPresent(Double.self, forKey: .maxP) ?? 1,
            offset: try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try container.decodeIfPresent(Int.self, forKey: .limit) ?? 100
        )
    }

    /// Rejects out-of-range values, naming the parameter.
    public func validate() throws(ProtocolError) {
        try ReportPaging.validate(minFrequency: minFrequency)
        guard maxP > 0, maxP <= 1 else {
            throw ProtocolError.badParameter("max_p", "must be above 0 and at most 1, got \(maxP)")
        }
        try ReportPaging.validate(offset: offset, limit: limit)
    }
}
