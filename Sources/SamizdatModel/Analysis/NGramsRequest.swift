/// N-grams: every run of `n` consecutive tokens inside one paragraph or note (never across
/// their boundary), with frequency and range. With `node`: the clusters around a word, the
/// n-grams holding it (at `node_position`, or anywhere).
public struct NGramsRequest: Codable, Sendable, Hashable {
    /// Tokens per n-gram, 2…6.
    public var n: Int
    /// What counts as one type: form, word (default) or stem.
    public var unit: CountingUnit
    /// The documents, chapters and region counted.
    public var scope: ReportScope
    /// The least frequency an n-gram needs to be listed, at least 1 (default 2).
    public var minFrequency: Int
    /// The least number of documents an n-gram must occur in, at least 1 (default 1).
    public var minRange: Int
    /// Clusters: only n-grams holding this word (as a user types it; the index resolves it).
    public var node: String?
    /// Where the node stands in the cluster, 1…n; nil: anywhere. Only with `node`.
    public var nodePosition: Int?
    /// Entries skipped before the first one returned, at least 0.
    public var offset: Int
    /// Entries returned at most, 1…100 000 (default 100).
    public var limit: Int

    public init(
        n: Int = 2,
        unit: CountingUnit = .word,
        scope: ReportScope = ReportScope(),
        minFrequency: Int = 2,
        minRange: Int = 1,
        node: String? = nil,
        nodePosition: Int? = nil,
        offset: Int = 0,
        limit: Int = 100
    ) {
        self.n = n
        self.unit = unit
        self.scope = scope
        self.minFrequency = minFrequency
        self.minRange = minRange
        self.node = node
        self.nodePosition = nodePosition
        self.offset = offset
        self.limit = limit
    }

    /// The n-gram lengths a report can count.
    public static let lengths = 2...6
    /// The most entries one page may hold.
    public static let maximumLimit = 100_000

    enum CodingKeys: String, CodingKey {
        case n, unit, scope, node, offset, limit
        case minFrequency = "min_frequency"
        case minRange = "min_range"
        case nodePosition = "node_position"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            n: try container.decodeIfPresent(Int.self, forKey: .n) ?? 2,
            unit: try container.decodeIfPresent(CountingUnit.self, forKey: .unit) ?? .word,
            scope: try container.decodeIfPresent(ReportScope.self, forKey: .scope) ?? ReportScope(),
            minFrequency: try container.decodeIfPresent(Int.self, forKey: .minFrequency) ?? 2,
            minRange: try container.decodeIfPresent(Int.self, forKey: .minRange) ?? 1,
            node: try container.decodeIfPresent(String.self, forKey: .node),
            nodePosition: try container.decodeIfPresent(Int.self, forKey: .nodePosition),
            offset: try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try container.decodeIfPresent(Int.self, forKey: .limit) ?? 100
        )
    }

    /// Rejects values out of range, naming the parameter by its JSON name.
    public func validate() throws(ProtocolError) {
        if !Self.lengths.contains(n) {
            throw ProtocolError.badParameter("n", "must be \(Self.lengths.lowerBound)…\(Self.lengths.upperBound), got \(n)")
        }
        if minFrequency < 1 {
            throw ProtocolError.badParameter("min_frequency", "must be at least 1, got \(minFrequency)")
        }
        if minRange < 1 {
            throw ProtocolError.badParameter("min_range", "must be at least 1, got \(minRange)")
        }
        if let node, node.allSatisfy(\.isWhitespace) {
            throw ProtocolError.badParameter("node", "must name a word, got an empty string")
        }
        if let nodePosition {
            if node == nil {
                throw ProtocolError.badParameter("node_position", "needs a node")
            }
            if !(1...n).contains(nodePosition) {
                throw ProtocolError.badParameter("node_position", "must be 1…\(n) (n), got \(nodePosition)")
            }
        }
        if offset < 0 {
            throw ProtocolError.badParameter("offset", "must be at least 0, got \(offset)")
        }
        if !(1...Self.maximumLimit).contains(limit) {
            throw ProtocolError.badParameter("limit", "must be 1…\(Self.maximumLimit), got \(limit)")
        }
    }
}
