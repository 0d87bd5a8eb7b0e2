/// A trend table: one row per chapter or document, one column per term (see `TrendsRequest`).
public struct TrendsResponse: Codable, Sendable, Hashable {
    /// One chapter or document.
    public struct Row: Codable, Sendable, Hashable {
        /// The document id.
        public var document: String
        public var title: String
        /// The chapter's title (across chapters), nil across documents.
        public var chapter: String?
        /// The value the documents are ordered by: the title, the author, … or the ingest rank
        /// (1 = ingested first among the live documents).
        public var key: String
        /// Tokens of the row in scope.
        public var tokens: Int
        /// Each term's tokens in the row, in the order of `terms`.
        public var counts: [Int]
        /// count / tokens × 10,000 (0 for a row without tokens).
        public var perTenThousand: [Double]

        public init(
            document: String,
            title: String,
            chapter: String?,
            key: String,
            tokens: Int,
            counts: [Int],
            perTenThousand: [Double]
        ) {
            self.document = document
            self.title = title
            self.chapter = chapter
            self.key = key
            self.tokens = tokens
            self.counts = counts
            self.perTenThousand = perTenThousand
        }

        enum CodingKeys: String, CodingKey {
            case document, title, chapter, key, tokens, counts
            case perTenThousand = "per_ten_thousand"
        }
    }

    public var terms: [String]
    public var unit: CountingUnit
    public var across: TrendAxis
    public var order: TrendOrder
    public var rows: [Row]

    public init(terms: [String], unit: CountingUnit, across: TrendAxis, order: TrendOrder, rows: [Row]) {
        self.terms = terms
        self.unit = unit
        self.across = across
        self.order = order
        self.rows = rows
    }
}
