/// A line chart of how often one or several words occur across ordered chapters or documents.
///
/// The categories (chapter or document labels, in reading order) run along the bottom, evenly
/// spaced; the value axis is the relative frequency per 10,000 words, from zero up to a round
/// number, with ticks at 1, 2 or 5 × 10^k and light grid lines. Each series is a line with a marker
/// at every point; the marker's `<title>` gives the exact value. Series differ by colour, by dash
/// pattern and by marker shape, so they stay apart when printed in black and white, and a legend
/// names them. Long labels are abbreviated and set at an angle when they would collide (every n-th
/// shown when there are very many), the full label kept in a `<title>`. A missing value (`nil`, or
/// a category with no words) leaves a gap in the line. `render()` returns the SVG.
public struct TrendsChart: Sendable, Equatable {
    /// One line: a name and a value per category.
    public struct Series: Sendable, Equatable {
        /// The word or query the line is for, shown in the legend.
        public var name: String
        /// Occurrences per 10,000 words, one per category in order; `nil` where there is no value.
        public var values: [Double?]

        /// A series named `name` with the given values per 10,000 words.
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }

        /// A series named `name` from each category's hit count and size in words: the value is
        /// `count / words × 10,000`, missing where a category has no words.
        public init(name: String, counts: [Int], words: [Int]) {
            self.name = name
            self.values = zip(counts, words).map { count, size in
                size > 0 ? Double(count) / Double(size) * 10_000 : nil
            }
        }
    }

    /// The chart's heading and the start of its text alternative.
    public var title: String
    /// The category labels in order, such as chapter headings or document titles.
    public var categories: [String]
    /// The lines; each has as many values as there are categories (missing ones count as `nil`).
    public var series: [Series]
    /// What the categories are, written under them, such as "Chapter" or "Document".
    public var categoryAxisLabel: String
    /// What the values are, written along the value axis.
    public var valueAxisLabel: String
    /// A line shown under the heading and added to the text alternative; none when empty.
    public var summary: String
    /// The `id` of the `<svg>`, and the start of its `<title>`'s and `<desc>`'s ids; unique on a page.
    public var identifier: String
    /// The width of the viewBox; the chart scales to its container.
    public var width: Double

    /// A chart headed `title` of the series over the categories.
    public init(
        title: String,
        categories: [String],
        series: [Series],
        categoryAxisLabel: String = "Chapter",
        valueAxisLabel: String = "Occurrences per 10,000 words",
        summary: String = "",
        identifier: String = "trends-chart",
        width: Double = 640
    ) {
        self.title = title
        self.categories = categories
        self.series = series
        self.categoryAxisLabel = categoryAxisLabel
        self.valueAxisLabel = valueAxisLabel
        self.summary = summary
        self.identifier = identifier
        self.width = width
    }

    /// Line colours, told apart by people with the common colour-vision deficiencies (Okabe–Ito).
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9"]
    /// Dash patterns, one per series, so lines differ in print as well.
    static let dashes = ["", "7 3", "2 2", "9 3 2 3", "14 4", "4 2 1 2 1 2", "1 4"]
    static let plotHeight = 200.0
    static let legendRowHeight = 18.0
    static let legendEntryWidth = 180.0
    static let longestCategoryLabel = 22

    /// The value of series `seriesIndex` at category `categoryIndex`, if there is a finite one.
    func value(series seriesIndex: Int, category categoryIndex: Int) -> Double? {
        let values = series[seriesIndex].values
        guard categoryIndex < values.count, let value = values[categoryIndex], value.isFinite else {
            return nil
        }
        return value
    }

    /// The text alternative: what is plotted, then every value of every series.
    public var textAlternative: String {
        var text = "\(title). \(valueAxisLabel) of \(series.count) series"
        text += " across \(categories.count) \(categories.count == 1 ? "category" : "categories") (\(categoryAxisLabel))."
        if !summary.isEmpty {
            text += " " + summary + "."
        }
        if series.isEmpty || categories.isEmpty {
            text += " No data."
        }
        for seriesIndex in series.indices where !categories.isEmpty {
            let points = categories.indices.map { categoryIndex in
                let shown = value(series: seriesIndex, category: categoryIndex).map(ChartSupport.measure) ?? "no value"
                return "\(categories[categoryIndex]) \(shown)"
            }
            text += " \(series[seriesIndex].name): " + points.joined(separator: ", ") + "."
        }
        return text
    }

    /// The chart as a standalone SVG document.
    public func render() -> String {
        let chartWidth = width.isFinite ? max(width, 240) : 640
        let margin = ChartSupport.margin
        let fontSize = ChartSupport.fontSize
        let largest =
            series.indices.flatMap { seriesIndex in
                categories.indices.compactMap { value(series: seriesIndex, category: $0) }
            }.max() ?? 0
        let ticks = AxisTicks(covering: 0, max(largest, 0))
        let tickLabelWidth = Double(ticks.values.map { ticks.label($0).count }.max() ?? 1) * fontSize * 0.6
        let categoryCount = Double(max(categories.count, 1))
        let plotRight = chartWidth - margin - 8
        let shownLabels = categories.map { ChartSupport.abbreviate($0, to: Self.longestCategoryLabel) }
        let longestShown = Double(shownLabels.map(\.count).max() ?? 0) * fontSize * 0.6
        var plotLeft = margin + fontSize + 8 + tickLabelWidth + 6
        let rotated = longestShown > (plotRight - plotLeft) / categoryCount - 6
        if rotated {
            // A slanted label hangs down and to the left of its tick: leave it room at the left edge.
            let firstSpacing = (plotRight - plotLeft) / categoryCount
            plotLeft = max(plotLeft, margin + longestShown * 0.71 - firstSpacing / 2)
        }
        let plotWidth = plotRight - plotLeft
        let plotTop = ChartSupport.headerHeight + (summary.isEmpty ? 8 : 26)
        let plotBottom = plotTop + Self.plotHeight
        let spacing = plotWidth / categoryCount
        let labelEvery = rotated ? max(Int((fontSize * 1.3 / spacing).rounded(.up)), 1) : 1
        let labelBand = rotated ? longestShown * 0.71 + fontSize + 10 : fontSize + 10
        let axisLabelY = plotBottom + labelBand + fontSize + 4
        let legendColumns = max(Int(plotWidth / Self.legendEntryWidth), 1)
        let legendRows = (series.count + legendColumns - 1) / legendColumns
        let legendTop = axisLabelY + 12
        let height = legendTop + Double(legendRows) * Self.legendRowHeight + margin
        let chartIdentifier = ChartSupport.identifier(identifier)

        func horizontal(_ categoryIndex: Int) -> Double {
            plotLeft + (Double(categoryIndex) + 0.5) * spacing
        }
        func vertical(_ value: Double) -> Double {
            plotBottom - ticks.fraction(of: value) * Self.plotHeight
        }

        var svg = ChartSupport.header(
            identifier: chartIdentifier,
            kind: "trends-chart",
            width: chartWidth,
            height: height,
            title: title,
            description: textAlternative
        )
        svg += ChartSupport.summaryLine(summary, x: margin)

        svg += "<g class=\"axis y-axis\">\n"
        for tick in ticks.values {
            let tickY = ChartSupport.coordinate(vertical(tick))
            svg +=
                "<line class=\"grid-line\" x1=\"\(ChartSupport.coordinate(plotLeft))\" y1=\"\(tickY)\" x2=\"\(ChartSupport.coordinate(plotRight))\" y2=\"\(tickY)\" stroke=\"#ccc\" stroke-width=\"0.5\"/>"
            svg +=
                "<text class=\"tick-label\" x=\"\(ChartSupport.coordinate(plotLeft - 6))\" y=\"\(ChartSupport.coordinate(vertical(tick) + fontSize / 3))\" text-anchor=\"end\" fill=\"#000\">\(ticks.label(tick))</text>\n"
        }
        svg +=
            "<line class=\"axis-line\" x1=\"\(ChartSupport.coordinate(plotLeft))\" y1=\"\(ChartSupport.coordinate(plotTop))\" x2=\"\(ChartSupport.coordinate(plotLeft))\" y2=\"\(ChartSupport.coordinate(plotBottom))\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        let valueLabelX = margin + fontSize
        let valueLabelY = plotTop + Self.plotHeight / 2
        svg +=
            "<text class=\"axis-label\" x=\"\(ChartSupport.coordinate(valueLabelX))\" y=\"\(ChartSupport.coordinate(valueLabelY))\" text-anchor=\"middle\""
        svg +=
            " transform=\"rotate(-90 \(ChartSupport.coordinate(valueLabelX)) \(ChartSupport.coordinate(valueLabelY)))\" fill=\"#000\">\(ChartSupport.escape(valueAxisLabel))</text>\n"
        svg += "</g>\n"

        svg += "<g class=\"axis x-axis\">\n"
        svg +=
            "<line class=\"axis-line\" x1=\"\(ChartSupport.coordinate(plotLeft))\" y1=\"\(ChartSupport.coordinate(plotBottom))\" x2=\"\(ChartSupport.coordinate(plotRight))\" y2=\"\(ChartSupport.coordinate(plotBottom))\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        for (categoryIndex, label) in categories.enumerated() {
            let tickX = ChartSupport.coordinate(horizontal(categoryIndex))
            svg +=
                "<line class=\"tick\" x1=\"\(tickX)\" y1=\"\(ChartSupport.coordinate(plotBottom))\" x2=\"\(tickX)\" y2=\"\(ChartSupport.coordinate(plotBottom + 4))\" stroke=\"#000\" stroke-width=\"1\"/>"
            guard categoryIndex % labelEvery == 0 else {
                svg += "\n"
                continue
            }
            let labelY = ChartSupport.coordinate(plotBottom + 8 + (rotated ? fontSize * 0.35 : fontSize))
            let placement =
                rotated
                ? "text-anchor=\"end\" transform=\"rotate(-45 \(tickX) \(labelY))\""
                : "text-anchor=\"middle\""
            svg += "<text class=\"category-label\" x=\"\(tickX)\" y=\"\(labelY)\" \(placement) fill=\"#000\">"
            svg += "<title>\(ChartSupport.escape(label))</title>\(ChartSupport.escape(shownLabels[categoryIndex]))</text>\n"
        }
        svg +=
            "<text class=\"axis-label\" x=\"\(ChartSupport.coordinate(plotLeft + plotWidth / 2))\" y=\"\(ChartSupport.coordinate(axisLabelY))\" text-anchor=\"middle\" fill=\"#000\">"
        svg += ChartSupport.escape(categoryAxisLabel) + "</text>\n"
        svg += "</g>\n"

        let hasValues = series.indices.contains { seriesIndex in
            categories.indices.contains { value(series: seriesIndex, category: $0) != nil }
        }
        if !hasValues {
            svg +=
                "<text class=\"empty-note\" x=\"\(ChartSupport.coordinate(plotLeft + plotWidth / 2))\" y=\"\(ChartSupport.coordinate(plotTop + Self.plotHeight / 2))\" text-anchor=\"middle\" fill=\"#000\">No data to show.</text>\n"
        }

        for seriesIndex in series.indices {
            let colour = Self.colours[seriesIndex % Self.colours.count]
            let dash = Self.dashes[seriesIndex % Self.dashes.count]
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            var pathCommands: [String] = []
            var previousPresent = false
            for categoryIndex in categories.indices {
                guard let point = value(series: seriesIndex, category: categoryIndex) else {
                    previousPresent = false
                    continue
                }
                let command = previousPresent ? "L" : "M"
                pathCommands.append("\(command)\(ChartSupport.coordinate(horizontal(categoryIndex))) \(ChartSupport.coordinate(vertical(point)))")
                previousPresent = true
            }
            svg += "<g class=\"series series-\(seriesIndex)\" data-name=\"\(ChartSupport.escape(series[seriesIndex].name))\">\n"
            if !pathCommands.isEmpty {
                svg +=
                    "<path class=\"series-line\" d=\"\(pathCommands.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashAttribute)/>\n"
            }
            for categoryIndex in categories.indices {
                guard let point = value(series: seriesIndex, category: categoryIndex) else {
                    continue
                }
                let tooltip =
                    "\(categories[categoryIndex]) — \(series[seriesIndex].name): \(ChartSupport.measure(point)) \(valueAxisLabel.lowercased())"
                svg += Self.marker(shape: seriesIndex, centreX: horizontal(categoryIndex), centreY: vertical(point), colour: colour, tooltip: tooltip)
            }
            svg += "</g>\n"
        }

        svg += "<g class=\"legend\">\n"
        for seriesIndex in series.indices {
            let column = seriesIndex % legendColumns
            let row = seriesIndex / legendColumns
            let entryLeft = plotLeft + Double(column) * Self.legendEntryWidth
            let entryMiddle = legendTop + Double(row) * Self.legendRowHeight + Self.legendRowHeight / 2
            let colour = Self.colours[seriesIndex % Self.colours.count]
            let dash = Self.dashes[seriesIndex % Self.dashes.count]
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            svg += "<g class=\"legend-entry series-\(seriesIndex)\">"
            svg +=
                "<line class=\"series-line\" x1=\"\(ChartSupport.coordinate(entryLeft))\" y1=\"\(ChartSupport.coordinate(entryMiddle))\" x2=\"\(ChartSupport.coordinate(entryLeft + 32))\" y2=\"\(ChartSupport.coordinate(entryMiddle))\""
            svg += " stroke=\"\(colour)\" stroke-width=\"2\"\(dashAttribute)/>"
            svg += Self.marker(shape: seriesIndex, centreX: entryLeft + 16, centreY: entryMiddle, colour: colour, tooltip: nil)
            let nameCharacters = ChartSupport.charactersFitting(width: Self.legendEntryWidth - 44, fontSize: fontSize)
            svg +=
                "<text class=\"legend-label\" x=\"\(ChartSupport.coordinate(entryLeft + 38))\" y=\"\(ChartSupport.coordinate(entryMiddle + fontSize / 3))\" fill=\"#000\">"
            svg +=
                "<title>\(ChartSupport.escape(series[seriesIndex].name))</title>\(ChartSupport.escape(ChartSupport.abbreviate(series[seriesIndex].name, to: nameCharacters)))</text></g>\n"
        }
        svg += "</g>\n"
        svg += "</svg>\n"
        return svg
    }

    /// A point marker: circle, square, triangle, diamond or cross by series, with an optional tooltip.
    static func marker(shape: Int, centreX: Double, centreY: Double, colour: String, tooltip: String?) -> String {
        let size = 4.0
        let tooltipElement = tooltip.map { "<title>\(ChartSupport.escape($0))</title>" } ?? ""
        let className = tooltip == nil ? "legend-marker" : "point"
        let style = "fill=\"\(colour)\" stroke=\"#000\" stroke-width=\"0.75\""
        func at(_ offsetX: Double, _ offsetY: Double) -> String {
            "\(ChartSupport.coordinate(centreX + offsetX)) \(ChartSupport.coordinate(centreY + offsetY))"
        }
        switch shape % 5 {
        case 0:
            return
                "<circle class=\"\(className)\" cx=\"\(ChartSupport.coordinate(centreX))\" cy=\"\(ChartSupport.coordinate(centreY))\" r=\"\(ChartSupport.coordinate(size))\" \(style)>\(tooltipElement)</circle>\n"
        case 1:
            let outline = "M\(at(-size, -size)) L\(at(size, -size)) L\(at(size, size)) L\(at(-size, size)) Z"
            return "<path class=\"\(className)\" d=\"\(outline)\" \(style)>\(tooltipElement)</path>\n"
        case 2:
            let outline = "M\(at(0, -size * 1.2)) L\(at(size * 1.1, size * 0.9)) L\(at(-size * 1.1, size * 0.9)) Z"
            return "<path class=\"\(className)\" d=\"\(outline)\" \(style)>\(tooltipElement)</path>\n"
        case 3:
            let outline = "M\(at(0, -size * 1.3)) L\(at(size * 1.3, 0)) L\(at(0, size * 1.3)) L\(at(-size * 1.3, 0)) Z"
            return "<path class=\"\(className)\" d=\"\(outline)\" \(style)>\(tooltipElement)</path>\n"
        default:
            let arm = size * 0.45
            let outline =
                "M\(at(-arm, -size)) L\(at(arm, -size)) L\(at(arm, -arm)) L\(at(size, -arm)) L\(at(size, arm)) L\(at(arm, arm))"
                + " L\(at(arm, size)) L\(at(-arm, size)) L\(at(-arm, arm)) L\(at(-size, arm)) L\(at(-size, -arm)) L\(at(-arm, -arm)) Z"
            return "<path class=\"\(className)\" d=\"\(outline)\" \(style)>\(tooltipElement)</path>\n"
        }
    }
}
