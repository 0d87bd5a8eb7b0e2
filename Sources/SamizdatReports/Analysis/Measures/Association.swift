import Foundation

/// The association measures of the collocates report, as small pure functions of a
/// `Contingency` (and, for Dice, the two frequencies). docs/STATISTICS.md, "Co-occurrence
/// reports", gives each formula, its reference and a worked example.
///
/// Zero frequencies: every function is total. A term 0 · ln 0 counts 0; a ratio whose
/// denominator is 0 counts 0 (ΔP's conditional probabilities, Dice). MI, MI³ and logDice are
/// −∞ when O11 is 0; t is 0 when O11 is 0 and z is 0 when E11 is 0. The report never lists a
/// collocate with O11 = 0, and there E11 > 0, so its figures are always finite.
public enum Association {
    /// Log-likelihood G² = 2 Σ Oij ln(Oij / Eij) over the four cells, the expected values from the
    /// cells' own margins, 0 ln 0 = 0; negative when O11 < E11 (Dunning 1993).
    public static func logLikelihood(_ table: Contingency) -> Double {
        let cells = (table.o11, table.o12, table.o21, table.o22)
        let total = cells.0 + cells.1 + cells.2 + cells.3
        guard total > 0 else {
            return 0
        }
        let row1 = cells.0 + cells.1
        let row2 = cells.2 + cells.3
        let column1 = cells.0 + cells.2
        let column2 = cells.1 + cells.3
        var sum = term(cells.0, row1 * column1 / total)
        sum += term(cells.1, row1 * column2 / total)
        sum += term(cells.2, row2 * column1 / total)
        sum += term(cells.3, row2 * column2 / total)
        let magnitude = 2 * sum
        return table.o11 >= table.e11 ? magnitude : -magnitude
    }

    /// O ln(O / E), 0 when O is 0.
    static func term(_ observed: Double, _ expected: Double) -> Double {
        observed > 0 ? observed * log(observed / expected) : 0
    }

    /// Mutual information log2(O11 / E11) (Church & Hanks 1990).
    public static func mutualInformation(_ table: Contingency) -> Double {
        log2(table.o11 / table.e11)
    }

    /// MI³ = log2(O11³ / E11) (Daille 1994): MI weighted towards frequent pairs.
    public static func mi3(_ table: Contingency) -> Double {
        3 * log2(table.o11) - log2(table.e11)
    }

    /// t-score (O11 − E11) / √O11 (Church et al. 1991).
    public static func tScore(_ table: Contingency) -> Double {
        table.o11 > 0 ? (table.o11 - table.e11) / table.o11.squareRoot() : 0
    }

    /// z-score (O11 − E11) / √E11 (Dennis 1965; Berry-Rogghe 1973).
    public static func zScore(_ table: Contingency) -> Double {
        let expected = table.e11
        return expected > 0 ? (table.o11 - expected) / expected.squareRoot() : 0
    }

    /// Dice = 2 O11 / (f(node) + f(collocate)).
    public static func dice(_ table: Contingency, nodeFrequency: Double) -> Double {
        let sum = nodeFrequency + table.c1
        return sum > 0 ? 2 * table.o11 / sum : 0
    }

    /// logDice = 14 + log2(Dice) (Rychlý 2008): 14 when node and collocate always occur
    /// together one-to-one, one less for each halving of Dice.
    public static func logDice(_ table: Contingency, nodeFrequency: Double) -> Double {
        14 + log2(dice(table, nodeFrequency: nodeFrequency))
    }

    /// ΔP(collocate | node) = O11 / (O11 + O12) − O21 / (O21 + O22) (Gries 2013): the
    /// probability that a token is the collocate inside the node's windows minus outside them.
    public static func deltaPCollocateGivenNode(_ table: Contingency) -> Double {
        ratio(table.o11, table.o11 + table.o12) - ratio(table.o21, table.o21 + table.o22)
    }

    /// ΔP(node | collocate) = O11 / (O11 + O21) − O12 / (O12 + O22) (Gries 2013): the
    /// probability that a token stands in a node's window when it is the collocate minus when it
    /// is not.
    public static func deltaPNodeGivenCollocate(_ table: Contingency) -> Double {
        ratio(table.o11, table.o11 + table.o21) - ratio(table.o12, table.o12 + table.o22)
    }

    static func ratio(_ part: Double, _ whole: Double) -> Double {
        whole > 0 ? part / whole : 0
    }
}
