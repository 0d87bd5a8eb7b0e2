import SamizdatModel
import SamizdatReports

/// A table of keywords (G², p, Log Ratio, %DIFF, BIC), each word linking to its term page.
struct KeywordTable: Sendable {
    struct Row: Sendable {
        var rank: String
        var term: String
        var termHref: String
        var values: [String]
    }

    var caption: String
    var identifier: String
    var headers: [SortHeader]
    var rows: [Row]
    var hasRows: Bool
    var csvHref: String
    var jsonHref: String

    /// The columns after the word: label, explanation, the sort it stands for.
    static let columns: [(label: String, title: String, sort: KeywordSort?)] = [
        ("Freq.", "occurrences in the target (sorts by frequency)", .frequency),
        ("Ref. freq.", "occurrences in the reference", nil),
        ("Per million", "in the target", nil),
        ("Ref. per million", "in the reference", nil),
        ("G²", "log-likelihood (Dunning 1993)", .g2),
        ("p", "p-value of G² (1 degree of freedom)", nil),
        ("Log Ratio", "binary log of the ratio of relative frequencies (Hardie 2014)", .logRatio),
        ("%DIFF", "percentage difference of relative frequencies", .percentDiff),
        ("BIC", "Bayesian information criterion", .bic),
    ]

    /// `sortHref` makes the page's address sorted by a measure; `termHref` a word's term page.
    init(
        caption: String,
        identifier: String,
        entries: [KeywordEntry],
        sort: KeywordSort?,
        sortHref: ((KeywordSort) -> String)?,
        termHref: (String) -> String,
        csvHref: String,
        jsonHref: String
    ) {
        self.caption = caption
        self.identifier = identifier
        headers = Self.columns.map { column in
            SortHeader(
                label: column.label,
                title: column.title,
                href: sortHref.flatMap { link in column.sort.map(link) },
                ariaSort: column.sort != nil && column.sort == sort ? "descending" : "none"
            )
        }
        rows = entries.map { entry in
            Row(
                rank: Figures.grouped(entry.rank),
                term: entry.term,
                termHref: termHref(entry.term),
                values: [
                    Figures.grouped(entry.frequency), Figures.grouped(entry.referenceFrequency), ChartSupport.measure(entry.perMillion),
                    ChartSupport.measure(entry.referencePerMillion), ChartSupport.decimal(entry.g2, fractionDigits: 2),
                    Self.pValue(entry.pValue), ChartSupport.decimal(entry.logRatio, fractionDigits: 2),
                    ChartSupport.decimal(entry.percentDiff, fractionDigits: 1), ChartSupport.decimal(entry.bic, fractionDigits: 2),
                ]
            )
        }
        hasRows = !rows.isEmpty
        self.csvHref = csvHref
        self.jsonHref = jsonHref
    }

    /// A p-value as people read it: "< 0.0001" below that, else four decimals.
    static func pValue(_ value: Double) -> String {
        value < 0.0001 ? "< 0.0001" : ChartSupport.decimal(value, fractionDigits: 4)
    }
}
