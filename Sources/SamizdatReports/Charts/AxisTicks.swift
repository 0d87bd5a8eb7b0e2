import Foundation

/// Ticks for a value axis at round numbers: a step of 1, 2 or 5 × 10^k, the first tick at or below
/// the lowest value and the last at or above the highest, so the axis covers the data.
///
/// An empty or degenerate range (no values, all equal, not finite) still gets an axis: from zero
/// (or the single value) up to the next round number, never a step of zero. Values are rounded to
/// the step's decimals so that `0.1 + 0.2` is written `0.3`.
public struct AxisTicks: Sendable, Equatable {
    /// The tick values, ascending, evenly spaced by `step`; at least two.
    public let values: [Double]
    /// The distance between ticks: 1, 2 or 5 × 10^k.
    public let step: Double
    /// The number of decimals a tick label needs.
    public let fractionDigits: Int

    /// The lowest tick, where the axis starts.
    public var lower: Double { values[0] }
    /// The highest tick, where the axis ends.
    public var upper: Double { values[values.count - 1] }

    /// Ticks covering `lower...upper` with about `targetCount` intervals.
    public init(covering lower: Double, _ upper: Double, targetCount: Int = 5) {
        var low = lower.isFinite ? lower : 0
        var high = upper.isFinite ? upper : 0
        if low > high {
            swap(&low, &high)
        }
        if high - low <= 0 {
            if high == 0 {
                high = 1
            } else if high > 0 {
                low = min(low, 0)
            } else {
                high = 0
            }
        }
        let intervals = Double(max(targetCount, 1))
        let rawStep = (high - low) / intervals
        let exponent = floor(log10(rawStep))
        let magnitude = pow(10, exponent)
        let residual = rawStep / magnitude
        let multiplier: Double
        if residual <= 1 {
            multiplier = 1
        } else if residual <= 2 {
            multiplier = 2
        } else if residual <= 5 {
            multiplier = 5
        } else {
            multiplier = 10
        }
        let chosenStep = multiplier * magnitude
        let digits = max(0, Int(-floor(log10(chosenStep))))
        let firstIndex = floor(low / chosenStep + 1e-9)
        let lastIndex = ceil(high / chosenStep - 1e-9)
        var ticks: [Double] = []
        var index = firstIndex
        while index <= lastIndex {
            ticks.append(Self.rounded(index * chosenStep, fractionDigits: digits))
            index += 1
        }
        if ticks.count < 2 {
            ticks.append(Self.rounded((firstIndex + 1) * chosenStep, fractionDigits: digits))
        }
        values = ticks
        step = chosenStep
        fractionDigits = digits
    }

    /// The label of a tick value: the step's decimals, thousands grouped.
    public func label(_ value: Double) -> String {
        let written = ChartSupport.decimal(value, fractionDigits: fractionDigits)
        let parts = written.split(separator: ".", maxSplits: 1)
        let integerPart = parts[0].hasPrefix("-") ? String(parts[0].dropFirst()) : String(parts[0])
        let sign = parts[0].hasPrefix("-") ? "-" : ""
        let grouped = ChartSupport.count(Int(integerPart) ?? 0)
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Where a value falls along the axis, from 0 (the lowest tick) to 1 (the highest).
    public func fraction(of value: Double) -> Double {
        let span = upper - lower
        guard value.isFinite, span > 0 else {
            return 0
        }
        return (value - lower) / span
    }

    static func rounded(_ value: Double, fractionDigits: Int) -> Double {
        let factor = pow(10, Double(fractionDigits))
        let result = (value * factor).rounded() / factor
        return result == 0 ? 0 : result
    }
}
