import Foundation
import SamizdatModel
import SamizdatReports

/// The corpus page: every document, sortable, each linking to its reader; the corpus summary;
/// and the operators' live strip (backlog, rate, workers).
struct CorpusPage: Sendable {
    /// The columns the table sorts by, as the `sort` parameter names them.
    enum Column: String, Sendable, CaseIterable {
        case title, author, source, pages, words, paragraphs, notes, added
    }

    /// How many words the corpus page's chart shows.
    static let frequentWords = 25

    /// The word list the chart is drawn from: the most frequent words, stoplist applied.
    static func wordListRequest(limit: Int = frequentWords) -> WordListRequest {
        WordListRequest(stoplist: true, limit: limit)
    }

    struct HeaderCell: Sendable {
        var label: String
        var href: String
        var ariaSort: String
        var numeric: Bool
    }

    struct Row: Sendable {
        var id: String
        var title: String
        var author: String
        var source: String
        var pages: String
        var words: String
        var paragraphs: String
        var notes: String
        var added: String
        var addedISO: String
        var readerHref: String
        var keywordsHref: String
    }

    struct Summary: Sendable {
        var documents: String
        var words: String
        var types: String
        var notes: String
        var citations: String
    }

    struct Operations: Sendable {
        var backlog: String
        var indexedPerSecond: String
        var acceptedPerSecond: String
        var workers: String
        var failed: String
    }

    var chrome: Chrome
    var headers: [HeaderCell]
    var rows: [Row]
    /// The table's rows as HTML, escaped here: one template section per row made this page
    /// cost a Mustache lookup per cell (about 150 ms for 500 documents).
    var rowsHTML: String
    var isEmpty: Bool
    var summary: Summary?
    var operations: Operations?
    var unavailable: [String]
    var csvHref: String
    var jsonHref: String
    var sort: String
    var order: String
    var wordsSVG: String?
    var wordsError: String?
    var wordsSVGHref: String
    var wordsCSVHref: String
    var wordsJSONHref: String

    init(
        documents: [DocumentSummary],
        status: SystemStatus,
        sort: Column,
        order: SortOrder,
        words: Result<WordListResponse, ProtocolError>? = nil
    ) {
        chrome = Chrome(title: "Corpus", isCorpus: true)
        let sortedDocuments = Self.sorted(documents, by: sort, order: order)
        headers = Column.allCases.map { column in
            let current = column == sort
            let nextOrder: SortOrder = current ? order.reversed : (Self.isNumeric(column) ? .descending : .ascending)
            return HeaderCell(
                label: Self.label(column),
                href: "/" + Figures.query([("sort", column.rawValue), ("order", nextOrder.rawValue)]),
                ariaSort: current ? (order == .ascending ? "ascending" : "descending") : "none",
                numeric: Self.isNumeric(column)
            )
        }
        rows = sortedDocuments.map(Self.row)
        rowsHTML = Self.html(rows)
        isEmpty = documents.isEmpty
        summary = status.index.map { stats in
            Summary(
                documents: Figures.grouped(stats.documents),
                words: Figures.grouped(stats.tokens),
                types: Figures.grouped(stats.types),
                notes: Figures.grouped(stats.notes),
                citations: Figures.grouped(stats.citations)
            )
        }
        operations = status.pipeline.map { pipeline in
            Operations(
                backlog: Figures.grouped(pipeline.backlog),
                indexedPerSecond: Figures.rate(pipeline.indexedPerSecond),
                acceptedPerSecond: Figures.rate(pipeline.acceptedPerSecond),
                workers: Figures.grouped(pipeline.workers.count),
                failed: Figures.grouped(pipeline.states["failed"] ?? 0)
            )
        }
        unavailable = status.unavailable.keys.sorted().map { "\($0) does not answer" }
        let parameters = Figures.query([("sort", sort.rawValue), ("order", order.rawValue)])
        csvHref = "/corpus.csv" + parameters
        jsonHref = "/corpus.json" + parameters
        self.sort = sort.rawValue
        self.order = order.rawValue
        switch words {
        case .success(let list):
            wordsSVG = list.entries.isEmpty ? nil : WorkbenchCharts.frequentWords(list).render()
            wordsError = nil
        case .failure(let error):
            wordsSVG = nil
            wordsError = "The chart of frequent words is not available: \(error.message)"
        case nil:
            wordsSVG = nil
            wordsError = nil
        }
        let wordList = [("stoplist", "true"), ("limit", String(Self.frequentWords))]
        wordsSVGHref = "/corpus/words.svg"
        wordsCSVHref = "/api/words" + Figures.query(wordList + [("format", "csv")])
        wordsJSONHref = "/api/words" + Figures.query(wordList)
    }

    /// When the document was indexed, in UTC to the minute ("2026-12-03 12:40"); "" when unknown.
    static func added(_ document: DocumentSummary) -> String {
        guard let seconds = document.indexedAt, seconds.isFinite else {
            return ""
        }
        let time = UTCTime(secondsSince1970: seconds)
        return "\(time.date) \(Self.twoDigits(time.hour)):\(Self.twoDigits(time.minute))"
    }

    /// The same instant for a `<time datetime>`: "2026-12-03T12:40:05Z".
    static func addedISO(_ document: DocumentSummary) -> String {
        guard let seconds = document.indexedAt, seconds.isFinite else {
            return ""
        }
        let time = UTCTime(secondsSince1970: seconds)
        return "\(time.date)T\(Self.twoDigits(time.hour)):\(Self.twoDigits(time.minute)):\(Self.twoDigits(time.second))Z"
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    static func row(_ document: DocumentSummary) -> Row {
        Row(
            id: document.id,
            title: document.title.isEmpty ? document.id : document.title,
            author: document.author,
            source: document.source,
            pages: Figures.grouped(document.pages),
            words: Figures.grouped(document.tokens),
            paragraphs: Figures.grouped(document.paragraphs),
            notes: Figures.grouped(document.notes),
            added: added(document),
            addedISO: addedISO(document),
            readerHref: "/documents/" + Figures.path(document.id),
            keywordsHref: "/keywords" + Figures.query([("doc", document.id)])
        )
    }

    /// The rows of the documents' table, as the template once wrote them: a `<tr>` per document
    /// with its title linking to the reader, its keywords link and its figures.
    static func html(_ rows: [Row]) -> String {
        var out = ""
        out.reserveCapacity(rows.count * 480)
        for row in rows {
            out += "<tr data-doc=\"\(HTMLPage.escape(row.id))\"><td><a href=\"\(HTMLPage.escape(row.readerHref))\">"
            out += HTMLPage.escape(row.title)
            out += "</a> <a class=\"term-link\" href=\"\(HTMLPage.escape(row.keywordsHref))\" title=\"keywords of this document\">keywords</a></td>"
            out += "<td>\(HTMLPage.escape(row.author))</td><td>\(HTMLPage.escape(row.source))</td>"
            for figure in [row.pages, row.words, row.paragraphs, row.notes] {
                out += "<td class=\"n\">\(HTMLPage.escape(figure))</td>"
            }
            out += "<td class=\"n\"><time datetime=\"\(HTMLPage.escape(row.addedISO))\">\(HTMLPage.escape(row.added))</time></td></tr>\n"
        }
        return out
    }

    static func label(_ column: Column) -> String {
        switch column {
        case .title: "Title"
        case .author: "Author"
        case .source: "Source"
        case .pages: "Pages"
        case .words: "Words"
        case .paragraphs: "Paragraphs"
        case .notes: "Notes"
        case .added: "Added (UTC)"
        }
    }

    static func isNumeric(_ column: Column) -> Bool {
        switch column {
        case .title, .author, .source: false
        case .pages, .words, .paragraphs, .notes, .added: true
        }
    }

    /// The documents in the asked order; ties keep title order, then id, so the order is stable.
    static func sorted(_ documents: [DocumentSummary], by column: Column, order: SortOrder) -> [DocumentSummary] {
        CorpusOrderCache.shared.sorted(documents, key: column.rawValue + " " + order.rawValue) { documents in
            sortedAnew(documents, by: column, order: order)
        }
    }

    /// `sorted` without the cache.
    static func sortedAnew(_ documents: [DocumentSummary], by column: Column, order: SortOrder) -> [DocumentSummary] {
        documents.sorted { first, second in
            let comparison = compare(first, second, by: column)
            if comparison != 0 {
                return order == .ascending ? comparison < 0 : comparison > 0
            }
            let byTitle = compareText(first.title, second.title)
            if byTitle != 0 {
                return byTitle < 0
            }
            return first.id < second.id
        }
    }

    static func compare(_ first: DocumentSummary, _ second: DocumentSummary, by column: Column) -> Int {
        switch column {
        case .title: compareText(first.title, second.title)
        case .author: compareText(first.author, second.author)
        case .source: compareText(first.source, second.source)
        case .pages: compareNumbers(first.pages, second.pages)
        case .words: compareNumbers(first.tokens, second.tokens)
        case .paragraphs: compareNumbers(first.paragraphs, second.paragraphs)
        case .notes: compareNumbers(first.notes, second.notes)
        case .added: compareNumbers(first.indexedAt ?? 0, second.indexedAt ?? 0)
        }
    }

    static func compareText(_ first: String, _ second: String) -> Int {
        switch first.localizedStandardCompare(second) {
        case .orderedAscending: -1
        case .orderedDescending: 1
        case .orderedSame: 0
        }
    }

    static func compareNumbers<Number: Comparable>(_ first: Number, _ second: Number) -> Int {
        first < second ? -1 : (first > second ? 1 : 0)
    }

    /// The table as CSV: one row per document with every count.
    static func table(_ documents: [DocumentSummary]) -> CSVTable {
        var table = CSVTable(header: [
            "id", "version", "title", "author", "source", "pages", "words", "paragraphs", "sentences",
            "sections", "notes", "citations", "bytes", "indexed_at",
        ])
        for document in documents {
            table.append([
                document.id, String(document.version), document.title, document.author, document.source, String(document.pages),
                String(document.tokens), String(document.paragraphs), String(document.sentences), String(document.sections),
                String(document.notes), String(document.citations), String(document.bytes), addedISO(document),
            ])
        }
        return table
    }
}
