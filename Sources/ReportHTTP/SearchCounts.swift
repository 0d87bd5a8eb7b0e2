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
    static let passageLimit = PassageCounts.passageLimit
    /// Across the corpus, chapters are counted for a query with at most this many passages;
    /// above it, passages are counted per document. Within one document chapters are always counted.
    static let chapterPassageLimit = PassageCounts.chapterPassageLimit
    /// Documents counted at most when counting by document.
    static let documentLimit = PassageCounts.documentLimit

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

    /// The counts index made beside a search (`SearchRequest.counts`), with each row's links.
    init(query: String, counts: PassageCounts) {
        self.query = query
        totalPassages = counts.totalPassages
        partial = counts.partial
        byChapter = counts.byChapter
        rows = counts.rows.map { counted in
            let anchor = counted.inNote ? "#note-\(counted.firstParagraph + 1)" : "#para-\(counted.firstParagraph)"
            var row = Row(
                documentID: counted.documentID,
                title: counted.title,
                chapter: counted.chapter,
                hasChapter: !counted.chapter.isEmpty,
                passages: counted.passages,
                readerHref: "/documents/" + Figures.path(counted.documentID) + anchor,
                firstParagraph: counted.firstParagraph
            )
            row.hasBodyPassage = !counted.inNote
            if !counts.byChapter {
                row.isDocumentTotal = true
                row.byChapterHref = "/search" + Figures.query([("q", query), ("doc", counted.documentID)])
            }
            return row
        }
    }

    // MARK: from an index that does not count (protocol 1 before 2026-12-03)

    /// The request that lists every passage cheaply (no snippets), or with many passages across
    /// the corpus every document with its count of passages: how the counts are made when
    /// index's answer has none.
    static func request(query: String, documentID: String?, totalPassages: Int, totalDocuments: Int) -> SearchRequest {
        guard PassageCounts.countsChapters(withinDocument: documentID != nil, totalPassages: totalPassages) else {
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
        let counts: PassageCounts
        if PassageCounts.countsChapters(withinDocument: documentID != nil, totalPassages: response.totalPassages) {
            let passages = response.hits.map { hit in
                PassageCounts.Passage(
                    documentID: hit.documentID,
                    title: hit.title,
                    chapter: hit.chapter ?? hit.section ?? "",
                    paragraph: hit.paragraph,
                    inNote: hit.note != nil
                )
            }
            counts = PassageCounts.byChapter(passages, totalPassages: response.totalPassages, totalDocuments: response.totalDocuments)
        } else {
            let documents = response.documents.map { document in
                PassageCounts.Row(
                    documentID: document.documentID,
                    title: document.title,
                    chapter: "",
                    passages: document.matchingPassages,
                    firstParagraph: document.hits.first?.paragraph ?? 0,
                    inNote: document.hits.first?.note != nil
                )
            }
            counts = PassageCounts.byDocument(documents, totalPassages: response.totalPassages, totalDocuments: response.totalDocuments)
        }
        self.init(query: query, counts: counts)
    }

    var table: CSVTable {
        var table = CSVTable(header: ["document_id", "title", "chapter", "passages", "first_paragraph"])
        for row in rows {
            table.append([row.documentID, row.title, row.chapter, String(row.passages), String(row.firstParagraph)])
        }
        return table
    }
}
