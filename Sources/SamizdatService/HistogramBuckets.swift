/// A histogram's cumulative buckets (upper bound, observations at or below it), summed over the
/// series that match, and the quantiles Prometheus' `histogram_quantile` would read from them.
public struct HistogramBuckets: Sendable, Equatable {
    /// Upper bounds in increasing order, the last `+Inf`, with their cumulative counts.
    public var bounds: [(upper: Double, count: Double)]

    public static func == (left: HistogramBuckets, right: HistogramBuckets) -> Bool {
        left.bounds.elementsEqual(right.bounds) { $0.upper == $1.upper && $0.count == $1.count }
    }

    public init(bounds: [(upper: Double, count: Double)]) {
        self.bounds = bounds
    }

    /// The buckets of histogram `name` in `exposition`, over every series whose labels include `matching`.
    public init(_ exposition: PrometheusExposition, _ name: String, matching: [String: String] = [:]) {
        var counts: [Double: Double] = [:]
        for family in exposition.families where family.name == name && family.type == "histogram" {
            for sample in family.samples where sample.name == name + "_bucket" {
                guard matching.allSatisfy({ sample.label($0.key) == $0.value }),
                    let boundText = sample.label("le"),
                    let upper = PrometheusExposition.parseValue(boundText)
                else {
                    continue
                }
                counts[upper, default: 0] += sample.value
            }
        }
        bounds = counts.keys.sorted().map { (upper: $0, count: counts[$0] ?? 0) }
    }

    /// Observations in all.
    public var count: Double { bounds.last?.count ?? 0 }

    /// What was observed between `earlier` and this reading (counts subtracted bucket by bucket).
    public func since(_ earlier: HistogramBuckets) -> HistogramBuckets {
        let before = Dictionary(earlier.bounds.map { ($0.upper, $0.count) }, uniquingKeysWith: +)
        return HistogramBuckets(bounds: bounds.map { (upper: $0.upper, count: max(0, $0.count - (before[$0.upper] ?? 0))) })
    }

    /// The `quantile` (0…1) by linear interpolation inside its bucket, as `histogram_quantile` does;
    /// nil when nothing was observed. A quantile in the `+Inf` bucket answers the highest finite bound.
    public func quantile(_ quantile: Double) -> Double? {
        guard count > 0 else {
            return nil
        }
        let rank = quantile * count
        var lower = 0.0
        var countBelow = 0.0
        for bound in bounds {
            if bound.count >= rank {
                if bound.upper.isInfinite {
                    return lower
                }
                let inBucket = bound.count - countBelow
                guard inBucket > 0 else {
                    return bound.upper
                }
                return lower + (bound.upper - lower) * (rank - countBelow) / inBucket
            }
            lower = bound.upper
            countBelow = bound.count
        }
        return lower
    }
}
