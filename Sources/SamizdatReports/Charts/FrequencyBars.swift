/// A horizontal bar chart of counts, such as the most frequent words of a corpus with the stoplist
/// applied.
///
/// One row per bar in the order given (sort them first): the label on the left, a bar whose length
/// is the count on a scale from zero to a round number, and the count printed at the bar's end. A
/// scale with ticks at 1, 2 or 5 × 10^k (whole numbers only: these are counts) and light grid lines
/// runs along the bottom with its axis label. A bar with a link is an `<a href>` around its whole
/// row, so the label, the bar and the number all lead to, say, the word's concordance; every row
/// has a `<title>` with the exact count. `render()` returns the SVG.
public struct FrequencyBars: Sendable, Equatable {
    /// One bar: a label, a count and an optional link.
    public struct Bar: Sendable, Equatable {
        /// The word, shown on the left.
        public var label: String
        /// How often it occurs; a negative count is drawn as zero.
        public var count: Int
        /// Where the bar links to, such as the word's term page; no link when `nil`.
        public var href: String?

        /// A bar for `label` of length `count`, linking to `href`.
        public init(label: String, count: Int, href: String? = nil) {
            self.label = label
            self.count = count
            self.href = href
        }
    }

    /// The chart's heading and the start of its text alternative.
    public var title: String
    /// The bars, drawn top to bottom in this order.
    public var bars: [Bar]
    /// What the counts are, written under the scale.
    public var valueAxisLabel: String
    /// A line shown under the heading and added to the text alternative; none when empty.
    public var summary: String
    /// The `id` of the `<svg>`, and the start of its `<title>`'s and `<desc>`'s ids; unique on a page.
    public var identifier: String
    /// The width of the viewBox; the chart scales to its container.
    public var width: Double

    /// A chart headed `title` with one bar per entry of `bars`.
    public init(
        title: String,
        bars: [Bar],
        valueAxisLabel: String = "Occurrences",
        summary: String = "",
        identifier: String = "frequency-bars",
        width: Double = 640
    ) {
        self.title = title
        self.bars = bars
        self.valueAxisLabel = valueAxisLabel
        self.summary = summary
        self.identifier = identifier
        self.width = width
    }

    static let rowHeight = 20.0
    static let barHeight = 14.0
    static let barColour = "#0072B2"

    /// The text alternative: every label with its count, in order.
    public var textAlternative: String {
        var text = "\(title). \(bars.count) \(bars.count == 1 ? "bar" : "bars"), \(valueAxisLabel.lowercased())."
        if !summary.isEmpty {
            text += " " + summary + "."
        }
        if bars.isEmpty {
            text += " No data."
        } else {
            text += " " + bars.map { "\($0.label) \(ChartSupport.count(max($0.count, 0)))" }.joined(separator: ", ") + "."
        }
        return text
    }

    /// The chart as a standalone SVG document.
    public func render() -> String {
        let chartWidth = width.isFinite ? max(width, 240) : 640
        let margin = ChartSupport.margin
        let fontSize = ChartSupport.fontSize
        let characterWidth = fontSize * 0.6
        let largest = bars.map { max($0.count, 0) }.max() ?? 0
        let ticks = AxisTicks(covering: 0, Double(max(largest, 1)), targetCount: min(5, max(largest, 1)))
        let longestLabel = Double(bars.map(\.label.count).max() ?? 4) * characterWidth
        let labelWidth = min(max(longestLabel, 4 * characterWidth), (chartWidth * 0.3).rounded())
        let labelCharacters = ChartSupport.charactersFitting(width: labelWidth, fontSize: fontSize)
        let valueWidth = Double(ChartSupport.count(largest).count) * characterWidth + 10
        let plotLeft = margin + labelWidth + 8
        let plotRight = chartWidth - margin - valueWidth
        let plotWidth = plotRight - plotLeft
        let plotTop = ChartSupport.headerHeight + (summary.isEmpty ? 4 : 22)
        let plotBottom = plotTop + max(Double(bars.count), 1) * Self.rowHeight
        let height = plotBottom + 7 + 2 * fontSize + 12 + margin
        let chartIdentifier = ChartSupport.identifier(identifier)

        var svg = ChartSupport.header(
            identifier: chartIdentifier,
            kind: "frequency-bars",
            width: chartWidth,
            height: height,
            title: title,
            description: textAlternative
        )
        svg += ChartSupport.summaryLine(summary, x: margin)

        svg += "<g class=\"axis x-axis\">\n"
        for tick in ticks.values {
            let tickX = ChartSupport.coordinate(plotLeft + ticks.fraction(of: tick) * plotWidth)
            svg +=
                "<line class=\"grid-line\" x1=\"\(tickX)\" y1=\"\(ChartSupport.coordinate(plotTop))\" x2=\"\(tickX)\" y2=\"\(ChartSupport.coordinate(plotBottom))\" stroke=\"#ccc\" stroke-width=\"0.5\"/>"
            svg +=
                "<line class=\"tick\" x1=\"\(tickX)\" y1=\"\(ChartSupport.coordinate(plotBottom))\" x2=\"\(tickX)\" y2=\"\(ChartSupport.coordinate(plotBottom + 5))\" stroke=\"#000\" stroke-width=\"1\"/>"
            svg +=
                "<text class=\"tick-label\" x=\"\(tickX)\" y=\"\(ChartSupport.coordinate(plotBottom + 7 + fontSize))\" text-anchor=\"middle\" fill=\"#000\">\(ticks.label(tick))</text>\n"
        }
        svg +=
            "<line class=\"axis-line\" x1=\"\(ChartSupport.coordinate(plotLeft))\" y1=\"\(ChartSupport.coordinate(plotBottom))\" x2=\"\(ChartSupport.coordinate(plotRight))\" y2=\"\(ChartSupport.coordinate(plotBottom))\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        svg +=
            "<text class=\"axis-label\" x=\"\(ChartSupport.coordinate(plotLeft + plotWidth / 2))\" y=\"\(ChartSupport.coordinate(plotBottom + 12 + 2 * fontSize))\" text-anchor=\"middle\" fill=\"#000\">"
        svg += ChartSupport.escape(valueAxisLabel) + "</text>\n"
        svg += "</g>\n"

        if bars.isEmpty {
            svg +=
                "<text class=\"empty-note\" x=\"\(ChartSupport.coordinate(plotLeft + 4))\" y=\"\(ChartSupport.coordinate(plotTop + Self.rowHeight / 2 + fontSize / 3))\" fill=\"#000\">No words to show.</text>\n"
        }
        svg +=
            "<line class=\"axis-line\" x1=\"\(ChartSupport.coordinate(plotLeft))\" y1=\"\(ChartSupport.coordinate(plotTop))\" x2=\"\(ChartSupport.coordinate(plotLeft))\" y2=\"\(ChartSupport.coordinate(plotBottom))\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        for (row, bar) in bars.enumerated() {
            let count = max(bar.count, 0)
            let rowTop = plotTop + Double(row) * Self.rowHeight
            let barTop = rowTop + (Self.rowHeight - Self.barHeight) / 2
            let barLength = ticks.fraction(of: Double(count)) * plotWidth
            let textY = ChartSupport.coordinate(rowTop + Self.rowHeight / 2 + fontSize / 3)
            let link = ChartSupport.safeLink(bar.href)
            svg += link.map { "<a class=\"bar-row bar-link\" href=\"\(ChartSupport.escape($0))\">" } ?? "<g class=\"bar-row\">"
            svg += "<title>\(ChartSupport.escape(bar.label)): \(ChartSupport.count(count))</title>"
            svg += "<text class=\"bar-label\" x=\"\(ChartSupport.coordinate(plotLeft - 6))\" y=\"\(textY)\" text-anchor=\"end\" fill=\"#000\">"
            svg += ChartSupport.escape(ChartSupport.abbreviate(bar.label, to: labelCharacters)) + "</text>"
            svg += "<rect class=\"bar\" data-count=\"\(count)\" x=\"\(ChartSupport.coordinate(plotLeft))\" y=\"\(ChartSupport.coordinate(barTop))\""
            svg +=
                " width=\"\(ChartSupport.coordinate(barLength))\" height=\"\(ChartSupport.coordinate(Self.barHeight))\" fill=\"\(Self.barColour)\" stroke=\"#000\" stroke-width=\"0.5\"/>"
            svg +=
                "<text class=\"bar-value\" x=\"\(ChartSupport.coordinate(plotLeft + barLength + 4))\" y=\"\(textY)\" fill=\"#000\">\(ChartSupport.count(count))</text>"
            svg += link == nil ? "</g>\n" : "</a>\n"
        }
        svg += "</svg>\n"
        return svg
    }
}
