import Foundation

/// The 2×2 table of a node and a collocate (Evert 2008, surface co-occurrence in node-centred
/// windows), from its four margins as the collocates report counts them:
///
/// - `o11`: occurrences of the collocate in the node's windows;
/// - `r1`: tokens in all the node's windows;
/// - `c1`: the collocate's frequency in the scope;
/// - `n`: the tokens in the scope.
///
/// The other cells follow as in the bench reference (`reports_bench.py`): O12 = R1 − O11,
/// O21 = max(C1 − O11, 0), O22 = max(N − R1 − C1 + O11, 0) (a token in two overlapping windows
/// counts twice, so O11 may exceed C1); E11 = R1 · C1 / N.
public struct Contingency: Sendable, Hashable {
    public var o11: Double
    public var r1: Double
    public var c1: Double
    public var n: Double

    public init(o11: Double, r1: Double, c1: Double, n: Double) {
        self.o11 = o11
        self.r1 = r1
        self.c1 = c1
        self.n = n
    }

    public var o12: Double { r1 - o11 }
    public var o21: Double { max(c1 - o11, 0) }
    public var o22: Double { max(n - r1 - c1 + o11, 0) }
    /// E11 = R1 · C1 / N (0 when N is 0).
    public var e11: Double { n > 0 ? r1 * c1 / n : 0 }
}
