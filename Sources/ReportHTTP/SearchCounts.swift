import SamizdatModel
import SamizdatReports

/// Matching passages counted by document and chapter, over every passage of a query
/// (up to `passageLimit`, the most relevant first).
struct SearchCounts: Sendable, Encodable {
    struct Row: Sendable, Encodable {
        var documentID: String
        var title: String
        var chapter: String
        var hasChapter: Bool
        var passages: Int
        var readerHref: String
        var firstParagraph: Int
        /// Some passage of the row is in the body (else all are in notes).
        var hasBodyPassage = false
        /// The row counts the whole document (chapters are not counted for this query).
        var isDocumentTotal = false
        /// For a document's total: the search within that document, which counts its chapters.
        var byChapterHref: String?

        enum CodingKeys: String, CodingKey {
            case title, chapter, passages
            case documentID = "document_id"
            case firstParagraph = "first_paragraph"
        }
    }

    /// Passages counted at most; a query with more says its counts are partial.
    static let passageLimit = 10_000
    /// Across the corpus, chapters are counted for a query with at most this many passages (each
    /// passage is read back to find its chapter); above it, passages are counted per document,
    /// exactly, from the ranking alone. Within one document chapters are always counted.
    static let chapterPassageLimit = 2_000
    /// Documents counted at most when counting by document.
    static let documentLimit = 1_000

    /// True when the counts go by chapter: within a document, or for a query with few passages.
    static func countsChapters(documentID: String?, totalPassages: Int) -> Bool {
        documentID != nil || totalPassages <= chapterPassageLimit
    }

    var query: String
    var totalPassages: Int
    var partial: Bool
    var byChapter: Bool
    var rows: [Row]

    enum CodingKeys: String, CodingKey {
        case query, partial, rows
        case totalPassages = "total_passages"
        case byChapter = "by_chapter"
    }

    /// The request that lists every passage cheaply (no snippets), or with many passages across
    /// the corpus every document with its count of passages.
    static func request(query: String, documentID: String?, totalPassages: Int, totalDocuments: Int) -> SearchRequest {
        guard countsChapters(documentID: documentID, totalPassages: totalPassages) else {
            return SearchRequest(
                query: query,
                documentID: nil,
                limit: min(max(totalDocuments, 1), documentLimit),
                offset: 0,
                passagesPerDocument: 1,
                highlight: false
            )
        }
        return SearchRequest(
            query: query,
            documentID: documentID,
            limit: min(max(totalPassages, 1), passageLimit),
            offset: 0,
            passagesPerDocument: 1,
            highlight: false
        )
    }

    /// The counts from `request`'s answer: by chapter when it listed every passage, else by document.
    init(query: String, documentID: String?, response: SearchResponse) {
        guard !Self.countsChapters(documentID: documentID, totalPassages: response.totalPassages) else {
            self.init(query: query, response: response)
            return
        }
        var rows: [Row] = []
        for document in response.documents {
            let first: SearchHit? = document.hits.first
            let title: String = document.title.isEmpty ? document.documentID : document.title
            var anchor = ""
            if let first {
                anchor = HTMLPage.anchor(paragraph: first.paragraph, note: first.note)
            }
            let readerHref: String = "/documents/" + Figures.path(document.documentID) + anchor
            let byChapterHref: String = "/search" + Figures.query([("q", query), ("doc", document.documentID)])
            var row = Row(
                documentID: document.documentID,
                title: title,
                chapter: "",
                hasChapter: false,
                passages: document.matchingPassages,
                readerHref: readerHref,
                firstParagraph: first?.paragraph ?? 0
            )
            row.hasBodyPassage = first?.note == nil
            row.isDocumentTotal = true
            row.byChapterHref = byChapterHref
            rows.append(row)
        }
        rows.sort { first, second in
            if first.passages != second.passages {
                return first.passages > second.passages
            }
            return first.documentID < second.documentID
        }
        self.init(
            query: query,
            totalPassages: response.totalPassages,
            partial: response.totalDocuments > response.documents.count,
            byChapter: false,
            rows: rows
        )
    }

    init(query: String, totalPassages: Int, partial: Bool, byChapter: Bool, rows: [Row]) {
        self.query = query
        self.totalPassages = totalPassages
        self.partial = partial
        self.byChapter = byChapter
        self.rows = rows
    }

    /// Rows ordered by the document's passages (most first), then by where the chapter starts.
    init(query: String, response: SearchResponse) {
        self.query = query
        totalPassages = response.totalPassages
        partial = response.totalPassages > response.hits.count
        byChapter = true
        struct Key: Hashable {
            var documentID: String
            var chapter: String
        }
        var rowsByKey: [Key: Row] = [:]
        var perDocument: [String: Int] = [:]
        for hit in response.hits {
            let chapter = hit.chapter ?? hit.section ?? ""
            let key = Key(documentID: hit.documentID, chapter: chapter)
            var row =
                rowsByKey[key]
                ?? Row(
                    documentID: hit.documentID,
                    title: hit.title.isEmpty ? hit.documentID : hit.title,
                    chapter: chapter,
                    hasChapter: !chapter.isEmpty,
                    passages: 0,
                    readerHref: "",
                    firstParagraph: hit.paragraph
                )
            row.passages += 1
            // the row's link: its first body passage, else its first note (a note's `paragraph`
            // is the note's index, not a paragraph's)
            if hit.note == nil {
                row.firstParagraph = row.hasBodyPassage ? min(row.firstParagraph, hit.paragraph) : hit.paragraph
                row.hasBodyPassage = true
                row.readerHref = "/documents/" + Figures.path(hit.documentID) + "#para-\(row.firstParagraph)"
            } else if !row.hasBodyPassage, row.readerHref.isEmpty || hit.paragraph < row.firstParagraph {
                row.firstParagraph = hit.paragraph
                row.readerHref = "/documents/" + Figures.path(hit.documentID) + HTMLPage.anchor(paragraph: hit.paragraph, note: hit.note)
            }
            rowsByKey[key] = row
            perDocument[hit.documentID, default: 0] += 1
        }
        rows = rowsByKey.values.sorted { first, second in
            let firstTotal = perDocument[first.documentID] ?? 0
            let secondTotal = perDocument[second.documentID] ?? 0
            if firstTotal != secondTotal {
                return firstTotal > secondTotal
            }
            if first.documentID != second.documentID {
                return first.documentID < second.documentID
            }
            return first.firstParagraph < second.firstParagraph
        }
    }

    var table: CSVTable {
        var table = CSVTable(header: ["document_id", "title", "chapter", "passages", "first_paragraph"])
        for row in rows {
            table.append([row.documentID, row.title, row.chapter, String(row.passages), String(row.firstParagraph)])
        }
        return table
    }
}
