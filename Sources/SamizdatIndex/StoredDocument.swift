import Foundation
import GRDB
import SamizdatModel
import SamizdatText

/// A document's metadata, page map and section titles as read back for hits and concordances.
struct StoredDocument {
    var key: Int64
    var id: String
    var version: Int
    var title: String
    var author: String
    var source: String
    var docField: String
    /// The body's paragraphs; the notes' paragraphs follow them (note i at index `bodyParagraphs + i`).
    var bodyParagraphs: Int
    var pages: [PageSpan]
    /// Section index → (title, chapter title).
    var sections: [Int: (title: String, chapter: String?, kind: SectionKind?)]

    static func fetch(_ db: Database, key: Int64) throws -> StoredDocument? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT key, id, version, title, author, source, doc_field, paragraphs, page_map FROM documents WHERE key = ?
                        """
                ),
                arguments: [key]
            )
        else { return nil }
        let pageData: Data = row["page_map"]
        var sections: [Int: (title: String, chapter: String?, kind: SectionKind?)] = [:]
        for s in try Row.fetchAll(db.cachedStatement(sql: "SELECT idx, title, chapter, kind FROM sections WHERE doc = ?"), arguments: [key]) {
            let kind: String = s["kind"]
            sections[s["idx"]] = (s["title"], s["chapter"], SectionKind(rawValue: kind))
        }
        return StoredDocument(
            key: row["key"],
            id: row["id"],
            version: row["version"],
            title: row["title"],
            author: row["author"],
            source: row["source"],
            docField: row["doc_field"],
            bodyParagraphs: row["paragraphs"],
            pages: (try? JSONDecoder().decode([PageSpan].self, from: pageData)) ?? [],
            sections: sections
        )
    }

    /// The printed page label at a clean-text offset.
    func page(at offset: Int) -> String? {
        guard !pages.isEmpty else { return nil }
        var lo = 0
        var hi = pages.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if pages[mid].end <= offset { lo = mid + 1 } else if pages[mid].start > offset { hi = mid - 1 } else { return pages[mid].label }
        }
        // between spans: the page that began last before the offset
        return lo > 0 ? pages[lo - 1].label : pages.first?.label
    }

    func fieldTokens(_ analyzer: Analyzer, chapter: String) -> [QueryField: [Token]] {
        [
            .title: analyzer.tokens(title), .author: analyzer.tokens(author), .doc: analyzer.tokens(docField),
            .chapter: analyzer.tokens(chapter),
        ]
    }
}

/// A paragraph as read back.
struct StoredParagraph {
    var rowID: Int64
    var index: Int
    var kind: ParagraphKind
    var start: Int
    var end: Int
    var section: Int?
    var page: String?
    var lastPage: String?
    var firstSentence: Int
    var sentenceStarts: [Int]
    var chapterField: String
    var text: String

    static let columns = "id, kind, start, \"end\", section, page, last_page, first_sentence, sentence_starts, chapter_field, text"

    init(row: Row) {
        rowID = row[0]
        index = CorpusStore.paragraphIndex(paragraphRowID: rowID)
        let k: String = row[1]
        kind = ParagraphKind(rawValue: k) ?? .body
        start = row[2]
        end = row[3]
        section = row[4]
        page = row[5]
        lastPage = row[6]
        firstSentence = row[7]
        let blob: Data = row[8]
        sentenceStarts = Varint.decode([UInt8](blob))
        chapterField = row[9]
        text = row[10]
    }

    static func fetch(_ db: Database, id: Int64) throws -> StoredParagraph? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM paragraphs WHERE id = ?"), arguments: [id]).map(StoredParagraph.init)
    }

    /// Global sentence index of a paragraph-relative offset.
    func sentence(at offset: Int) -> Int? {
        guard firstSentence >= 0 else { return nil }
        var s = 0
        while s + 1 < sentenceStarts.count, sentenceStarts[s + 1] <= offset { s += 1 }
        return firstSentence + s
    }
}
