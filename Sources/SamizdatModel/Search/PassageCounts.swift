/// A query's matching passages counted by document and chapter: what the search page's counts
/// table shows, answered by index beside a search (`SearchRequest.counts`) without a hit being
/// built. Across the corpus, chapters are counted for a query with at most
/// `chapterPassageLimit` passages, else a row per document (the first `documentLimit` documents
/// by their best passage); within one document always by chapter, over its `passageLimit` most
/// relevant passages.
public struct PassageCounts: Codable, Sendable, Hashable {
    /// One row: a chapter of a document (or a whole document when counting by document), with
    /// the passage a link leads to.
    public struct Row: Codable, Sendable, Hashable {
        public var documentID: String
        /// The document's title, or its id when it has none.
        public var title: String
        /// The chapter (else the innermost section) holding the passages; empty outside every
        /// section, and when counting by document.
        public var chapter: String
        public var passages: Int
        /// The row's first body paragraph; when all its passages are in notes, its first note's
        /// index. By document: the best passage's paragraph (or note index).
        public var firstParagraph: Int
        /// `firstParagraph` is a note's index: every passage of the row is in a note (by
        /// document: the best passage is).
        public var inNote: Bool

        public init(documentID: String, title: String, chapter: String, passages: Int, firstParagraph: Int, inNote: Bool) {
            self.documentID = documentID
            self.title = title
            self.chapter = chapter
            self.passages = passages
            self.firstParagraph = firstParagraph
            self.inNote = inNote
        }

        enum CodingKeys: String, CodingKey {
            case title, chapter, passages
            case documentID = "document_id"
            case firstParagraph = "first_paragraph"
            case inNote = "in_note"
        }
    }

    /// A passage to count: where it is, in the order of relevance.
    public struct Passage: Sendable, Hashable {
        public var documentID: String
        public var title: String
        public var chapter: String
        /// Its paragraph index, or for a passage in a note the note's index.
        public var paragraph: Int
        public var inNote: Bool

        public init(documentID: String, title: String, chapter: String, paragraph: Int, inNote: Bool) {
            self.documentID = documentID
            self.title = title
            self.chapter = chapter
            self.paragraph = paragraph
            self.inNote = inNote
        }
    }

    /// How much is counted.
    public struct Limits: Sendable, Hashable {
        /// Passages counted at most by chapter (the most relevant); more make the counts partial.
        public var passages: Int
        /// Across the corpus, chapters are counted for a query with at most this many passages;
        /// above it, passages are counted per document.
        public var chapterPassages: Int
        /// Documents listed at most when counting by document (those with the best passages).
        public var documents: Int

        public init(passages: Int, chapterPassages: Int, documents: Int) {
            self.passages = passages
            self.chapterPassages = chapterPassages
            self.documents = documents
        }

        /// The search page's.
        public static let standard = Limits(passages: 10_000, chapterPassages: 2_000, documents: 1_000)
    }

    /// Passages counted at most; a document with more says its counts are partial.
    public static let passageLimit = Limits.standard.passages
    /// Across the corpus, chapters are counted for a query with at most this many passages.
    public static let chapterPassageLimit = Limits.standard.chapterPassages
    /// Documents listed at most when counting by document.
    public static let documentLimit = Limits.standard.documents

    public var totalPassages: Int
    public var totalDocuments: Int
    /// True: a row per chapter; false: a row per document.
    public var byChapter: Bool
    /// Not every passage (by chapter) or document (by document) is counted.
    public var partial: Bool
    /// By chapter: by the document's passages (most first), then document id, then where the
    /// chapter's first passage is. By document: by passages (most first), then document id.
    public var rows: [Row]

    public init(totalPassages: Int, totalDocuments: Int, byChapter: Bool, partial: Bool, rows: [Row]) {
        self.totalPassages = totalPassages
        self.totalDocuments = totalDocuments
        self.byChapter = byChapter
        self.partial = partial
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case partial, rows
        case totalPassages = "total_passages"
        case totalDocuments = "total_documents"
        case byChapter = "by_chapter"
    }

    /// True when the counts go by chapter: within a document, or for a query with few passages.
    public static func countsChapters(withinDocument: Bool, totalPassages: Int, limits: Limits = .standard) -> Bool {
        withinDocument || totalPassages <= limits.chapterPassages
    }

    /// Counts by chapter. A row links to its first body passage, else (all of its passages in
    /// notes) to its first note.
    public static func byChapter(_ passages: [Passage], totalPassages: Int, totalDocuments: Int) -> PassageCounts {
        struct Key: Hashable {
            var documentID: String
            var chapter: String
        }
        var rowsByKey: [Key: Row] = [:]
        var perDocument: [String: Int] = [:]
        for passage in passages {
            let key = Key(documentID: passage.documentID, chapter: passage.chapter)
            perDocument[passage.documentID, default: 0] += 1
            guard var row = rowsByKey[key] else {
                rowsByKey[key] = Row(
                    documentID: passage.documentID,
                    title: passage.title.isEmpty ? passage.documentID : passage.title,
                    chapter: passage.chapter,
                    passages: 1,
                    firstParagraph: passage.paragraph,
                    inNote: passage.inNote
                )
                continue
            }
            row.passages += 1
            if !passage.inNote {
                row.firstParagraph = row.inNote ? passage.paragraph : min(row.firstParagraph, passage.paragraph)
                row.inNote = false
            } else if row.inNote {
                row.firstParagraph = min(row.firstParagraph, passage.paragraph)
            }
            rowsByKey[key] = row
        }
        let rows = rowsByKey.values.sorted { first, second in
            let firstTotal = perDocument[first.documentID] ?? 0
            let secondTotal = perDocument[second.documentID] ?? 0
            if firstTotal != secondTotal {
                return firstTotal > secondTotal
            }
            if first.documentID != second.documentID {
                return first.documentID < second.documentID
            }
            if first.firstParagraph != second.firstParagraph {
                return first.firstParagraph < second.firstParagraph
            }
            return first.chapter < second.chapter
        }
        return PassageCounts(
            totalPassages: totalPassages,
            totalDocuments: totalDocuments,
            byChapter: true,
            partial: totalPassages > passages.count,
            rows: rows
        )
    }

    /// Counts by document: `documents` holds each document's count of passages and its best
    /// passage (as `paragraph` and `inNote`), in any order.
    public static func byDocument(_ documents: [Row], totalPassages: Int, totalDocuments: Int) -> PassageCounts {
        var rows = documents
        for index in rows.indices where rows[index].title.isEmpty {
            rows[index].title = rows[index].documentID
        }
        rows.sort { first, second in
            if first.passages != second.passages {
                return first.passages > second.passages
            }
            return first.documentID < second.documentID
        }
        return PassageCounts(
            totalPassages: totalPassages,
            totalDocuments: totalDocuments,
            byChapter: false,
            partial: totalDocuments > documents.count,
            rows: rows
        )
    }
}
