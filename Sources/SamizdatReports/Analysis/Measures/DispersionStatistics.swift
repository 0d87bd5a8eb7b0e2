import SamizdatModel

/// Dispersion of a term over parts (docs/STATISTICS.md, "Frequency reports").
public enum DispersionStatistics {
    /// Range, Juilland's D, DP and DPnorm of `counts` vᵢ over parts of `sizes` sᵢ (both per part,
    /// every size above 0). D, DP and DPnorm are nil when the term is absent or there is one part.
    ///
    /// - D = 1 − V / √(n − 1), V = sd(r) / mean(r), rᵢ = vᵢ / sᵢ, sd with divisor n (Juilland).
    /// - DP = ½ Σ |vᵢ / f − sᵢ / N| (Gries 2008).
    /// - DPnorm = DP / (1 − minᵢ sᵢ / N) (Lijffijt & Gries 2012).
    public static func measures(counts: [Double], sizes: [Double]) -> DispersionMeasures {
        let partCount = sizes.count
        let frequency = counts.reduce(0, +)
        let range = counts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        guard frequency > 0, partCount >= 2 else {
            return DispersionMeasures(parts: partCount, range: range, juillandD: nil, dp: nil, dpNorm: nil)
        }
        let tokens = sizes.reduce(0, +)
        var deviation = 0.0
        var smallest = Double.infinity
        var relativeSum = 0.0
        for part in 0..<partCount {
            deviation += abs(counts[part] / frequency - sizes[part] / tokens)
            smallest = min(smallest, sizes[part])
            relativeSum += counts[part] / sizes[part]
        }
        let dp = deviation / 2
        let dpNorm = dp / (1 - smallest / tokens)
        let mean = relativeSum / Double(partCount)
        var squares = 0.0
        for part in 0..<partCount {
            let difference = counts[part] / sizes[part] - mean
            squares += difference * difference
        }
        let standardDeviation = (squares / Double(partCount)).squareRoot()
        let juilland = 1 - (standardDeviation / mean) / Double(partCount - 1).squareRoot()
        return DispersionMeasures(parts: partCount, range: range, juillandD: juilland, dp: dp, dpNorm: dpNorm)
    }

    /// `measures(counts:sizes:)` from the parts holding the term only: `parts` (each once) and
    /// `counts` (every part's count, 0 outside `parts`), the division's `sizes`, their sum
    /// `tokens` and their least `smallest`. The parts without the term enter in closed form:
    /// their shares of the tokens sum to 1 − the shares of `parts` (DP), and each is `mean` away
    /// from the mean rate (D).
    static func measures(parts: [Int], counts: [Double], sizes: [Double], tokens: Double, smallest: Double) -> DispersionMeasures {
        let partCount = sizes.count
        var frequency = 0.0
        var range = 0
        for part in parts where counts[part] > 0 {
            frequency += counts[part]
            range += 1
        }
        guard frequency > 0, partCount >= 2 else {
            return DispersionMeasures(parts: partCount, range: range, juillandD: nil, dp: nil, dpNorm: nil)
        }
        var deviation = 0.0
        var heldShare = 0.0
        var relativeSum = 0.0
        for part in parts {
            let share = sizes[part] / tokens
            deviation += abs(counts[part] / frequency - share)
            heldShare += share
            relativeSum += counts[part] / sizes[part]
        }
        deviation += max(0, 1 - heldShare)
        let dp = deviation / 2
        let dpNorm = dp / (1 - smallest / tokens)
        let mean = relativeSum / Double(partCount)
        var squares = Double(partCount - parts.count) * mean * mean
        for part in parts {
            let difference = counts[part] / sizes[part] - mean
            squares += difference * difference
        }
        let standardDeviation = (squares / Double(partCount)).squareRoot()
        let juilland = 1 - (standardDeviation / mean) / Double(partCount - 1).squareRoot()
        return DispersionMeasures(parts: partCount, range: range, juillandD: juilland, dp: dp, dpNorm: dpNorm)
    }

    /// The sizes of `parts` near-equal parts of `tokens` tokens as numpy's `array_split` cuts
    /// them: the first `tokens % parts` parts one token longer.
    public static func equalPartSizes(tokens: Int, parts: Int) -> [Int] {
        let base = tokens / parts
        let longer = tokens % parts
        return (0..<parts).map { $0 < longer ? base + 1 : base }
    }

    /// The equal part (of `equalPartSizes(tokens:parts:)`) holding stream position `position`.
    public static func equalPart(of position: Int, tokens: Int, parts: Int) -> Int {
        let base = tokens / parts
        let longer = tokens % parts
        let longerSpan = longer * (base + 1)
        if position < longerSpan {
            return position / (base + 1)
        }
        return longer + (position - longerSpan) / base
    }
}
