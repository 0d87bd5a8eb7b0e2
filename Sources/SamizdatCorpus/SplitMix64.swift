/// The SplitMix64 generator (Steele, Lea & Flood 2014): 64 bits of state, fast, and the
/// same sequence on every platform and Swift version, which `SystemRandomNumberGenerator`
/// and the standard library's `random(in:)` helpers do not promise. Every draw the corpus
/// makes goes through the helpers below, so a seed fixes the output byte for byte.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for the `index`-th independent stream of `seed` (documents draw from their own
    /// stream so that one can be regenerated without the others).
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ stream
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in `range` (Lemire's multiply-shift; the tiny bias is irrelevant here and
    /// the result is defined by this code alone).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(bitPattern: UInt(next())) }
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    public mutating func int(_ range: Range<Int>) -> Int { int(range.lowerBound...(range.upperBound - 1)) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// Approximately normal (sum of four uniforms), for lengths that cluster around a mean.
    public mutating func bell(mean: Double, spread: Double) -> Double {
        (unit() + unit() + unit() + unit() - 2) * spread * 1.7 + mean
    }
}
