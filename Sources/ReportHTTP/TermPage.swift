import SamizdatModel
import SamizdatReports

/// The term page: a word's frequency and range, its dispersion plot (a strip per document, or
/// per chapter of a chosen document, a mark per hit linking to it in the reader), Juilland's D
/// and Gries' DP, its trend across chapters or documents, its collocates (sortable by every
/// measure, each leading to the concordance of node and collocate) and its clusters.
struct TermPage: Sendable {
    struct MeasureRow: Sendable {
        var over: String
        var parts: String
        var range: String
        var juillandD: String
        var dp: String
        var dpNorm: String
    }

    struct CollocateRow: Sendable {
        var collocate: String
        var concordanceHref: String
        var termHref: String
        var values: [String]
    }

    struct ClusterRow: Sendable {
        var words: String
        var concordanceHref: String
        var frequency: String
        var range: String
    }

    struct Downloads: Sendable {
        var csv: String
        var json: String
        var svg: String?
    }

    /// What the page shows once a term is given.
    struct Report: Sendable {
        var frequency: String
        var perMillion: String
        var occurs: Bool
        var range: String
        var documentsInScope: String
        var tokens: String
        var measures: [MeasureRow]
        var dispersionSVG: String
        /// Said when the plot draws only the first hits (see `WorkbenchCharts.corpusPlotHitLimit`).
        var plotNote: String?
        var dispersionDownloads: Downloads
        var trendsSVG: String
        var trendsDownloads: Downloads
        var byChapter: Bool
        var collocateHeaders: [SortHeader]
        var collocates: [CollocateRow]
        /// The collocates' rows as HTML (13 figures a row: a template section per cell cost a
        /// reflection lookup each).
        var collocatesHTML: String
        var hasCollocates: Bool
        var collocateCount: String
        var collocatesDownloads: Downloads
        var clusters: [ClusterRow]
        var hasClusters: Bool
        var clustersDownloads: Downloads
        var concordanceHref: String
        var searchHref: String
        var keywordsHref: String?
    }

    /// The collocate columns after the name: the measure each sorts by (nil: not sortable).
    static let collocateColumns: [(label: String, title: String, measure: CollocationMeasure?)] = [
        ("O11", "co-occurrences in the windows (sorts by frequency)", .frequency),
        ("L", "of them left of the node", nil),
        ("R", "of them right of the node", nil),
        ("C1", "the collocate's frequency in the scope", nil),
        ("E11", "co-occurrences expected by chance", nil),
        ("MI", "mutual information", .mi),
        ("MI3", "cubed mutual information", .mi3),
        ("t", "t-score", .t),
        ("z", "z-score", .z),
        ("G²", "log-likelihood", .g2),
        ("logDice", "logDice", .logDice),
        ("Dice", "Dice coefficient", .dice),
        ("ΔP", "ΔP(collocate | node)", .deltaP),
    ]

    var chrome: Chrome
    var term: String
    var hasTerm: Bool
    var documentID: String?
    var units: [Choice]
    var regions: [Choice]
    var documents: DocumentOptions
    var sort: String
    var report: Report?

    static let clusterLength = 3

    init(
        parameters: AnalysisParameters,
        sort: CollocationMeasure,
        documents: [DocumentSummary],
        dispersion: DispersionResponse?,
        trends: TrendsResponse?,
        collocates: CollocatesResponse?,
        clusters: NGramsResponse?
    ) {
        chrome = Chrome(title: parameters.term.isEmpty ? "Term" : "Term: \(parameters.term)", isTerm: true)
        term = parameters.term
        hasTerm = !parameters.term.isEmpty
        documentID = parameters.documentID
        units = parameters.unitChoices
        regions = parameters.regionChoices
        self.documents = AnalysisParameters.documentChoices(documents, selected: parameters.documentID)
        self.sort = sort.rawValue
        guard let dispersion, let trends else {
            report = nil
            return
        }
        report = Self.report(parameters, sort: sort, documents: documents, dispersion, trends, collocates, clusters)
    }

    static func report(
        _ parameters: AnalysisParameters,
        sort: CollocationMeasure,
        documents: [DocumentSummary],
        _ dispersion: DispersionResponse,
        _ trends: TrendsResponse,
        _ collocates: CollocatesResponse?,
        _ clusters: NGramsResponse?
    ) -> Report {
        let byChapter = parameters.documentID != nil
        let measures = [("documents", dispersion.documents), ("chapters", dispersion.chapters), ("equal parts", dispersion.equalParts)]
            .map { over, measures in
                MeasureRow(
                    over: over,
                    parts: Figures.grouped(measures.parts),
                    range: Figures.grouped(measures.range),
                    juillandD: measures.juillandD.map { ChartSupport.decimal($0, fractionDigits: 4) } ?? "–",
                    dp: measures.dp.map { ChartSupport.decimal($0, fractionDigits: 4) } ?? "–",
                    dpNorm: measures.dpNorm.map { ChartSupport.decimal($0, fractionDigits: 4) } ?? "–"
                )
            }
        let plot = WorkbenchCharts.dispersion(dispersion, documents: documents, documentID: parameters.documentID)
        let chart = WorkbenchCharts.trends(trends)
        let node = AnalysisParameters.queryWord(collocates?.node ?? parameters.term, unit: parameters.unit)
        let span = max(collocates?.left ?? 5, collocates?.right ?? 5) - 1
        let headers = collocateColumns.map { column in
            SortHeader(
                label: column.label,
                title: column.title,
                href: column.measure.map { "/term" + Figures.query(parameters.pairs([("sort", $0 == .g2 ? "" : $0.rawValue)])) },
                ariaSort: column.measure == sort ? "descending" : "none"
            )
        }
        let rows = (collocates?.entries ?? []).map { entry in
            let collocateWord = AnalysisParameters.queryWord(entry.collocate, unit: parameters.unit)
            return CollocateRow(
                collocate: entry.collocate,
                concordanceHref: "/concordance"
                    + Figures.query([("q", "\(node) NEAR/\(max(span, 0)) \(collocateWord)"), ("doc", parameters.documentID ?? "")]),
                termHref: "/term" + Figures.query(parameters.pairs().map { $0.0 == "q" ? ("q", entry.collocate) : $0 }),
                values: [
                    Figures.grouped(entry.cooccurrences), Figures.grouped(entry.left), Figures.grouped(entry.right),
                    Figures.grouped(entry.collocateFrequency), ChartSupport.decimal(entry.expected, fractionDigits: 2),
                    ChartSupport.decimal(entry.mi, fractionDigits: 2), ChartSupport.decimal(entry.mi3, fractionDigits: 2),
                    ChartSupport.decimal(entry.tScore, fractionDigits: 2), ChartSupport.decimal(entry.zScore, fractionDigits: 2),
                    ChartSupport.decimal(entry.logLikelihood, fractionDigits: 2), ChartSupport.decimal(entry.logDice, fractionDigits: 2),
                    ChartSupport.decimal(entry.dice, fractionDigits: 4), ChartSupport.decimal(entry.deltaPCollocateGivenNode, fractionDigits: 4),
                ]
            )
        }
        let clusterRows = (clusters?.entries ?? []).map { entry in
            let phrase = entry.words.joined(separator: " ")
            return ClusterRow(
                words: phrase,
                concordanceHref: "/concordance" + Figures.query([("q", "\"\(phrase)\""), ("doc", parameters.documentID ?? "")]),
                frequency: Figures.grouped(entry.frequency),
                range: Figures.grouped(entry.range)
            )
        }
        let scope = parameters.scopePairs
        let sortPair = [("sort", sort == .g2 ? "" : sort.rawValue)]
        // the hit lists downloaded hold every hit (the API's default stops at 1,000)
        let everyHit = dispersion.frequency > 1000 ? [("hit_limit", String(min(dispersion.frequency, 1_000_000)))] : []
        return Report(
            frequency: Figures.grouped(dispersion.frequency),
            perMillion: ChartSupport.measure(dispersion.perMillion),
            occurs: dispersion.frequency > 0,
            range: Figures.grouped(dispersion.documents.range),
            documentsInScope: Figures.grouped(dispersion.documents.parts),
            tokens: Figures.grouped(dispersion.tokens),
            measures: measures,
            dispersionSVG: plot.render(),
            plotNote: dispersion.truncated
                ? "The plot draws the first \(Figures.grouped(dispersion.hits.count)) of \(Figures.grouped(dispersion.frequency)) occurrences, in corpus order; the downloads below list every one, and a document chosen above plots each of its own."
                : nil,
            dispersionDownloads: Downloads(
                csv: "/api/dispersion" + Figures.query([("term", parameters.term)] + scope + everyHit + [("format", "csv")]),
                json: "/api/dispersion" + Figures.query([("term", parameters.term)] + scope + everyHit),
                svg: "/term/dispersion.svg" + Figures.query(parameters.pairs())
            ),
            trendsSVG: chart.render(),
            trendsDownloads: Downloads(
                csv: "/api/trends"
                    + Figures.query([("terms", parameters.term)] + scope + [("across", byChapter ? "chapters" : ""), ("format", "csv")]),
                json: "/api/trends" + Figures.query([("terms", parameters.term)] + scope + [("across", byChapter ? "chapters" : "")]),
                svg: "/term/trends.svg" + Figures.query(parameters.pairs())
            ),
            byChapter: byChapter,
            collocateHeaders: headers,
            collocates: rows,
            collocatesHTML: html(rows),
            hasCollocates: !rows.isEmpty,
            collocateCount: Figures.grouped(collocates?.collocates ?? 0),
            collocatesDownloads: Downloads(
                csv: "/api/collocates" + Figures.query([("node", parameters.term)] + scope + sortPair + [("format", "csv")]),
                json: "/api/collocates" + Figures.query([("node", parameters.term)] + scope + sortPair),
                svg: nil
            ),
            clusters: clusterRows,
            hasClusters: !clusterRows.isEmpty,
            clustersDownloads: Downloads(
                csv: "/api/ngrams"
                    + Figures.query(
                        [("n", String(clusterLength)), ("node", parameters.term), ("min_frequency", "2")] + scope + [("format", "csv")]
                    ),
                json: "/api/ngrams" + Figures.query([("n", String(clusterLength)), ("node", parameters.term), ("min_frequency", "2")] + scope),
                svg: nil
            ),
            concordanceHref: "/concordance"
                + Figures.query([("q", AnalysisParameters.queryWord(parameters.term, unit: parameters.unit)), ("doc", parameters.documentID ?? "")]),
            searchHref: "/search"
                + Figures.query([("q", AnalysisParameters.queryWord(parameters.term, unit: parameters.unit)), ("doc", parameters.documentID ?? "")]),
            keywordsHref: parameters.documentID.map { "/keywords" + Figures.query([("doc", $0)]) }
        )
    }

    /// The collocates table's rows: the collocate linking to the concordance of both words, a
    /// link to its own term page, and its figures.
    static func html(_ rows: [CollocateRow]) -> String {
        var out = ""
        out.reserveCapacity(rows.count * 600)
        for row in rows {
            let collocate = HTMLPage.escape(row.collocate)
            out += "<tr><td><a href=\"\(HTMLPage.escape(row.concordanceHref))\">\(collocate)</a> "
            out += "<a class=\"term-link\" href=\"\(HTMLPage.escape(row.termHref))\" title=\"term page of \(collocate)\">↗</a></td>"
            for value in row.values {
                out += "<td class=\"n\">\(HTMLPage.escape(value))</td>"
            }
            out += "</tr>\n"
        }
        return out
    }

    /// The requests the page makes for a term.
    static func requests(
        _ parameters: AnalysisParameters,
        sort: CollocationMeasure
    ) -> (
        DispersionRequest, TrendsRequest, CollocatesRequest, NGramsRequest
    ) {
        let scope = parameters.scope
        return (
            DispersionRequest(
                term: parameters.term,
                unit: parameters.unit,
                scope: scope,
                hitLimit: parameters.documentID == nil ? WorkbenchCharts.corpusPlotHitLimit : WorkbenchCharts.plotHitLimit
            ),
            TrendsRequest(
                terms: [parameters.term],
                unit: parameters.unit,
                scope: scope,
                across: parameters.documentID == nil ? .documents : .chapters
            ),
            CollocatesRequest(node: parameters.term, unit: parameters.unit, scope: scope, sort: sort, limit: 50),
            NGramsRequest(n: clusterLength, unit: parameters.unit, scope: scope, minFrequency: 2, node: parameters.term, limit: 25)
        )
    }
}
