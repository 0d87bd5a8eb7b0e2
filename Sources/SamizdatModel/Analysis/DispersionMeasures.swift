/// A term's dispersion over one division of a scope into parts (formulas in docs/STATISTICS.md).
public struct DispersionMeasures: Codable, Sendable, Hashable {
    /// Parts with at least one token (empty parts are left out).
    public var parts: Int
    /// Parts holding the term.
    public var range: Int
    /// Juilland's D over relative frequencies (nil when the term is absent or there is one part).
    public var juillandD: Double?
    /// Gries' DP (2008), part sizes weighted (nil as for D).
    public var dp: Double?
    /// DP / (1 − the smallest part's share) (Lijffijt & Gries 2012) (nil as for D).
    public var dpNorm: Double?

    public init(parts: Int, range: Int, juillandD: Double?, dp: Double?, dpNorm: Double?) {
        self.parts = parts
        self.range = range
        self.juillandD = juillandD
        self.dp = dp
        self.dpNorm = dpNorm
    }

    enum CodingKeys: String, CodingKey {
        case parts, range, dp
        case juillandD = "juilland_d"
        case dpNorm = "dp_norm"
    }
}
