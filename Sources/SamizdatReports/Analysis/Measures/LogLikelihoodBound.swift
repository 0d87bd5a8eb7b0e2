import Foundation

/// An upper bound of G² = 2 Σ Oij ln(Oij / Eij) computed without a logarithm, so that a report
/// ranking by G² computes the exact value (four logarithms) only for the candidates whose bound
/// can still reach its page.
///
/// Each cell's O ln(O / E) is bounded by O times the least of three upper bounds of ln x,
/// x = O / E, u = x − 1: u, and u − u²/2 + u³/3 (both tight near 1, where the large cells of a
/// table are; the cubic off by about u⁴/4, so that a large cell whose ratio differs from 1 by a
/// percent adds almost nothing to the bound), and e ln 2 + ln(1 + (k + 1) / 1024) for
/// x = 2^e · m with m in [1 + k/1024, 1 + (k + 1)/1024) (off by less than 1/1024 anywhere, so
/// tight for the cell of the observed pair). The expected values come from
/// the cells' own margins, as `Association.logLikelihood` and `KeynessMeasures.g2` take them.
/// A bound is a bound of the exact figures, not of their rounding: callers compare it with a
/// slack (`TopRanked.Collector.excludes`).
enum LogLikelihoodBound {
    /// ln(1 + (k + 1) / 1024) for k = 0..<1024: ln of every significand whose top ten fraction
    /// bits are k is below entry k.
    static let significandLogs: [Double] = (0..<1024).map { log1p(Double($0 + 1) / 1024) }

    /// ln 2.
    static let ln2 = log(2.0)

    /// An upper bound of unsigned G² of the 2×2 table [[o11, o12], [o21, o22]] (cells ≥ 0).
    static func unsignedG2(_ o11: Double, _ o12: Double, _ o21: Double, _ o22: Double, logs: UnsafeBufferPointer<Double>) -> Double {
        let total = o11 + o12 + o21 + o22
        guard total > 0 else {
            return 0
        }
        let row1 = o11 + o12
        let row2 = o21 + o22
        let column1 = o11 + o21
        let column2 = o12 + o22
        // O / E = O · N / (R · C): four divisions for the four cells
        let perRow1 = total / row1
        let perRow2 = total / row2
        let perColumn1 = 1 / column1
        let perColumn2 = 1 / column2
        var sum = cell(o11, o11 * perRow1 * perColumn1, logs: logs)
        sum += cell(o12, o12 * perRow1 * perColumn2, logs: logs)
        sum += cell(o21, o21 * perRow2 * perColumn1, logs: logs)
        sum += cell(o22, o22 * perRow2 * perColumn2, logs: logs)
        return 2 * sum + roundingAllowance(total)
    }

    /// What rounding can add to a G² computed in doubles over a table of `total` tokens: each
    /// cell's O ln(O/E) carries an error of a few units in the last place of ln times O, which
    /// near independence (ratios within 10⁻⁸ of 1 in cells of 10⁹) is far above the bound's own
    /// slack. A bound or ceiling compared with computed G² values adds it.
    static func roundingAllowance(_ total: Double) -> Double {
        1e-13 * total
    }

    /// An upper bound of O ln(x), x = O / E, 0 when O is 0; infinity when x is not a finite
    /// positive number (no bound).
    @inline(__always)
    static func cell(_ observed: Double, _ ratio: Double, logs: UnsafeBufferPointer<Double>) -> Double {
        guard observed > 0 else {
            return 0
        }
        guard ratio.isNormal, ratio.isFinite else {
            return .infinity
        }
        let linear = ratio - 1
        // ln(1 + u) ≤ u − u²/2 + u³/3 for every u > −1
        let cubic = linear * (1 + linear * (linear / 3 - 0.5))
        let tabled = Double(ratio.exponent) * ln2 + logs[Int(truncatingIfNeeded: ratio.significandBitPattern >> 42)]
        return observed * min(linear, min(cubic, tabled))
    }
}
