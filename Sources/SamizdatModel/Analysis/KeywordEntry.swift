/// One keyword: a type's counts in a target and a reference and its keyness measures
/// (formulas in docs/STATISTICS.md, "Frequency reports").
public struct KeywordEntry: Codable, Sendable, Hashable {
    /// 1-based place in the whole filtered list.
    public var rank: Int
    public var term: String
    /// a: tokens of the type in the target.
    public var frequency: Int
    /// b: tokens of the type in the reference.
    public var referenceFrequency: Int
    /// a / c × 10⁶.
    public var perMillion: Double
    /// b / d × 10⁶.
    public var referencePerMillion: Double
    /// Four-cell G² (Dunning 1993), negative when a/c < b/d.
    public var g2: Double
    /// Two-cell log-likelihood (Rayson & Garside 2000), signed as `g2`.
    public var logLikelihood: Double
    /// P(χ²₁ ≥ |G²|), times the number of types tested (capped at 1) with Bonferroni.
    public var pValue: Double
    /// log₂((a/c) / (b/d)), a zero count taken as 0.5 (Hardie 2014).
    public var logRatio: Double
    /// (a/c − b/d) / (b/d) × 100, b = 0 taken as 0.5 (Gabrielatos & Marchi 2012).
    public var percentDiff: Double
    /// |G²| − ln(c + d) (Wilson 2013), unsigned: above 2 positive evidence, above 10 very strong.
    public var bic: Double

    public init(
        rank: Int,
        term: String,
        frequency: Int,
        referenceFrequency: Int,
        perMillion: Double,
        referencePerMillion: Double,
        g2: Double,
        logLikelihood: Double,
        pValue: Double,
        logRatio: Double,
        percentDiff: Double,
        bic: Double
    ) {
        self.rank = rank
        self.term = term
        self.frequency = frequency
        self.referenceFrequency = referenceFrequency
        self.perMillion = perMillion
        self.referencePerMillion = referencePerMillion
        self.g2 = g2
        self.logLikelihood = logLikelihood
        self.pValue = pValue
        self.logRatio = logRatio
        self.percentDiff = percentDiff
        self.bic = bic
    }

    enum CodingKeys: String, CodingKey {
        case rank, term, frequency, g2, bic
        case referenceFrequency = "reference_frequency"
        case perMillion = "per_million"
        case referencePerMillion = "reference_per_million"
        case logLikelihood = "log_likelihood"
        case pValue = "p_value"
        case logRatio = "log_ratio"
        case percentDiff = "percent_diff"
    }
}
