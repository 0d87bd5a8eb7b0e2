import SamizdatModel
import SamizdatReports

/// The workbench's charts, built from report answers: the same SVG is shown in its page and
/// served on its own for download.
enum WorkbenchCharts {
    /// The most hits a dispersion plot draws (the page says when there are more).
    static let plotHitLimit = 2000
    /// The most hits the term page's plot draws across the whole corpus: a bounded summary (the
    /// page says so and links to every hit); within one document every hit up to `plotHitLimit`.
    static let corpusPlotHitLimit = 500

    /// A dispersion plot: with a document, one strip per chapter; otherwise one strip per
    /// document with hits (in corpus order), each hit a mark linking to it in the reader.
    static func dispersion(_ response: DispersionResponse, documents: [DocumentSummary], documentID: String?) -> DispersionPlot {
        let quoted = "“\(response.term)”"
        let summary = dispersionSummary(response, byChapter: documentID != nil)
        if documentID != nil {
            let strips = response.strips.enumerated().map { index, strip in
                DispersionPlot.Strip(
                    label: strip.chapter ?? "Before the first chapter",
                    size: strip.tokens,
                    marks: response.hits.filter { $0.strip == index }.map { hit in
                        DispersionPlot.Mark(token: hit.stripPosition ?? 0, href: readerLink(hit), title: markTitle(hit, withChapter: false))
                    }
                )
            }
            let title = documents.first { $0.id == response.hits.first?.document || $0.id == documentID || $0.source == documentID }
            let name = title.map { $0.title.isEmpty ? $0.id : $0.title } ?? (documentID ?? "")
            return DispersionPlot(title: "Dispersion of \(quoted) in \(name), by chapter", strips: strips, summary: summary)
        }
        var order: [String] = []
        var marks: [String: [DispersionPlot.Mark]] = [:]
        for hit in response.hits {
            if marks[hit.document] == nil {
                order.append(hit.document)
            }
            marks[hit.document, default: []].append(
                DispersionPlot.Mark(token: hit.token, href: readerLink(hit), title: markTitle(hit, withChapter: true))
            )
        }
        let byID = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let strips = order.map { identifier in
            let document = byID[identifier]
            let label = document.map { $0.title.isEmpty ? $0.id : $0.title } ?? identifier
            let size = document?.tokens ?? 0
            return DispersionPlot.Strip(label: label, size: size, marks: marks[identifier] ?? [])
        }
        return DispersionPlot(title: "Dispersion of \(quoted) across the documents", strips: strips, summary: summary)
    }

    /// "D = 0.81, DP = 0.14 over 12 chapters".
    static func dispersionSummary(_ response: DispersionResponse, byChapter: Bool) -> String {
        let measures = byChapter ? response.chapters : response.documents
        let over = byChapter ? "chapters" : "documents"
        var parts: [String] = []
        if let juilland = measures.juillandD {
            parts.append("D = " + ChartSupport.decimal(juilland, fractionDigits: 3))
        }
        if let dp = measures.dp {
            parts.append("DP = " + ChartSupport.decimal(dp, fractionDigits: 3))
        }
        var text = parts.joined(separator: ", ")
        text += (text.isEmpty ? "" : " ") + "over \(ChartSupport.count(measures.parts)) \(over)"
        if response.truncated {
            text += "; the first \(ChartSupport.count(response.hits.count)) of \(ChartSupport.count(response.frequency)) hits drawn"
        }
        return text
    }

    /// The hit's place in the reader: its paragraph, or its note.
    static func readerLink(_ hit: DispersionHit) -> String {
        let base = "/documents/" + Figures.path(hit.document)
        if let note = hit.note {
            return base + "#note-\(note + 1)"
        }
        if let paragraph = hit.paragraph {
            return base + "#para-\(paragraph)"
        }
        return base
    }

    /// "p. 205 · CHAPTER ONE" (a note hit says so).
    static func markTitle(_ hit: DispersionHit, withChapter: Bool) -> String {
        var parts: [String] = []
        if let page = hit.page, !page.isEmpty {
            parts.append("p. \(page)")
        }
        if hit.region == .note {
            parts.append("in a note")
        }
        if withChapter, let chapter = hit.chapter {
            parts.append(chapter)
        }
        return parts.joined(separator: " · ")
    }

    /// The trend of the term(s) across chapters or documents.
    static func trends(_ response: TrendsResponse) -> TrendsChart {
        let byChapter = response.across == .chapters
        let categories = response.rows.map { row in
            byChapter ? (row.chapter ?? "Before the first chapter") : (row.title.isEmpty ? row.document : row.title)
        }
        let series = response.terms.enumerated().map { index, term in
            TrendsChart.Series(
                name: term,
                values: response.rows.map { row in
                    row.tokens > 0 && index < row.perTenThousand.count ? row.perTenThousand[index] : nil
                }
            )
        }
        let names = response.terms.map { "“\($0)”" }.joined(separator: ", ")
        return TrendsChart(
            title: "\(names) across the \(byChapter ? "chapters" : "documents")",
            categories: categories,
            series: series,
            categoryAxisLabel: byChapter ? "Chapter, in reading order" : "Document, in the order they were indexed",
            identifier: "trends-chart"
        )
    }

    /// The most frequent words of the corpus, each bar linking to the word's term page.
    static func frequentWords(_ response: WordListResponse) -> FrequencyBars {
        FrequencyBars(
            title: "The \(response.entries.count) most frequent words (stoplist applied)",
            bars: response.entries.map { entry in
                FrequencyBars.Bar(label: entry.term, count: entry.frequency, href: "/term" + Figures.query([("q", entry.term)]))
            },
            summary: "\(ChartSupport.count(response.tokens)) words, \(ChartSupport.count(response.types)) distinct",
            identifier: "frequent-words"
        )
    }
}
