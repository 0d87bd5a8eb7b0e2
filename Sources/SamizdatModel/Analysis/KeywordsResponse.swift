/// A page of keywords (see `KeywordsRequest`).
public struct KeywordsResponse: Codable, Sendable, Hashable {
    public var unit: CountingUnit
    /// c: tokens in the target.
    public var targetTokens: Int
    /// d: tokens in the reference.
    public var referenceTokens: Int
    /// Types tested: those occurring in the target or the reference (the Bonferroni factor).
    public var tested: Int
    /// Keywords passing the filters (the length of the whole list).
    public var matched: Int
    public var offset: Int
    public var entries: [KeywordEntry]

    public init(
        unit: CountingUnit,
        targetTokens: Int,
        referenceTokens: Int,
        tested: Int,
        matched: Int,
        offset: Int,
        entries: [KeywordEntry]
    ) {
        self.unit = unit
        self.targetTokens = targetTokens
        self.referenceTokens = referenceTokens
        self.tested = tested
        self.matched = matched
        self.offset = offset
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case unit, tested, matched, offset, entries
        case targetTokens = "target_tokens"
        case referenceTokens = "reference_tokens"
    }
}
