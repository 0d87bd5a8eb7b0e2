/// A dispersion plot, after AntConc's Concordance Plot: where in each text a word occurs.
///
/// One row per strip (a document or a chapter): its label on the left, a bar standing for the whole
/// text from its first token (0%) to its last (100%), a thin vertical line for every hit at its
/// token position, and the strip's hit count on the right; a scale in percent of the text runs
/// along the bottom. Every hit is drawn, so the number of `.mark` elements equals the number of
/// hits given; each mark carries its token position in `data-token`, sits in an `<a href>` to the
/// hit when it has a link, and has a `<title>` (such as "p. 205") for a tooltip. A transparent,
/// wider line under each mark makes it easy to hit with a finger. A strip with no hits is drawn
/// empty; a hit outside `0..<size` is drawn at the nearest end. `render()` returns the SVG.
public struct DispersionPlot: Sendable, Equatable {
    /// One hit: its token position in the strip, the link to it and its tooltip.
    public struct Mark: Sendable, Equatable {
        /// The hit's token position, in `0..<size` of its strip.
        public var token: Int
        /// Where the mark links to, such as the hit in its concordance; no link when `nil`.
        public var href: String?
        /// The tooltip, such as "p. 205"; none when empty.
        public var title: String

        /// A hit at `token`, linking to `href`, with the tooltip `title`.
        public init(token: Int, href: String?, title: String) {
            self.token = token
            self.href = href
            self.title = title
        }
    }

    /// One row: a document or a chapter, its length in tokens and its hits.
    public struct Strip: Sendable, Equatable {
        /// The document's title or the chapter's heading.
        public var label: String
        /// How many tokens the text has; the strip spans positions `0..<size`.
        public var size: Int
        /// The hits, each drawn as one mark.
        public var marks: [Mark]

        /// A strip named `label`, `size` tokens long, with a mark per hit.
        public init(label: String, size: Int, marks: [Mark]) {
            self.label = label
            self.size = size
            self.marks = marks
        }
    }

    /// The chart's heading and the start of its text alternative, such as `Dispersion of “freedom”`.
    public var title: String
    /// The rows, drawn top to bottom in this order.
    public var strips: [Strip]
    /// A line shown under the heading and added to the text alternative, such as `D = 0.81, DP = 0.14`.
    public var summary: String
    /// The `id` of the `<svg>`, and the start of its `<title>`'s and `<desc>`'s ids; unique on a page.
    public var identifier: String
    /// The width of the viewBox; the chart scales to its container.
    public var width: Double

    /// A plot headed `title` with one row per strip.
    public init(title: String, strips: [Strip], summary: String = "", identifier: String = "dispersion-plot", width: Double = 640) {
        self.title = title
        self.strips = strips
        self.summary = summary
        self.identifier = identifier
        self.width = width
    }

    static let rowHeight = 24.0
    static let stripHeight = 14.0
    static let countWidth = 64.0

    /// The text alternative: the number of hits in all, then each strip's hits and size.
    public var textAlternative: String {
        let total = strips.reduce(0) { $0 + $1.marks.count }
        var text = "\(title). \(ChartSupport.count(total)) \(total == 1 ? "hit" : "hits") in \(strips.count) \(strips.count == 1 ? "text" : "texts"),"
        text += " each drawn as a row from its start (0%) to its end (100%)."
        if !summary.isEmpty {
            text += " " + summary + "."
        }
        for strip in strips {
            text +=
                " \(strip.label): \(ChartSupport.count(strip.marks.count)) \(strip.marks.count == 1 ? "hit" : "hits") in \(ChartSupport.count(max(strip.size, 0))) tokens."
        }
        return text
    }

    /// The plot as a standalone SVG document.
    public func render() -> String {
        let chartWidth = width.isFinite ? max(width, 240) : 640
        let margin = ChartSupport.margin
        let fontSize = ChartSupport.fontSize
        let labelWidth = (chartWidth * 0.24).rounded()
        let plotLeft = margin + labelWidth + 8
        let plotRight = chartWidth - margin - Self.countWidth
        let plotWidth = plotRight - plotLeft
        var top = ChartSupport.headerHeight
        if !summary.isEmpty {
            top += 18
        }
        top += 14
        let rowsHeight = Double(strips.count) * Self.rowHeight
        let axisY = top + max(rowsHeight, Self.rowHeight)
        let height = axisY + 48
        let chartIdentifier = ChartSupport.identifier(identifier)

        var svg = ChartSupport.header(
            identifier: chartIdentifier,
            kind: "dispersion-plot",
            width: chartWidth,
            height: height,
            title: title,
            description: textAlternative
        )
        svg += ChartSupport.summaryLine(summary, x: margin)
        svg +=
            "<text class=\"column-heading\" x=\"\(ChartSupport.coordinate(chartWidth - margin))\" y=\"\(ChartSupport.coordinate(top - 4))\" text-anchor=\"end\" fill=\"#000\">Hits</text>\n"

        if strips.isEmpty {
            svg +=
                "<text class=\"empty-note\" x=\"\(ChartSupport.coordinate(plotLeft))\" y=\"\(ChartSupport.coordinate(top + Self.rowHeight / 2 + fontSize / 3))\" fill=\"#000\">No texts to show.</text>\n"
        }
        let labelCharacters = ChartSupport.charactersFitting(width: labelWidth, fontSize: fontSize)
        for (row, strip) in strips.enumerated() {
            svg += stripRow(
                strip,
                top: top + Double(row) * Self.rowHeight,
                plotLeft: plotLeft,
                plotWidth: plotWidth,
                chartWidth: chartWidth,
                labelCharacters: labelCharacters
            )
        }
        svg += scale(axisY: axisY, plotLeft: plotLeft, plotWidth: plotWidth)
        svg += "</svg>\n"
        return svg
    }

    func stripRow(_ strip: Strip, top: Double, plotLeft: Double, plotWidth: Double, chartWidth: Double, labelCharacters: Int) -> String {
        let margin = ChartSupport.margin
        let fontSize = ChartSupport.fontSize
        let stripTop = top + (Self.rowHeight - Self.stripHeight) / 2
        let stripBottom = stripTop + Self.stripHeight
        let textY = top + Self.rowHeight / 2 + fontSize / 3
        let largestToken = strip.marks.map(\.token).max() ?? 0
        let effectiveSize = max(strip.size, largestToken + 1, 1)

        var svg = "<g class=\"strip-row\" data-hits=\"\(strip.marks.count)\" data-size=\"\(max(strip.size, 0))\">\n"
        let shownLabel = ChartSupport.abbreviate(strip.label, to: labelCharacters)
        svg += "<text class=\"strip-label\" x=\"\(ChartSupport.coordinate(margin))\" y=\"\(ChartSupport.coordinate(textY))\" fill=\"#000\">"
        svg += "<title>\(ChartSupport.escape(strip.label))</title>\(ChartSupport.escape(shownLabel))</text>\n"
        svg += "<rect class=\"strip\" x=\"\(ChartSupport.coordinate(plotLeft))\" y=\"\(ChartSupport.coordinate(stripTop))\""
        svg += " width=\"\(ChartSupport.coordinate(plotWidth))\" height=\"\(ChartSupport.coordinate(Self.stripHeight))\""
        svg += " fill=\"#f2f2f2\" stroke=\"#666\" stroke-width=\"0.5\"/>\n"
        for mark in strip.marks {
            let position = min(max(mark.token, 0), effectiveSize - 1)
            let markX = ChartSupport.coordinate(plotLeft + (Double(position) + 0.5) / Double(effectiveSize) * plotWidth)
            let ends = "x1=\"\(markX)\" y1=\"\(ChartSupport.coordinate(stripTop))\" x2=\"\(markX)\" y2=\"\(ChartSupport.coordinate(stripBottom))\""
            let tooltip = mark.title.isEmpty ? "" : "<title>\(ChartSupport.escape(mark.title))</title>"
            let line = "<line class=\"mark\" data-token=\"\(mark.token)\" \(ends) stroke=\"#000\" stroke-width=\"1\"/>"
            if let link = ChartSupport.safeLink(mark.href) {
                svg += "<a class=\"mark-link\" href=\"\(ChartSupport.escape(link))\">\(tooltip)"
                svg += "<line class=\"mark-target\" \(ends) stroke=\"#000\" stroke-opacity=\"0\" stroke-width=\"6\"/>\(line)</a>\n"
            } else {
                svg += "<g class=\"mark-group\">\(tooltip)\(line)</g>\n"
            }
        }
        svg +=
            "<text class=\"strip-count\" x=\"\(ChartSupport.coordinate(chartWidth - margin))\" y=\"\(ChartSupport.coordinate(textY))\" text-anchor=\"end\" fill=\"#000\">"
        svg += ChartSupport.count(strip.marks.count) + "</text>\n"
        svg += "</g>\n"
        return svg
    }

    func scale(axisY: Double, plotLeft: Double, plotWidth: Double) -> String {
        let fontSize = ChartSupport.fontSize
        var svg = "<g class=\"axis x-axis\">\n"
        svg += "<line class=\"axis-line\" x1=\"\(ChartSupport.coordinate(plotLeft))\" y1=\"\(ChartSupport.coordinate(axisY))\""
        svg +=
            " x2=\"\(ChartSupport.coordinate(plotLeft + plotWidth))\" y2=\"\(ChartSupport.coordinate(axisY))\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        for percent in stride(from: 0, through: 100, by: 25) {
            let tickX = ChartSupport.coordinate(plotLeft + Double(percent) / 100 * plotWidth)
            let anchor = percent == 0 ? "start" : (percent == 100 ? "end" : "middle")
            svg +=
                "<line class=\"tick\" x1=\"\(tickX)\" y1=\"\(ChartSupport.coordinate(axisY))\" x2=\"\(tickX)\" y2=\"\(ChartSupport.coordinate(axisY + 5))\" stroke=\"#000\" stroke-width=\"1\"/>"
            svg +=
                "<text class=\"tick-label\" x=\"\(tickX)\" y=\"\(ChartSupport.coordinate(axisY + 7 + fontSize))\" text-anchor=\"\(anchor)\" fill=\"#000\">\(percent)%</text>\n"
        }
        svg +=
            "<text class=\"axis-label\" x=\"\(ChartSupport.coordinate(plotLeft + plotWidth / 2))\" y=\"\(ChartSupport.coordinate(axisY + 12 + 2 * fontSize))\""
        svg += " text-anchor=\"middle\" fill=\"#000\">Position in the text (% of its tokens)</text>\n"
        svg += "</g>\n"
        return svg
    }
}
