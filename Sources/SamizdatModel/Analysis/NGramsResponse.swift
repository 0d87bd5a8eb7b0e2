/// The n-grams (or clusters) of one scope that meet the request's filters, one page of them.
public struct NGramsResponse: Codable, Sendable, Hashable {
    public var n: Int
    public var unit: CountingUnit
    /// The cluster's node under `unit` (nil: every n-gram) and where it stands (nil: anywhere).
    public var node: String?
    public var nodePosition: Int?
    /// N-gram tokens meeting the filters: the sum of every listed n-gram's frequency.
    public var tokens: Int
    /// N-gram types meeting the filters (the entries of every page together).
    public var types: Int
    public var offset: Int
    /// This page: most frequent first, ties in code-point order of the words.
    public var entries: [NGramEntry]

    public init(
        n: Int,
        unit: CountingUnit,
        node: String?,
        nodePosition: Int?,
        tokens: Int,
        types: Int,
        offset: Int,
        entries: [NGramEntry]
    ) {
        self.n = n
        self.unit = unit
        self.node = node
        self.nodePosition = nodePosition
        self.tokens = tokens
        self.types = types
        self.offset = offset
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case n, unit, node, tokens, types, offset, entries
        case nodePosition = "node_position"
    }
}
