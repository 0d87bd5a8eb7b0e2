import Foundation
import GRDB
import GRDBSQLite
import SamizdatModel
import SamizdatText

extension CorpusStore {
    /// Ranked passage search: BM25 over paragraphs (FTS5), grouped by document.
    /// Throws `QueryError` for a query that does not parse.
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        let node = try parser.parse(request.query)
        let expression = MatchExpression.compile(node)
        let limit = max(0, request.limit), offset = max(0, request.offset)
        let perDocument = max(1, request.passagesPerDocument)
        return try writer.read { db in
            let stems = TokenCapture.of(db).stems
            var range: (Int64, Int64)?
            if let id = request.documentID {
                guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM documents WHERE id = ?", arguments: [id]) else {
                    return SearchResponse(query: request.query, totalPassages: 0, totalDocuments: 0, documents: [], hits: [])
                }
                range = (Self.paragraphRowID(document: key, index: 0), Self.paragraphRowID(document: key + 1, index: 0) - 1)
            }
            var candidates = try self.rankedPassages(db, expression: expression, range: range)
            var verified: [Int64: [TextRangeValue]] = [:]
            if node.hasScope {
                var documents: [Int64: StoredDocument] = [:]
                candidates = try candidates.filter { c in
                    guard let p = try StoredParagraph.fetch(db, id: c.id) else { return false }
                    let key = Self.documentKey(paragraphRowID: c.id)
                    if documents[key] == nil { documents[key] = try self.storedDocuments.document(db, key: key) }
                    guard let d = documents[key], let m = self.matcher(p, d, node, stems).match(node) else { return false }
                    verified[c.id] = m
                    return true
                }
            }

            // One pass: per document its best passages; overall the best passages.
            var groups: [Int64: (best: Double, count: Int, top: [ScoredPassage])] = [:]
            for c in candidates {
                let key = Self.documentKey(paragraphRowID: c.id)
                var g = groups[key] ?? (c.score, 0, [])
                g.count += 1
                g.best = max(g.best, c.score)
                Self.keepBest(&g.top, c, perDocument)
                groups[key] = g
            }
            let orderedDocuments = groups.sorted { $0.value.best != $1.value.best ? $0.value.best > $1.value.best : $0.key < $1.key }
            let pageDocuments = orderedDocuments.dropFirst(offset).prefix(limit)
            let flat = Self.top(candidates, offset + limit).dropFirst(offset)

            var documents: [Int64: StoredDocument] = [:]
            var made: [Int64: SearchHit] = [:]
            func hit(_ c: ScoredPassage) throws -> SearchHit? {
                if let h = made[c.id] { return h }
                let key = Self.documentKey(paragraphRowID: c.id)
                if documents[key] == nil { documents[key] = try self.storedDocuments.document(db, key: key) }
                guard let d = documents[key], let p = try StoredParagraph.fetch(db, id: c.id) else { return nil }
                let h = request.highlight
                    ? self.makeHit(p, d, node: node, score: c.score, known: verified[c.id], words: request.snippetWords, stems: stems)
                    : self.plainHit(p, d, score: c.score)
                made[c.id] = h
                return h
            }
            var grouped: [DocumentHits] = []
            for (key, g) in pageDocuments {
                let hits = try g.top.compactMap(hit)
                guard let d = documents[key] else { continue }
                grouped.append(DocumentHits(documentID: d.id, title: d.title, author: d.author, source: d.source,
                                            score: g.best, matchingPassages: g.count, hits: hits))
            }
            let hits = try flat.compactMap(hit)
            return SearchResponse(query: request.query, totalPassages: candidates.count, totalDocuments: groups.count,
                                  documents: grouped, hits: hits)
        }
    }

    struct ScoredPassage { var id: Int64; var score: Double }

    /// Every passage matching the FTS5 expression with its BM25 score (higher is better).
    func rankedPassages(_ db: Database, expression: String, range: (Int64, Int64)?) throws -> [ScoredPassage] {
        var sql = "SELECT rowid, bm25(passages, 1.0, 0.0, 0.0, 0.0, 0.0) FROM passages WHERE passages MATCH ?"
        var arguments: StatementArguments = [expression]
        if let range {
            sql += " AND rowid BETWEEN ? AND ?"
            arguments += [range.0, range.1]
        }
        var out: [ScoredPassage] = []
        do {
            let statement = try db.cachedStatement(sql: sql)
            try statement.setArguments(arguments)
            // Straight to the C API: this loop runs once per matching passage.
            let handle = statement.sqliteStatement
            defer { sqlite3_reset(handle) }
            while true {
                let rc = sqlite3_step(handle)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                out.append(ScoredPassage(id: sqlite3_column_int64(handle, 0), score: -sqlite3_column_double(handle, 1)))
            }
        } catch let error as DatabaseError {
            throw QueryError(position: 0, message: "the index could not run this query: \(error.message ?? "\(error)")")
        }
        return out
    }

    static func keepBest(_ top: inout [ScoredPassage], _ c: ScoredPassage, _ k: Int) {
        if top.count < k {
            top.append(c)
        } else if let worst = top.last, c.score > worst.score {
            top[top.count - 1] = c
        } else {
            return
        }
        top.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }

    static func top(_ all: [ScoredPassage], _ k: Int) -> [ScoredPassage] {
        guard k > 0 else { return [] }
        var top: [ScoredPassage] = []
        top.reserveCapacity(k + 1)
        for c in all { keepBest(&top, c, k) }
        return top
    }

    func matcher(_ p: StoredParagraph, _ d: StoredDocument, _ node: QueryNode, _ stems: StemCache) -> PassageMatcher {
        matcher(p, d, node, tokens: analyzer.tokens(p.text, cache: stems))
    }

    func matcher(_ p: StoredParagraph, _ d: StoredDocument, _ node: QueryNode, tokens: [Token]) -> PassageMatcher {
        PassageMatcher(tokens: tokens, sentenceStarts: p.sentenceStarts,
                       fields: node.usesFields ? d.fieldTokens(analyzer, chapter: p.chapterField) : [:])
    }

    /// A hit without snippet or matches: located by its paragraph.
    func plainHit(_ p: StoredParagraph, _ d: StoredDocument, score: Double) -> SearchHit {
        let section = p.section.flatMap { d.sections[$0] }
        var pages: [String] = []
        if let pg = p.page { pages.append(pg) }
        if let last = p.lastPage, last != p.page { pages.append(last) }
        return SearchHit(
            documentID: d.id, title: d.title, source: d.source, paragraph: p.index, sentence: p.sentence(at: 0),
            section: section?.title, chapter: section?.chapter, page: p.page, paragraphPages: pages, score: score,
            snippet: "", snippetText: "", snippetMatches: [], matches: [])
    }

    func makeHit(_ p: StoredParagraph, _ d: StoredDocument, node: QueryNode, score: Double,
                 known: [TextRangeValue]?, words: Int, stems: StemCache) -> SearchHit {
        let tokens = analyzer.tokens(p.text, cache: stems)
        let ranges = known ?? matcher(p, d, node, tokens: tokens).match(node) ?? []
        let snippet = Snippet(text: p.text, tokens: tokens, matches: ranges, words: max(1, words))
        let first = ranges.first
        let section = p.section.flatMap { d.sections[$0] }
        var pages: [String] = []
        if let pg = p.page { pages.append(pg) }
        if let last = p.lastPage, last != p.page { pages.append(last) }
        return SearchHit(
            documentID: d.id, title: d.title, source: d.source, paragraph: p.index,
            sentence: p.sentence(at: first?.start ?? 0),
            section: section?.title, chapter: section?.chapter,
            page: first.flatMap { d.page(at: p.start + $0.start) } ?? p.page,
            paragraphPages: pages, score: score,
            snippet: snippet.marked, snippetText: snippet.text, snippetMatches: snippet.matches,
            matches: ranges.map { TextRange(start: p.start + $0.start, end: p.start + $0.end) })
    }
}
