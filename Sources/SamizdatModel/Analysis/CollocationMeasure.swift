/// What a collocates report is sorted by (descending; ties by the collocate's name in code-point
/// order). The formulas are in docs/STATISTICS.md, "Co-occurrence reports".
public enum CollocationMeasure: String, Codable, Sendable, Hashable, CaseIterable {
    /// O11: how often the collocate occurs in the node's windows.
    case frequency
    /// Mutual information, log2(O11 / E11) (Church & Hanks 1990).
    case mi
    /// MI³, log2(O11³ / E11) (Daille 1994).
    case mi3
    /// t-score, (O11 − E11) / √O11 (Church et al. 1991).
    case t
    /// z-score, (O11 − E11) / √E11 (Dennis 1965, Berry-Rogghe 1973).
    case z
    /// Log-likelihood G² over the four cells, signed by O11 − E11 (Dunning 1993).
    case g2
    /// logDice, 14 + log2(2 O11 / (f(node) + f(collocate))) (Rychlý 2008).
    case logDice = "log_dice"
    /// Dice coefficient, 2 O11 / (f(node) + f(collocate)).
    case dice
    /// ΔP(collocate | node), the collocate's probability in the node's windows minus outside
    /// them (Gries 2013).
    case deltaP = "delta_p"
}
