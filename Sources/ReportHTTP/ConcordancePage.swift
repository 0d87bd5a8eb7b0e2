import SamizdatModel
import SamizdatReports

/// The concordance: every occurrence as left / node / right, sortable by the words around the
/// node (L3…R3), paged, each line's page and chapter linking to its place in the reader.
struct ConcordancePage: Sendable {
    struct SortLink: Sendable {
        var label: String
        var href: String
        var isCurrent: Bool
        var description: String
    }

    struct Line: Sendable {
        var left: String
        var match: String
        var right: String
        var title: String
        var location: String
        var href: String
    }

    var chrome: Chrome
    var query: String
    var documentID: String?
    var hasQuery: Bool
    var error: QueryErrorView?
    var sort: String
    var context: Int
    var leftSorts: [SortLink]
    var rightSorts: [SortLink]
    var documentSort: SortLink
    var lines: [Line]
    var hasLines: Bool
    var pager: Pager?
    var total: String
    var csvHref: String
    var jsonHref: String
    var termHref: String?

    static let defaultLimit = 50
    static let defaultContext = 5

    init(
        query: String,
        documentID: String?,
        sort: ConcordanceSort,
        context: Int,
        offset: Int,
        limit: Int,
        response: KWICResponse?,
        error: ProtocolError?
    ) {
        chrome = Chrome(title: query.isEmpty ? "Concordance" : "Concordance of \(query)", isConcordance: true, query: query)
        self.query = query
        self.documentID = documentID
        hasQuery = !query.isEmpty
        self.error = error.map { QueryErrorView(query: query, error: $0) }
        self.sort = sort.rawValue
        self.context = context
        let parameters: (ConcordanceSort, Int) -> [(String, String)] = { order, start in
            [
                ("q", query), ("doc", documentID ?? ""), ("sort", order == .document ? "" : order.rawValue),
                ("context", context == Self.defaultContext ? "" : String(context)), ("offset", start == 0 ? "" : String(start)),
                ("limit", limit == Self.defaultLimit ? "" : String(limit)),
            ]
        }
        let link: (ConcordanceSort, String, String) -> SortLink = { order, label, description in
            SortLink(label: label, href: "/concordance" + Figures.query(parameters(order, 0)), isCurrent: order == sort, description: description)
        }
        leftSorts = [link(.left3, "L3", "third word left"), link(.left2, "L2", "second word left"), link(.left1, "L1", "first word left")]
        rightSorts = [link(.right1, "R1", "first word right"), link(.right2, "R2", "second word right"), link(.right3, "R3", "third word right")]
        documentSort = link(.document, "Corpus order", "document, then position")
        lines = (response?.lines ?? []).map { line in
            Line(
                left: line.left,
                match: line.match,
                right: line.right,
                title: line.title.isEmpty ? line.documentID : line.title,
                location: Self.location(line),
                href: "/documents/" + Figures.path(line.documentID) + HTMLPage.anchor(paragraph: line.paragraph, note: line.note)
            )
        }
        hasLines = !lines.isEmpty
        total = Figures.grouped(response?.total ?? 0)
        pager = response.map { response in
            Pager(offset: offset, limit: limit, shown: response.lines.count, total: response.total) { start in
                "/concordance" + Figures.query(parameters(sort, start))
            }
        }
        let current = Figures.query(parameters(sort, offset))
        csvHref = "/concordance.csv" + current
        jsonHref = "/concordance.json" + current
        termHref = TermLink.href(query: query, documentID: documentID)
    }

    /// "CHAPTER ONE · p. 47 · ¶ 5".
    static func location(_ line: ConcordanceLine) -> String {
        var parts: [String] = []
        if let chapter = line.chapter ?? line.section {
            parts.append(chapter)
        }
        if let note = line.note {
            parts.append("note \(note.label)" + (line.page.flatMap { $0.isEmpty ? nil : " (p. \($0))" } ?? ""))
            return parts.joined(separator: " · ")
        }
        if let page = line.page, !page.isEmpty {
            parts.append("p. \(page)")
        }
        parts.append("¶ \(line.paragraph + 1)")
        return parts.joined(separator: " · ")
    }

    static func table(_ response: KWICResponse) -> CSVTable {
        var table = CSVTable(header: ["document_id", "title", "chapter", "section", "page", "paragraph", "left", "match", "right", "start", "end"])
        for line in response.lines {
            table.append([
                line.documentID, line.title, line.chapter ?? "", line.section ?? "", line.page ?? "", String(line.paragraph),
                line.left, line.match, line.right, String(line.start), String(line.end),
            ])
        }
        return table
    }
}
