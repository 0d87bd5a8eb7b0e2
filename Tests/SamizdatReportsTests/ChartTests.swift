import Foundation
import Testing

@testable import SamizdatReports

#if canImport(FoundationXML)
import FoundationXML
#endif

/// What an SVG document holds once parsed as XML: its elements in order, with their attributes,
/// and the text inside every `<title>` and `<desc>`.
final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    private(set) var elements: [Element] = []
    private(set) var titles: [String] = []
    private(set) var descriptions: [String] = []
    /// Every `<text>` element's own characters (not its `<title>`'s), with its classes.
    private(set) var texts: [(classes: [String], text: String)] = []
    private(set) var allText = ""
    private var openElements: [(element: Element, text: String)] = []

    /// The parsed document, or `nil` when the text is not well-formed XML.
    static func parse(_ svg: String) -> ParsedSVG? {
        let parsed = ParsedSVG()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = parsed
        return parser.parse() ? parsed : nil
    }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        let element = Element(name: elementName, attributes: attributeDict)
        elements.append(element)
        openElements.append((element, ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        allText += string
        if !openElements.isEmpty {
            openElements[openElements.count - 1].text += string
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let closed = openElements.removeLast()
        switch elementName {
        case "title":
            titles.append(closed.text)
        case "desc":
            descriptions.append(closed.text)
        case "text":
            texts.append((closed.element.classes, closed.text))
        default:
            break
        }
    }

    func texts(withClass className: String) -> [String] {
        texts.filter { $0.classes.contains(className) }.map(\.text)
    }

    func elements(named name: String) -> [Element] {
        elements.filter { $0.name == name }
    }

    func elements(withClass className: String) -> [Element] {
        elements.filter { $0.classes.contains(className) }
    }

    var root: Element? { elements.first }
}

/// Checks every chart must pass: well-formed, an accessible `<svg>` root with a title and a
/// description it names, nothing that runs or loads, and only finite numbers.
func expectWellFormedChart(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> ParsedSVG? {
    guard let parsed = ParsedSVG.parse(svg) else {
        Issue.record("not well-formed XML:\n\(svg)", sourceLocation: sourceLocation)
        return nil
    }
    guard let root = parsed.root else {
        Issue.record("no root element", sourceLocation: sourceLocation)
        return nil
    }
    #expect(root.name == "svg", sourceLocation: sourceLocation)
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
    #expect(root.attributes["role"] == "img", sourceLocation: sourceLocation)
    #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true, sourceLocation: sourceLocation)
    #expect(root.attributes["width"] == nil && root.attributes["height"] == nil, "sized by viewBox only", sourceLocation: sourceLocation)
    let labelledBy = (root.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
    let identifiers = Set(parsed.elements.compactMap { $0.attributes["id"] })
    #expect(labelledBy.count == 2, sourceLocation: sourceLocation)
    for identifier in labelledBy {
        #expect(identifiers.contains(identifier), "aria-labelledby names \(identifier)", sourceLocation: sourceLocation)
    }
    #expect(parsed.elements[1].name == "title" && !(parsed.titles.first ?? "").isEmpty, sourceLocation: sourceLocation)
    #expect(parsed.elements[2].name == "desc" && !(parsed.descriptions.first ?? "").isEmpty, sourceLocation: sourceLocation)
    let forbidden: Set<String> = ["script", "image", "foreignObject", "style", "use", "iframe"]
    #expect(parsed.elements.allSatisfy { !forbidden.contains($0.name) }, sourceLocation: sourceLocation)
    #expect(!svg.contains("url("), sourceLocation: sourceLocation)
    #expect(parsed.elements.allSatisfy { element in !element.attributes.keys.contains { $0.hasPrefix("on") } }, sourceLocation: sourceLocation)
    let lowered = svg.lowercased()
    #expect(!lowered.contains("nan") && !lowered.contains("inf"), "no NaN or infinite coordinates", sourceLocation: sourceLocation)
    let numericAttributes: Set<String> = ["x", "y", "x1", "y1", "x2", "y2", "width", "height", "cx", "cy", "r", "stroke-width", "font-size"]
    for element in parsed.elements {
        for (name, value) in element.attributes where numericAttributes.contains(name) {
            #expect(Double(value)?.isFinite == true, "\(element.name) \(name)=\(value)", sourceLocation: sourceLocation)
        }
        for name in ["viewBox", "d", "transform"] {
            guard let value = element.attributes[name] else {
                continue
            }
            let numbers = value.split { !"0123456789.-".contains($0) }
            #expect(numbers.allSatisfy { Double($0)?.isFinite == true }, "\(element.name) \(name)=\(value)", sourceLocation: sourceLocation)
        }
    }
    return parsed
}

@Suite struct DispersionPlotTests {
    let strips = [
        DispersionPlot.Strip(
            label: "Chapter One",
            size: 1_000,
            marks: [
                DispersionPlot.Mark(token: 0, href: "/kwic?q=freedom&doc=d1&at=0", title: "p. 1"),
                DispersionPlot.Mark(token: 205, href: "/kwic?q=freedom&doc=d1&at=205", title: "p. 205"),
                DispersionPlot.Mark(token: 999, href: "/kwic?q=freedom&doc=d1&at=999", title: "p. 300"),
            ]
        ),
        DispersionPlot.Strip(
            label: "Chapter Two",
            size: 500,
            marks: [
                DispersionPlot.Mark(token: 250, href: "/kwic?q=freedom&doc=d1&at=1250", title: "p. 340"),
                DispersionPlot.Mark(token: 251, href: nil, title: "p. 340"),
            ]
        ),
        DispersionPlot.Strip(label: "Chapter Three", size: 800, marks: []),
    ]

    @Test func aPlotIsWellFormedSVGWithATitleAndADescription() throws {
        let svg = DispersionPlot(title: "Dispersion of “freedom”", strips: strips, summary: "D = 0.81, DP = 0.14").render()
        let parsed = try #require(expectWellFormedChart(svg))
        #expect(parsed.titles.first == "Dispersion of “freedom”")
        let description = try #require(parsed.descriptions.first)
        #expect(description.contains("5 hits in 3 texts"))
        #expect(description.contains("Chapter Two: 2 hits in 500 tokens"))
        #expect(description.contains("D = 0.81, DP = 0.14"))
    }

    @Test func theMarksDrawnAreExactlyTheHitsGivenEachWithItsToken() throws {
        let parsed = try #require(expectWellFormedChart(DispersionPlot(title: "Dispersion", strips: strips).render()))
        let marks = parsed.elements(withClass: "mark")
        #expect(marks.count == 5)
        #expect(marks.compactMap { $0.attributes["data-token"] } == ["0", "205", "999", "250", "251"])
        #expect(parsed.elements(withClass: "strip-row").map { $0.attributes["data-hits"] } == ["3", "2", "0"])
        #expect(parsed.elements(withClass: "strip-count").count == 3)
    }

    @Test func marksWithALinkAreAnchorsWithATooltip() throws {
        let parsed = try #require(expectWellFormedChart(DispersionPlot(title: "Dispersion", strips: strips).render()))
        let links = parsed.elements(named: "a").compactMap { $0.attributes["href"] }
        #expect(
            links == [
                "/kwic?q=freedom&doc=d1&at=0", "/kwic?q=freedom&doc=d1&at=205", "/kwic?q=freedom&doc=d1&at=999", "/kwic?q=freedom&doc=d1&at=1250",
            ]
        )
        #expect(parsed.titles.contains("p. 205"))
    }

    @Test func marksLieAlongTheirStripInTokenOrder() throws {
        let parsed = try #require(expectWellFormedChart(DispersionPlot(title: "Dispersion", strips: Array(strips.prefix(1))).render()))
        let positions = parsed.elements(withClass: "mark").compactMap { $0.attributes["x1"].flatMap(Double.init) }
        let strip = try #require(parsed.elements(withClass: "strip").first)
        let left = try #require(strip.attributes["x"].flatMap(Double.init))
        let right = left + (try #require(strip.attributes["width"].flatMap(Double.init)))
        #expect(positions == positions.sorted())
        #expect(positions.allSatisfy { $0 >= left && $0 <= right })
    }

    @Test func aLabelWithMarkupCharactersSurvivesEscaping() throws {
        let label = "Tom & Jerry <i>\"quoted\"</i> 'single'"
        let plot = DispersionPlot(
            title: "Of <b> & \"c\"",
            strips: [DispersionPlot.Strip(label: label, size: 10, marks: [DispersionPlot.Mark(token: 3, href: "/a?x=1&y=<2>", title: "<p. 3>")])]
        )
        let parsed = try #require(expectWellFormedChart(plot.render()))
        #expect(parsed.titles.contains(label))
        #expect(parsed.titles.contains("<p. 3>"))
        #expect(parsed.titles.first == "Of <b> & \"c\"")
        #expect(parsed.elements(named: "a").first?.attributes["href"] == "/a?x=1&y=<2>")
    }

    @Test func aLinkThatWouldRunScriptIsLeftOutButItsMarkIsDrawn() throws {
        let plot = DispersionPlot(
            title: "Dispersion",
            strips: [
                DispersionPlot.Strip(
                    label: "One",
                    size: 10,
                    marks: [
                        DispersionPlot.Mark(token: 1, href: "javascript:alert(1)", title: "p. 1"),
                        DispersionPlot.Mark(token: 2, href: " JavaScript:alert(1)", title: "p. 1"),
                        DispersionPlot.Mark(token: 3, href: "https://example.org/hit", title: "p. 1"),
                    ]
                )
            ]
        )
        let svg = plot.render()
        let parsed = try #require(expectWellFormedChart(svg))
        #expect(!svg.lowercased().contains("javascript"))
        #expect(parsed.elements(withClass: "mark").count == 3)
        #expect(parsed.elements(named: "a").compactMap { $0.attributes["href"] } == ["https://example.org/hit"])
    }

    @Test func zeroHitStripsEmptyTextsAndNoStripsDrawWithoutNaNOrInfinity() throws {
        let odd = DispersionPlot(
            title: "Dispersion",
            strips: [
                DispersionPlot.Strip(label: "Empty", size: 0, marks: []),
                DispersionPlot.Strip(label: "Sized zero with hits", size: 0, marks: [DispersionPlot.Mark(token: 0, href: "/h", title: "")]),
                DispersionPlot.Strip(
                    label: "Out of range",
                    size: 10,
                    marks: [DispersionPlot.Mark(token: -5, href: "/h", title: ""), DispersionPlot.Mark(token: 40, href: "/h", title: "")]
                ),
            ],
            width: .nan
        )
        let parsed = try #require(expectWellFormedChart(odd.render()))
        #expect(parsed.elements(withClass: "mark").count == 3)
        let none = try #require(expectWellFormedChart(DispersionPlot(title: "Dispersion", strips: []).render()))
        #expect(none.elements(withClass: "mark").isEmpty)
        #expect(none.allText.contains("No texts to show."))
    }

    @Test func theScaleRunsFromZeroToAHundredPercentWithAnAxisLabel() throws {
        let parsed = try #require(expectWellFormedChart(DispersionPlot(title: "Dispersion", strips: strips).render()))
        #expect(parsed.texts(withClass: "tick-label") == ["0%", "25%", "50%", "75%", "100%"])
        #expect(parsed.elements(withClass: "axis-label").count == 1)
    }
}

@Suite struct TrendsChartTests {
    let chapters = ["Chapter One", "Chapter Two", "Chapter Three", "Chapter Four"]

    @Test func aChartIsWellFormedWithAPointPerValueEachGivingItsExactValue() throws {
        let chart = TrendsChart(
            title: "Trends",
            categories: chapters,
            series: [
                TrendsChart.Series(name: "freedom", values: [12.345, 3, nil, 7.5]),
                TrendsChart.Series(name: "liberty", values: [0.004, 1, 2, 40]),
            ]
        )
        let parsed = try #require(expectWellFormedChart(chart.render()))
        #expect(parsed.elements(withClass: "point").count == 7)
        #expect(parsed.titles.contains("Chapter One — freedom: 12.35 occurrences per 10,000 words"))
        #expect(parsed.titles.contains("Chapter One — liberty: 0.004 occurrences per 10,000 words"))
        let description = try #require(parsed.descriptions.first)
        #expect(description.contains("freedom: Chapter One 12.35, Chapter Two 3, Chapter Three no value, Chapter Four 7.5."))
        #expect(parsed.elements(withClass: "axis-label").count == 2)
        #expect(parsed.allText.contains("Occurrences per 10,000 words"))
    }

    @Test func aMissingValueBreaksTheLine() throws {
        let chart = TrendsChart(title: "Trends", categories: chapters, series: [TrendsChart.Series(name: "freedom", values: [1, 2, nil, 4])])
        let parsed = try #require(expectWellFormedChart(chart.render()))
        let path = try #require(parsed.elements(withClass: "series-line").first { $0.name == "path" }?.attributes["d"])
        #expect(path.filter { $0 == "M" }.count == 2)
    }

    @Test func seriesDifferInDashPatternAsWellAsColourAndTheLegendNamesThem() throws {
        let names = ["a", "b", "c", "d"]
        let chart = TrendsChart(title: "Trends", categories: chapters, series: names.map { TrendsChart.Series(name: $0, values: [1, 2, 3, 4]) })
        let parsed = try #require(expectWellFormedChart(chart.render()))
        let lines = parsed.elements(named: "path").filter { $0.classes.contains("series-line") }
        #expect(Set(lines.map { $0.attributes["stroke-dasharray"] ?? "solid" }).count == 4)
        #expect(Set(lines.compactMap { $0.attributes["stroke"] }).count == 4)
        #expect(parsed.elements(withClass: "legend-entry").count == 4)
        #expect(parsed.elements(withClass: "legend-label").count == 4)
    }

    @Test func valueTicksAreRoundNumbersCoveringTheLargestValue() throws {
        let chart = TrendsChart(title: "Trends", categories: chapters, series: [TrendsChart.Series(name: "freedom", values: [3, 17.2, 8, 0])])
        let parsed = try #require(expectWellFormedChart(chart.render()))
        #expect(parsed.texts(withClass: "tick-label") == ["0", "5", "10", "15", "20"])
    }

    @Test func longCategoryLabelsAreAbbreviatedAndKeptWholeInATitle() throws {
        let long = "Chapter Twelve: In Which the Author Considers the Press & the <State>"
        let categories = (1...12).map { "Chapter \($0)" } + [long]
        let chart = TrendsChart(
            title: "Trends",
            categories: categories,
            series: [TrendsChart.Series(name: "press", values: categories.map { _ in 1.5 })]
        )
        let svg = chart.render()
        let parsed = try #require(expectWellFormedChart(svg))
        #expect(parsed.titles.contains(long))
        #expect(parsed.elements(withClass: "category-label").allSatisfy { $0.attributes["transform"]?.hasPrefix("rotate(-45") == true })
        #expect(parsed.texts(withClass: "category-label").last == "Chapter Twelve: In Wh…")
    }

    @Test func countsBecomeFrequenciesPerTenThousandWordsAndEmptyCategoriesAreGaps() {
        let series = TrendsChart.Series(name: "freedom", counts: [5, 0, 3], words: [10_000, 0, 1_500])
        #expect(series.values == [5, nil, 20])
    }

    @Test func emptyChartsDrawWithoutNaNOrInfinity() throws {
        let cases = [
            TrendsChart(title: "No series", categories: chapters, series: []),
            TrendsChart(title: "No categories", categories: [], series: [TrendsChart.Series(name: "freedom", values: [])]),
            TrendsChart(
                title: "Only missing",
                categories: chapters,
                series: [TrendsChart.Series(name: "freedom", values: [nil, .nan, .infinity, nil])]
            ),
            TrendsChart(title: "All zero", categories: ["One"], series: [TrendsChart.Series(name: "freedom", values: [0])]),
            TrendsChart(title: "Too few values", categories: chapters, series: [TrendsChart.Series(name: "freedom", values: [2])], width: 0),
        ]
        for chart in cases {
            let parsed = try #require(expectWellFormedChart(chart.render()))
            #expect(parsed.elements(withClass: "tick-label").count >= 2)
        }
    }
}

@Suite struct FrequencyBarsTests {
    let bars = [
        FrequencyBars.Bar(label: "freedom", count: 1_234, href: "/term?w=freedom"),
        FrequencyBars.Bar(label: "press", count: 560, href: "/term?w=press"),
        FrequencyBars.Bar(label: "<&>\"", count: 7),
    ]

    @Test func aBarIsDrawnPerWordWithItsCountAtTheEndAndItsLink() throws {
        let parsed = try #require(expectWellFormedChart(FrequencyBars(title: "Most frequent words", bars: bars).render()))
        let drawn = parsed.elements(withClass: "bar")
        #expect(drawn.map { $0.attributes["data-count"] } == ["1234", "560", "7"])
        let widths = drawn.compactMap { $0.attributes["width"].flatMap(Double.init) }
        #expect(widths == widths.sorted(by: >))
        #expect(parsed.texts(withClass: "bar-value") == ["1,234", "560", "7"])
        #expect(parsed.elements(named: "a").compactMap { $0.attributes["href"] } == ["/term?w=freedom", "/term?w=press"])
        #expect(parsed.titles.contains("<&>\": 7"))
        #expect(parsed.descriptions.first?.contains("freedom 1,234, press 560, <&>\" 7.") == true)
    }

    @Test func smallCountsGetWholeNumberTicks() throws {
        let parsed = try #require(expectWellFormedChart(FrequencyBars(title: "Words", bars: [FrequencyBars.Bar(label: "rare", count: 3)]).render()))
        #expect(parsed.texts(withClass: "tick-label") == ["0", "1", "2", "3"])
    }

    @Test func noBarsOrZeroCountsDrawWithoutNaNOrInfinity() throws {
        let empty = try #require(expectWellFormedChart(FrequencyBars(title: "Words", bars: []).render()))
        #expect(empty.allText.contains("No words to show."))
        let zero = try #require(
            expectWellFormedChart(
                FrequencyBars(title: "Words", bars: [FrequencyBars.Bar(label: "none", count: 0), FrequencyBars.Bar(label: "less", count: -2)])
                    .render()
            )
        )
        #expect(zero.elements(withClass: "bar").count == 2)
    }
}

@Suite struct ChartSupportTests {
    @Test func ticksAreNiceNumbersCoveringTheData() {
        let ranges: [(Double, Double)] = [
            (0, 0), (0, 0.3), (0, 1), (0, 7), (0, 12.5), (0, 99), (0, 101), (0, 1_234), (0, 0.0042), (-3, 17), (5, 5), (-2, -2), (0, .nan),
        ]
        for (lower, upper) in ranges {
            let ticks = AxisTicks(covering: lower, upper)
            let exponent = (log10(ticks.step)).rounded(.down)
            let mantissa = ticks.step / pow(10, exponent)
            #expect([1, 2, 5, 10].contains { abs($0 - mantissa) < 1e-9 }, "step \(ticks.step)")
            #expect(ticks.values.count >= 2 && ticks.values.count <= 12, "\(ticks.values)")
            if upper.isFinite {
                #expect(ticks.lower <= lower && ticks.upper >= upper, "\(ticks.values) cover \(lower)...\(upper)")
            }
            for tick in ticks.values {
                let multiple = tick / ticks.step
                #expect(abs(multiple - multiple.rounded()) < 1e-6, "\(tick) is a multiple of \(ticks.step)")
            }
            for (previous, next) in zip(ticks.values, ticks.values.dropFirst()) {
                #expect(abs(next - previous - ticks.step) < ticks.step * 1e-6)
            }
        }
        #expect(AxisTicks(covering: 0, 17.2).values == [0, 5, 10, 15, 20])
        #expect(AxisTicks(covering: 0, 0.3).values.map(AxisTicks(covering: 0, 0.3).label) == ["0", "0.1", "0.2", "0.3"])
        #expect(AxisTicks(covering: 0, 12_000).label(10_000) == "10,000")
    }

    @Test func numbersAreWrittenTheSameWayEverywhere() {
        #expect(ChartSupport.decimal(2.5, fractionDigits: 2) == "2.5")
        #expect(ChartSupport.decimal(3.004, fractionDigits: 2) == "3")
        #expect(ChartSupport.decimal(-0.001, fractionDigits: 2) == "0")
        #expect(ChartSupport.decimal(-1.25, fractionDigits: 2) == "-1.25")
        #expect(ChartSupport.decimal(0.05, fractionDigits: 2) == "0.05")
        #expect(ChartSupport.decimal(.nan, fractionDigits: 2) == "0")
        #expect(ChartSupport.coordinate(-.infinity) == "0")
        #expect(ChartSupport.count(1_234_567) == "1,234,567")
        #expect(ChartSupport.count(-1_000) == "-1,000")
        #expect(ChartSupport.measure(12_345.678) == "12,345.68")
        #expect(ChartSupport.measure(0.0042) == "0.0042")
    }

    @Test func escapingKeepsMarkupCharactersAndDropsWhatXMLCannotCarry() {
        #expect(ChartSupport.escape("<&>\"'") == "&lt;&amp;&gt;&quot;&#39;")
        #expect(ChartSupport.escape("a\u{0}b\u{1B}c\td") == "abc\td")
    }

    @Test func identifiersAndLinksAreMadeSafe() {
        #expect(ChartSupport.identifier("term plot \"x\"") == "term-plot--x-")
        #expect(ChartSupport.identifier("1st") == "chart-1st")
        #expect(ChartSupport.safeLink("/kwic?q=a:b") == "/kwic?q=a:b")
        #expect(ChartSupport.safeLink("HTTPS://example.org") == "HTTPS://example.org")
        #expect(ChartSupport.safeLink("data:text/html,x") == nil)
        #expect(ChartSupport.safeLink("vbscript:x") == nil)
        #expect(ChartSupport.safeLink("") == nil)
    }

    @Test func labelsAreAbbreviatedWithAnEllipsis() {
        #expect(ChartSupport.abbreviate("Chapter One", to: 20) == "Chapter One")
        #expect(ChartSupport.abbreviate("Chapter Twelve and more", to: 10) == "Chapter T…")
    }
}
