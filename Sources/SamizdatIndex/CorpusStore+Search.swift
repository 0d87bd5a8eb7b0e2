import Foundation
import GRDB
import GRDBSQLite
import SamizdatModel
import SamizdatText

/// A document's place in a ranking: its best passage score, its matching passages, its top ones.
struct RankedDocument {
    var key: Int64
    var best: Double
    var count: Int
    var top: [CorpusStore.ScoredPassage]
}

/// Every matching passage of a query with its score, and the documents they group into.
struct Ranking {
    var candidates: [CorpusStore.ScoredPassage]
    /// Documents by best passage (ties by key).
    var documents: [RankedDocument]
    /// Scope-checked match ranges of candidates (for queries with sentence scopes).
    var verified: [Int64: [TextRangeValue]]
}

extension CorpusStore {
    /// Ranked passage search: BM25 over paragraphs (our postings), grouped by document.
    /// Throws `QueryError` for a query that does not parse.
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        let node = try parser.parse(request.query)
        let limit = max(0, request.limit), offset = max(0, request.offset)
        let perDocument = max(1, request.passagesPerDocument)
        let snapshot = state.snapshot
        return try writer.read { db in
            let stems = TokenCapture.of(db).stems
            guard let ranking = try self.rank(db, snapshot, node, documentID: request.documentID, perDocument: perDocument) else {
                return SearchResponse(query: request.query, totalPassages: 0, totalDocuments: 0, documents: [], hits: [])
            }
            let pageDocuments = ranking.documents.dropFirst(offset).prefix(limit)
            let flat = Self.top(ranking.candidates, offset + limit).dropFirst(offset)

            var documents: [Int64: StoredDocument] = [:]
            var made: [Int64: SearchHit] = [:]
            func hit(_ c: ScoredPassage) throws -> SearchHit? {
                if let h = made[c.id] { return h }
                let key = Self.documentKey(paragraphRowID: c.id)
                if documents[key] == nil { documents[key] = try self.storedDocuments.document(db, key: key) }
                guard let d = documents[key], let p = try StoredParagraph.fetch(db, id: c.id) else { return nil }
                let h = request.highlight
                    ? self.makeHit(p, d, node: node, score: c.score, known: ranking.verified[c.id], words: request.snippetWords, stems: stems)
                    : self.plainHit(p, d, score: c.score)
                made[c.id] = h
                return h
            }
            var grouped: [DocumentHits] = []
            for g in pageDocuments {
                let hits = try g.top.compactMap(hit)
                guard let d = documents[g.key] else { continue }
                grouped.append(DocumentHits(documentID: d.id, title: d.title, author: d.author, source: d.source,
                                            score: g.best, matchingPassages: g.count, hits: hits))
            }
            let hits = try flat.compactMap(hit)
            return SearchResponse(query: request.query, totalPassages: ranking.candidates.count, totalDocuments: ranking.documents.count,
                                  documents: grouped, hits: hits)
        }
    }

    /// The ranking alone — query string to the top `limit` documents' keys and best passage
    /// ids, nothing read back — as the peer benchmarks time their engines.
    public func rankedPassageIDs(_ query: String, limit: Int) throws -> [Int64] {
        let node = try parser.parse(query)
        let snapshot = state.snapshot
        return try writer.read { db in
            guard let ranking = try self.rank(db, snapshot, node, documentID: nil, perDocument: 1) else { return [] }
            return ranking.documents.prefix(limit).compactMap { $0.top.first?.id }
        }
    }

    /// Evaluates a parsed query; nil when `documentID` names no stored document.
    func rank(_ db: Database, _ snapshot: IndexSnapshot, _ node: QueryNode, documentID: String?, perDocument: Int) throws -> Ranking? {
        var matches = try PostingSearch(snapshot: snapshot, fieldRows: { try self.fieldRows(db, $0) }).evaluate(node)
        if let id = documentID {
            guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM documents WHERE id = ?", arguments: [id]) else { return nil }
            let low = Self.paragraphRowID(document: key, index: 0), high = Self.paragraphRowID(document: key + 1, index: 0)
            let from = PostingSearch.seek(matches.ids, from: 0, to: low), to = PostingSearch.seek(matches.ids, from: from, to: high)
            matches = ScoredMatches(ids: Array(matches.ids[from..<to]), scores: Array(matches.scores[from..<to]))
        }
        var candidates: [ScoredPassage] = []
        candidates.reserveCapacity(matches.count)
        for i in 0..<matches.count { candidates.append(ScoredPassage(id: matches.ids[i], score: matches.scores[i])) }
        var verified: [Int64: [TextRangeValue]] = [:]
        if node.hasScope {
            let stems = TokenCapture.of(db).stems
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
        // Candidates ascend by id, so each document's passages are one run.
        var groups: [RankedDocument] = []
        var i = 0
        while i < candidates.count {
            let key = Self.documentKey(paragraphRowID: candidates[i].id)
            var g = RankedDocument(key: key, best: -.infinity, count: 0, top: [])
            while i < candidates.count, Self.documentKey(paragraphRowID: candidates[i].id) == key {
                let c = candidates[i]
                g.count += 1
                g.best = max(g.best, c.score)
                Self.keepBest(&g.top, c, perDocument)
                i += 1
            }
            groups.append(g)
        }
        groups.sort { $0.best != $1.best ? $0.best > $1.best : $0.key < $1.key }
        return Ranking(candidates: candidates, documents: groups, verified: verified)
    }

    /// Field rows (document key << 20 | section + 1) matching a leaf or NEAR on a metadata field.
    func fieldRows(_ db: Database, _ node: QueryNode) throws -> Set<Int64> {
        do {
            return Set(try Int64.fetchAll(db, sql: "SELECT rowid FROM fields WHERE fields MATCH ?", arguments: [MatchExpression.compile(node)]))
        } catch let error as DatabaseError {
            throw QueryError(position: 0, message: "the index could not run this query: \(error.message ?? "\(error)")")
        }
    }

    struct ScoredPassage { var id: Int64; var score: Double }

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
