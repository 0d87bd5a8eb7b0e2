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

        enum CodingKeys: String, CodingKey {
            case title, chapter, passages
            case documentID = "document_id"
            case firstParagraph = "first_paragraph"
        }
    }

    /// Passages counted at most; a query with more says its counts are partial.
    static let passageLimit = 10_000

    var query: String
    var totalPassages: Int
    var partial: Bool
    var rows: [Row]

    enum CodingKeys: String, CodingKey {
        case query, partial, rows
        case totalPassages = "total_passages"
    }

    /// The request that lists every passage cheaply (no snippets).
    static func request(query: String, documentID: String?, totalPassages: Int) -> SearchRequest {
        SearchRequest(
            query: query,
            documentID: documentID,
            limit: min(max(totalPassages, 1), passageLimit),
            offset: 0,
            passagesPerDocument: 1,
            highlight: false
        )
    }

    /// Rows ordered by the document's passages (most first), then by where the chapter starts.
    init(query: String, response: SearchResponse) {
        self.query = query
        totalPassages = response.totalPassages
        partial = response.totalPassages > response.hits.count
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
