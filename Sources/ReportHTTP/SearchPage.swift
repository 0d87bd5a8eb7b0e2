import SamizdatModel
import SamizdatReports

/// The search page: ranked documents with their best passages (the rest behind a disclosure),
/// paging over every result, counts by document and chapter, query help, and a bad query's
/// error shown where it is. With `doc`, the passages of one document, paged.
struct SearchPage: Sendable {
    struct Hit: Sendable {
        var snippet: String
        var location: String
        var href: String
    }

    struct DocumentEntry: Sendable {
        var title: String
        var author: String
        var source: String?
        var readerHref: String
        var passages: String
        var firstHits: [Hit]
        var moreHits: [Hit]
        var hasMore: Bool
        var moreCount: String
        var withinHref: String
    }

    var chrome: Chrome
    var query: String
    var documentID: String
    var withinDocument: Bool
    var hasQuery: Bool
    var error: QueryErrorView?
    var totalPassages: String
    var totalDocuments: String
    var documents: [DocumentEntry]
    var hits: [Hit]
    /// The results as HTML, escaped here: the documents, each with its passages, or the
    /// passages of one document (a template section per hit cost a Mustache lookup per field).
    var resultsHTML: String
    var pager: Pager?
    var counts: [SearchCounts.Row]
    /// The counts table's rows as HTML, escaped here (a template section per row of up to
    /// 1,000 documents cost a Mustache lookup per cell).
    var countsHTML: String
    var hasCounts: Bool
    var countsPartial: Bool
    var countsByChapter: Bool
    var chapterPassageLimit: String
    var countsLimit: String
    var csvHref: String
    var jsonHref: String
    var termHref: String?
    var countsCSVHref: String
    var countsJSONHref: String
    var concordanceHref: String
    var wholeCorpusHref: String

    /// Passages asked for under each document; three show, the rest are behind a disclosure.
    static let passagesPerDocument = 10
    static let passagesShown = 3

    init(query: String, documentID: String?, offset: Int, limit: Int, response: SearchResponse?, counts: SearchCounts?, error: ProtocolError?) {
        chrome = Chrome(title: query.isEmpty ? "Search" : query, isSearch: true, query: query)
        self.query = query
        self.documentID = documentID ?? ""
        withinDocument = documentID != nil
        hasQuery = !query.isEmpty
        self.error = error.map { QueryErrorView(query: query, error: $0) }
        totalPassages = Figures.grouped(response?.totalPassages ?? 0)
        totalDocuments = Figures.grouped(response?.totalDocuments ?? 0)
        let parameters: (Int) -> [(String, String)] = { start in
            [("q", query), ("doc", documentID ?? ""), ("offset", start == 0 ? "" : String(start)), ("limit", String(limit))]
        }
        if let response, documentID == nil {
            documents = response.documents.map { document in
                let hits = document.hits.map(Self.hit)
                return DocumentEntry(
                    title: document.title.isEmpty ? document.documentID : document.title,
                    author: document.author,
                    source: document.source.isEmpty ? nil : document.source,
                    readerHref: "/documents/" + Figures.path(document.documentID),
                    passages: Figures.grouped(document.matchingPassages),
                    firstHits: Array(hits.prefix(Self.passagesShown)),
                    moreHits: Array(hits.dropFirst(Self.passagesShown)),
                    hasMore: hits.count > Self.passagesShown,
                    moreCount: Figures.grouped(hits.count - Self.passagesShown),
                    withinHref: "/search" + Figures.query([("q", query), ("doc", document.documentID)])
                )
            }
            hits = []
            pager = Pager(offset: offset, limit: limit, shown: response.documents.count, total: response.totalDocuments) { start in
                "/search" + Figures.query(parameters(start))
            }
        } else if let response {
            documents = []
            hits = response.hits.map(Self.hit)
            pager = Pager(offset: offset, limit: limit, shown: response.hits.count, total: response.totalPassages) { start in
                "/search" + Figures.query(parameters(start))
            }
        } else {
            documents = []
            hits = []
            pager = nil
        }
        resultsHTML = Self.html(documents) + Self.html(hits) + "\n"
        self.counts = counts?.rows ?? []
        countsHTML = Self.html(self.counts)
        hasCounts = !(counts?.rows.isEmpty ?? true)
        countsPartial = counts?.partial ?? false
        countsByChapter = counts?.byChapter ?? true
        chapterPassageLimit = Figures.grouped(SearchCounts.chapterPassageLimit)
        countsLimit = Figures.grouped(SearchCounts.passageLimit)
        let current = Figures.query(parameters(offset))
        csvHref = "/search.csv" + current
        jsonHref = "/search.json" + current
        termHref = TermLink.href(query: query, documentID: documentID)
        let scope = Figures.query([("q", query), ("doc", documentID ?? "")])
        countsCSVHref = "/search/counts.csv" + scope
        countsJSONHref = "/search/counts.json" + scope
        concordanceHref = "/concordance" + scope
        wholeCorpusHref = "/search" + Figures.query([("q", query)])
    }

    static func hit(_ hit: SearchHit) -> Hit {
        Hit(
            snippet: HTMLPage.highlight(hit),
            location: HTMLPage.location(hit),
            href: "/documents/" + Figures.path(hit.documentID) + HTMLPage.anchor(paragraph: hit.paragraph, note: hit.note)
        )
    }

    /// The documents of the results: each one's heading and figures, its first passages, and
    /// the rest behind a disclosure.
    static func html(_ documents: [DocumentEntry]) -> String {
        var out = ""
        out.reserveCapacity(documents.count * 4_000)
        for document in documents {
            out += "<section class=\"result-document\">\n"
            out += "<h2><a href=\"\(HTMLPage.escape(document.readerHref))\">\(HTMLPage.escape(document.title))</a></h2>\n"
            out += "<p class=\"loc\">\(HTMLPage.escape(document.author))"
            if let source = document.source {
                out += " · " + HTMLPage.escape(source)
            }
            out += " · \(HTMLPage.escape(document.passages)) passages · "
            out += "<a href=\"\(HTMLPage.escape(document.withinHref))\">all passages in this document</a></p>\n"
            out += html(document.firstHits) + "\n"
            if document.hasMore {
                out += "<details><summary>\(HTMLPage.escape(document.moreCount)) more passages</summary>\n"
                out += html(document.moreHits) + "\n"
                out += "</details>\n"
            }
            out += "</section>\n"
        }
        return out
    }

    /// Passages, each its snippet (already HTML, the matches marked) and its location linking to the reader.
    static func html(_ hits: [Hit]) -> String {
        var out = ""
        for hit in hits {
            out += "<div class=\"hit\"><p>\(hit.snippet)</p><p class=\"loc\"><a href=\"\(HTMLPage.escape(hit.href))\">"
            out += HTMLPage.escape(hit.location) + "</a></p></div>"
        }
        return out
    }

    /// The rows of the counts table: the document, its chapter (or every chapter, with a link
    /// to count them) linking to the first passage, and the passages counted.
    static func html(_ rows: [SearchCounts.Row]) -> String {
        var out = ""
        out.reserveCapacity(rows.count * 200)
        for row in rows {
            let chapter: String
            if row.isDocumentTotal {
                chapter = "every chapter"
            } else if row.hasChapter {
                chapter = HTMLPage.escape(row.chapter)
            } else {
                chapter = "(no chapter)"
            }
            out += "<tr><td>\(HTMLPage.escape(row.title))</td><td><a href=\"\(HTMLPage.escape(row.readerHref))\">\(chapter)</a>"
            if let byChapter = row.byChapterHref {
                out += " · <a href=\"\(HTMLPage.escape(byChapter))\">by chapter</a>"
            }
            out += "</td><td class=\"n\">\(row.passages)</td></tr>\n"
        }
        return out
    }

    /// The passages of a response as CSV: the flat list within a document, else each document's passages.
    static func table(_ response: SearchResponse, withinDocument: Bool) -> CSVTable {
        var table = CSVTable(header: ["document_id", "title", "source", "chapter", "section", "page", "paragraph", "score", "snippet"])
        let hits = withinDocument ? response.hits : response.documents.flatMap(\.hits)
        for hit in hits {
            table.append([
                hit.documentID, hit.title, hit.source, hit.chapter ?? "", hit.section ?? "", hit.page ?? "", String(hit.paragraph),
                CSVTable.number(hit.score), hit.snippetText,
            ])
        }
        return table
    }
}
