/// A page of a frequency list (see `WordListRequest`).
public struct WordListResponse: Codable, Sendable, Hashable {
    /// One type of the list.
    public struct Entry: Codable, Sendable, Hashable {
        /// 1-based place in the whole filtered list.
        public var rank: Int
        public var term: String
        /// Tokens of the type in the scope.
        public var frequency: Int
        /// frequency / tokens × 10⁶.
        public var perMillion: Double
        /// Documents of the scope holding the type.
        public var range: Int
        /// Gries' DP over the scope's documents (nil with fewer than two documents).
        public var dp: Double?

        public init(rank: Int, term: String, frequency: Int, perMillion: Double, range: Int, dp: Double?) {
            self.rank = rank
            self.term = term
            self.frequency = frequency
            self.perMillion = perMillion
            self.range = range
            self.dp = dp
        }

        enum CodingKeys: String, CodingKey {
            case rank, term, frequency, range, dp
            case perMillion = "per_million"
        }
    }

    public var unit: CountingUnit
    /// Tokens in the scope.
    public var tokens: Int
    /// Distinct types in the scope (before filters).
    public var types: Int
    /// Documents of the scope holding at least one token in it.
    public var documents: Int
    /// Types passing the filters (the length of the whole list).
    public var matched: Int
    public var offset: Int
    public var entries: [Entry]

    public init(unit: CountingUnit, tokens: Int, types: Int, documents: Int, matched: Int, offset: Int, entries: [Entry]) {
        self.unit = unit
        self.tokens = tokens
        self.types = types
        self.documents = documents
        self.matched = matched
        self.offset = offset
        self.entries = entries
    }
}
