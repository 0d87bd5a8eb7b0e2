/// One collocate of a collocates report: its counts and every association measure
/// (docs/STATISTICS.md, "Co-occurrence reports", gives each formula).
public struct CollocateEntry: Codable, Sendable, Hashable {
    /// The collocate's name under the report's unit; with the node, the query of its
    /// concordance lines.
    public var collocate: String
    /// O11: occurrences of the collocate in the node's windows (a token in two overlapping
    /// windows counts twice).
    public var cooccurrences: Int
    /// The part of O11 left of the node, and the part right of it.
    public var left: Int
    public var right: Int
    /// C1: the collocate's frequency in the scope.
    public var collocateFrequency: Int
    /// E11 = R1 · C1 / N: O11 expected if the collocate were spread evenly.
    public var expected: Double
    /// log2(O11 / E11).
    public var mi: Double
    /// log2(O11³ / E11).
    public var mi3: Double
    /// (O11 − E11) / √O11.
    public var tScore: Double
    /// (O11 − E11) / √E11.
    public var zScore: Double
    /// G² over the four cells, negative when O11 < E11.
    public var logLikelihood: Double
    /// 14 + log2(dice).
    public var logDice: Double
    /// 2 O11 / (f(node) + C1).
    public var dice: Double
    /// ΔP(collocate | node) = O11 / (O11 + O12) − O21 / (O21 + O22): how much more likely a
    /// token is the collocate inside the node's windows than outside them.
    public var deltaPCollocateGivenNode: Double
    /// ΔP(node | collocate) = O11 / (O11 + O21) − O12 / (O12 + O22): how much more likely a
    /// token stands in a node's window when it is the collocate than when it is not.
    public var deltaPNodeGivenCollocate: Double

    public init(
        collocate: String,
        cooccurrences: Int,
        left: Int,
        right: Int,
        collocateFrequency: Int,
        expected: Double,
        mi: Double,
        mi3: Double,
        tScore: Double,
        zScore: Double,
        logLikelihood: Double,
        logDice: Double,
        dice: Double,
        deltaPCollocateGivenNode: Double,
        deltaPNodeGivenCollocate: Double
    ) {
        self.collocate = collocate
        self.cooccurrences = cooccurrences
        self.left = left
        self.right = right
        self.collocateFrequency = collocateFrequency
        self.expected = expected
        self.mi = mi
        self.mi3 = mi3
        self.tScore = tScore
        self.zScore = zScore
        self.logLikelihood = logLikelihood
        self.logDice = logDice
        self.dice = dice
        self.deltaPCollocateGivenNode = deltaPCollocateGivenNode
        self.deltaPNodeGivenCollocate = deltaPNodeGivenCollocate
    }

    enum CodingKeys: String, CodingKey {
        case collocate, left, right, mi, mi3, dice
        case cooccurrences = "o11"
        case collocateFrequency = "c1"
        case expected = "e11"
        case tScore = "t"
        case zScore = "z"
        case logLikelihood = "g2"
        case logDice = "log_dice"
        case deltaPCollocateGivenNode = "delta_p_collocate_given_node"
        case deltaPNodeGivenCollocate = "delta_p_node_given_collocate"
    }

    /// The value of `measure`.
    public func value(of measure: CollocationMeasure) -> Double {
        switch measure {
        case .frequency: Double(cooccurrences)
        case .mi: mi
        case .mi3: mi3
        case .t: tScore
        case .z: zScore
        case .g2: logLikelihood
        case .logDice: logDice
        case .dice: dice
        case .deltaP: deltaPCollocateGivenNode
        }
    }
}
