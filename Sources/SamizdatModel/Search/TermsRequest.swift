/// Term statistics. With `terms` empty: the vocabulary with frequencies (paged, most frequent first).
/// With terms: frequency, document frequency, and counts per document and per section for each.
public struct TermsRequest: Codable, Sendable, Hashable {
    /// Words as a user types them; each is analyzed (folded, then lemmatized or stemmed as
    /// `unit` says).
    public var terms: [String]
    /// Restrict counts to one document.
    public var documentID: String?
    /// What one term is: a folded form, a word with its inflections (the default), or a Porter2
    /// stem. The JSON key is `unit`; an older request's `stemmed: true` is read as `.stem`.
    public var unit: CountingUnit
    /// Include per-document (and per-section) counts for each asked term.
    public var perDocument: Bool
    /// Only vocabulary entries starting with this (folded) prefix.
    public var prefix: String?
    public var minFrequency: Int
    public var offset: Int
    public var limit: Int

    public init(
        terms: [String] = [],
        documentID: String? = nil,
        unit: CountingUnit = .word,
        perDocument: Bool = true,
        prefix: String? = nil,
        minFrequency: Int = 1,
        offset: Int = 0,
        limit: Int = 100
    ) {
        self.terms = terms
        self.documentID = documentID
        self.unit = unit
        self.perDocument = perDocument
        self.prefix = prefix
        self.minFrequency = minFrequency
        self.offset = offset
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case terms, unit, prefix, offset, limit
        case documentID = "document_id"
        case perDocument = "per_document"
        case minFrequency = "min_frequency"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            terms: try c.decodeIfPresent([String].self, forKey: .terms) ?? [],
            documentID: try c.decodeIfPresent(String.self, forKey: .documentID),
            unit: try Self.decodeUnit(decoder, c),
            perDocument: try c.decodeIfPresent(Bool.self, forKey: .perDocument) ?? true,
            prefix: try c.decodeIfPresent(String.self, forKey: .prefix),
            minFrequency: try c.decodeIfPresent(Int.self, forKey: .minFrequency) ?? 1,
            offset: try c.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try c.decodeIfPresent(Int.self, forKey: .limit) ?? 100
        )
    }

    /// The key of requests from before `unit`.
    private enum LegacyKeys: String, CodingKey {
        case stemmed
    }

    /// `unit` when given; else `.stem` for an older request's `stemmed: true`, `.word` otherwise.
    private static func decodeUnit(_ decoder: any Decoder, _ container: KeyedDecodingContainer<CodingKeys>) throws -> CountingUnit {
        if let unit = try container.decodeIfPresent(CountingUnit.self, forKey: .unit) { return unit }
        let legacy = try decoder.container(keyedBy: LegacyKeys.self)
        return try legacy.decodeIfPresent(Bool.self, forKey: .stemmed) == true ? .stem : .word
    }
}
