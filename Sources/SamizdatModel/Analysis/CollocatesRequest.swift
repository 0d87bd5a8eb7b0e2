/// The collocates of a node word: the types that occur in windows around its occurrences, with
/// their co-occurrence counts and association measures (docs/STATISTICS.md, "Co-occurrence
/// reports"). Each collocate leads to its concordance lines (a KWIC query of node and collocate).
public struct CollocatesRequest: Codable, Sendable, Hashable {
    /// The node as a user types it; the index resolves it to a type of `unit`.
    public var node: String
    /// What counts as one type: form, word (default) or stem.
    public var unit: CountingUnit
    /// The documents, chapters and region counted.
    public var scope: ReportScope
    /// Tokens looked at left of each node occurrence, 0…20 (default 5).
    public var left: Int
    /// Tokens looked at right of each node occurrence, 0…20 (default 5); not both 0.
    public var right: Int
    /// When true, a window also stops at the edges of the node's sentence (it always stops at
    /// the edges of its paragraph or note).
    public var sentence: Bool
    /// The least O11 a collocate needs to be listed, at least 1 (default 3).
    public var minFrequency: Int
    /// The measure the entries are sorted by, descending (default log-likelihood G²).
    public var sort: CollocationMeasure
    /// Entries skipped before the first one returned, at least 0.
    public var offset: Int
    /// Entries returned at most, 1…100 000 (default 100).
    public var limit: Int

    public init(
        node: String,
        unit: CountingUnit = .word,
        scope: ReportScope = ReportScope(),
        left: Int = 5,
        right: Int = 5,
        sentence: Bool = false,
        minFrequency: Int = 3,
        sort: CollocationMeasure = .g2,
        offset: Int = 0,
        limit: Int = 100
    ) {
        self.node = node
        self.unit = unit
        self.scope = scope
        self.left = left
        self.right = right
        self.sentence = sentence
        self.minFrequency = minFrequency
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }

    /// The largest window on either side.
    public static let maximumSpan = 20
    /// The most entries one page may hold.
    public static let maximumLimit = 100_000

    enum CodingKeys: String, CodingKey {
        case node, unit, scope, left, right, sentence, sort, offset, limit
        case minFrequency = "min_frequency"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            node: try container.decode(String.self, forKey: .node),
            unit: try container.decodeIfPresent(CountingUnit.self, forKey: .unit) ?? .word,
            scope: try container.decodeIfPresent(ReportScope.self, forKey: .scope) ?? ReportScope(),
            left: try container.decodeIfPresent(Int.self, forKey: .left) ?? 5,
            right: try container.decodeIfPresent(Int.self, forKey: .right) ?? 5,
            sentence: try container.decodeIfPresent(Bool.self, forKey: .sentence) ?? false,
            minFrequency: try container.decodeIfPresent(Int.self, forKey: .minFrequency) ?? 3,
            sort: try container.decodeIfPresent(CollocationMeasure.self, forKey: .sort) ?? .g2,
            offset: try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try container.decodeIfPresent(Int.self, forKey: .limit) ?? 100
        )
    }

    /// Rejects values out of range, naming the parameter by its JSON name.
    public func validate() throws(ProtocolError) {
        if node.allSatisfy(\.isWhitespace) {
            throw ProtocolError.badParameter("node", "must name a word, got an empty string")
        }
        if !(0...Self.maximumSpan).contains(left) {
            throw ProtocolError.badParameter("left", "must be 0…\(Self.maximumSpan), got \(left)")
        }
        if !(0...Self.maximumSpan).contains(right) {
            throw ProtocolError.badParameter("right", "must be 0…\(Self.maximumSpan), got \(right)")
        }
        if left == 0 && right == 0 {
            throw ProtocolError.badParameter("right", "left and right cannot both be 0: the window would be empty")
        }
        if minFrequency < 1 {
            throw ProtocolError.badParameter("min_frequency", "must be at least 1, got \(minFrequency)")
        }
        if offset < 0 {
            throw ProtocolError.badParameter("offset", "must be at least 0, got \(offset)")
        }
        if !(1...Self.maximumLimit).contains(limit) {
            throw ProtocolError.badParameter("limit", "must be 1…\(Self.maximumLimit), got \(limit)")
        }
    }
}
