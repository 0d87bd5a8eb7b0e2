/// Two scopes side by side (see `CompareRequest`).
public struct CompareResponse: Codable, Sendable, Hashable {
    /// A type both sides hold.
    public struct SharedEntry: Codable, Sendable, Hashable {
        public var rank: Int
        public var term: String
        public var frequency: Int
        public var otherFrequency: Int
        public var perMillion: Double
        public var otherPerMillion: Double

        public init(
            rank: Int,
            term: String,
            frequency: Int,
            otherFrequency: Int,
            perMillion: Double,
            otherPerMillion: Double
        ) {
            self.rank = rank
            self.term = term
            self.frequency = frequency
            self.otherFrequency = otherFrequency
            self.perMillion = perMillion
            self.otherPerMillion = otherPerMillion
        }

        enum CodingKeys: String, CodingKey {
            case rank, term, frequency
            case otherFrequency = "other_frequency"
            case perMillion = "per_million"
            case otherPerMillion = "other_per_million"
        }
    }

    public var unit: CountingUnit
    public var tokens: Int
    public var otherTokens: Int
    public var types: Int
    public var otherTypes: Int
    /// Types both sides hold.
    public var sharedTypes: Int
    /// Cosine of the two frequency vectors (0 when a side is empty).
    public var cosine: Double
    /// Positive keywords of the first side against the second, and of the second against the
    /// first (`frequency` is then the second side's).
    public var keywords: [KeywordEntry]
    public var otherKeywords: [KeywordEntry]
    /// Shared types, most frequent on both sides together first.
    public var shared: [SharedEntry]

    public init(
        unit: CountingUnit,
        tokens: Int,
        otherTokens: Int,
        types: Int,
        otherTypes: Int,
        sharedTypes: Int,
        cosine: Double,
        keywords: [KeywordEntry],
        otherKeywords: [KeywordEntry],
        shared: [SharedEntry]
    ) {
        self.unit = unit
        self.tokens = tokens
        self.otherTokens = otherTokens
        self.types = types
        self.otherTypes = otherTypes
        self.sharedTypes = sharedTypes
        self.cosine = cosine
        self.keywords = keywords
        self.otherKeywords = otherKeywords
        self.shared = shared
    }

    enum CodingKeys: String, CodingKey {
        case unit, tokens, types, cosine, keywords, shared
        case otherTokens = "other_tokens"
        case otherTypes = "other_types"
        case sharedTypes = "shared_types"
        case otherKeywords = "other_keywords"
    }
}
