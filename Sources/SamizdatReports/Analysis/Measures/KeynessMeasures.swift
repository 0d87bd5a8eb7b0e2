import Foundation

/// The keyness measures of a type with a tokens in a target of c tokens and b tokens in a
/// reference of d tokens (docs/STATISTICS.md, "Frequency reports").
public enum KeynessMeasures {
    /// Unsigned G² of a 2×2 table: 2 Σ Oᵢⱼ ln(Oᵢⱼ / Eᵢⱼ), Eᵢⱼ = Rᵢ Cⱼ / N, 0 ln 0 = 0
    /// (Dunning 1993).
    public static func g2(_ o11: Double, _ o12: Double, _ o21: Double, _ o22: Double) -> Double {
        let total = o11 + o12 + o21 + o22
        guard total > 0 else {
            return 0
        }
        let row1 = o11 + o12
        let row2 = o21 + o22
        let column1 = o11 + o21
        let column2 = o12 + o22
        var sum = 0.0
        sum += cell(o11, row1 * column1 / total)
        sum += cell(o12, row1 * column2 / total)
        sum += cell(o21, row2 * column1 / total)
        sum += cell(o22, row2 * column2 / total)
        return 2 * sum
    }

    static func cell(_ observed: Double, _ expected: Double) -> Double {
        observed > 0 ? observed * log(observed / expected) : 0
    }

    /// Keyness G² over the table [[a, b], [c − a, d − b]], positive when a/c > b/d, negative
    /// when a/c < b/d, 0 when they are equal.
    public static func signedG2(a: Double, b: Double, c: Double, d: Double) -> Double {
        let value = g2(a, b, c - a, d - b)
        if a * d > b * c {
            return value
        }
        if a * d < b * c {
            return -value
        }
        return 0
    }

    /// The two-cell log-likelihood most corpus tools print (Rayson & Garside 2000):
    /// 2 (a ln(a/E₁) + b ln(b/E₂)), E₁ = c(a+b)/(c+d), E₂ = d(a+b)/(c+d); unsigned.
    public static func twoCellLogLikelihood(a: Double, b: Double, c: Double, d: Double) -> Double {
        let expectedTarget = c * (a + b) / (c + d)
        let expectedReference = d * (a + b) / (c + d)
        return 2 * (cell(a, expectedTarget) + cell(b, expectedReference))
    }

    /// P(χ² with 1 degree of freedom ≥ |g2|) = erfc(√(|g2| / 2)).
    public static func pValue(_ g2: Double) -> Double {
        erfc((abs(g2) / 2).squareRoot())
    }

    /// Bonferroni's correction: p × tests, at most 1.
    public static func bonferroni(_ pValue: Double, tests: Int) -> Double {
        min(1, pValue * Double(tests))
    }

    /// Log Ratio (Hardie 2014): log₂((a/c) / (b/d)), a zero a or b taken as 0.5 (the other stays).
    public static func logRatio(a: Double, b: Double, c: Double, d: Double) -> Double {
        let target = a > 0 ? a : 0.5
        let reference = b > 0 ? b : 0.5
        return log2((target / c) / (reference / d))
    }

    /// %DIFF (Gabrielatos & Marchi 2012): (a/c − b/d) / (b/d) × 100; a zero b is taken as 0.5
    /// (as Log Ratio does), so a type absent from the reference gets a large finite value; a zero
    /// a gives −100.
    public static func percentDiff(a: Double, b: Double, c: Double, d: Double) -> Double {
        let reference = (b > 0 ? b : 0.5) / d
        return (a / c - reference) / reference * 100
    }

    /// BIC (Wilson 2013): |G²| − ln(N) for one degree of freedom, N = c + d.
    public static func bic(g2: Double, tokens: Double) -> Double {
        abs(g2) - log(tokens)
    }
}
