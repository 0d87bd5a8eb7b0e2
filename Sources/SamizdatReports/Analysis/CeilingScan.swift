/// Offers a ranking's candidates to a `TopRanked.Collector` so that those whose count is too
/// small for their score to reach the page are never scored.
///
/// It serves rankings whose score, over every candidate of count x, is at most a ceiling that
/// grows with x: G² of keywords (x = the target count; the ceiling is G² with no occurrence in
/// the reference) and of collocates (x = O11; the ceiling is G² with the collocate nowhere else)
/// (docs/STATISTICS.md, "Speed and how the counts are made"). The candidates of the largest
/// counts, at least `seedCount` of them, are offered first; then a binary search finds the least
/// count whose ceiling the collector does not exclude, and only the candidates between that
/// count and the first pass's threshold are offered. The collector's worst kept score only
/// rises, so a candidate excluded by its count's ceiling could never have entered.
struct CeilingScan {
    /// Counts at or above it share the histogram's last bucket.
    static let histogramCap = 1024

    /// The candidates, and each one's count.
    let candidates: [UInt32]
    let counts: [UInt32]
    /// The least count a candidate needs to be ranked at all.
    let minimum: Int

    /// Offers every candidate of count ≥ `minimum` that can reach the collector's best to
    /// `offer`, and skips the others. `ceiling(x)` must be at least the score of any candidate of
    /// count x, and must not decrease as x grows.
    func run(
        into collector: inout TopRanked.Collector,
        ceiling: (Int) -> Double,
        offer: (UInt32, inout TopRanked.Collector) -> Void
    ) {
        let seedCount = max(64, 4 * collector.wanted)
        var histogram = [Int](repeating: 0, count: Self.histogramCap + 1)
        counts.withUnsafeBufferPointer { counts in
            for candidate in candidates {
                let count = Int(counts[Int(candidate)])
                if count >= minimum {
                    histogram[min(count, Self.histogramCap)] += 1
                }
            }
        }
        // the least count at which at least `seedCount` candidates have that count or more
        var threshold = Self.histogramCap
        var above = histogram[threshold]
        while threshold > minimum, above < seedCount {
            threshold -= 1
            above += histogram[threshold]
        }
        threshold = max(threshold, minimum)
        offerCandidates(from: threshold, below: Int.max, into: &collector, offer: offer)
        guard threshold > minimum else {
            return
        }
        var low = minimum
        var high = threshold
        while low < high {
            let middle = (low + high) / 2
            if collector.excludes(bound: ceiling(middle)) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        offerCandidates(from: low, below: threshold, into: &collector, offer: offer)
    }

    /// Offers the candidates of count in `least..<limit`.
    private func offerCandidates(
        from least: Int,
        below limit: Int,
        into collector: inout TopRanked.Collector,
        offer: (UInt32, inout TopRanked.Collector) -> Void
    ) {
        guard least < limit else {
            return
        }
        for candidate in candidates {
            let count = Int(counts[Int(candidate)])
            if count >= least && count < limit {
                offer(candidate, &collector)
            }
        }
    }
}
