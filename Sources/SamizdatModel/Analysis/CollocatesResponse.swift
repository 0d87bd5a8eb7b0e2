/// The collocates of one node in one scope: the contingency margins shared by every entry, then
/// one page of entries in the order of `sort`.
public struct CollocatesResponse: Codable, Sendable, Hashable {
    /// The node's name under `unit`.
    public var node: String
    public var unit: CountingUnit
    public var left: Int
    public var right: Int
    public var sentence: Bool
    public var sort: CollocationMeasure
    /// f(node): the node's occurrences in the scope.
    public var nodeFrequency: Int
    /// R1: the tokens in all the node's windows (at most (left + right) · f(node)).
    public var windowTokens: Int
    /// N: the tokens in the scope.
    public var scopeTokens: Int
    /// How many collocates reach `min_frequency` (the entries of every page together).
    public var collocates: Int
    public var offset: Int
    /// This page, sorted by `sort` descending, ties by collocate name in code-point order.
    public var entries: [CollocateEntry]

    public init(
        node: String,
        unit: CountingUnit,
        left: Int,
        right: Int,
        sentence: Bool,
        sort: CollocationMeasure,
        nodeFrequency: Int,
        windowTokens: Int,
        scopeTokens: Int,
        collocates: Int,
        offset: Int,
        entries: [CollocateEntry]
    ) {
        self.node = node
        self.unit = unit
        self.left = left
        self.right = right
        self.sentence = sentence
        self.sort = sort
        self.nodeFrequency = nodeFrequency
        self.windowTokens = windowTokens
        self.scopeTokens = scopeTokens
        self.collocates = collocates
        self.offset = offset
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case node, unit, left, right, sentence, sort, collocates, offset, entries
        case nodeFrequency = "node_frequency"
        case windowTokens = "r1"
        case scopeTokens = "n"
    }
}
