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
    var matches: ScoredMatches
    /// The best documents by best passage (ties by key), as many as asked for.
    var documents: [RankedDocument]
    /// All documents with a match.
    var documentCount: Int
    /// Scope-checked match ranges of candidates (for queries with sentence scopes).
    var verified: [Int64: [TextRangeValue]]
}

extension CorpusStore {
    /// Ranked passage search: BM25 over paragraphs (our postings), grouped by document.
    /// Throws `QueryError` for a query that does not parse.
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        try search(request, countLimits: .standard)
    }

    /// `search`, its counts (when asked for) made within `countLimits`.
    func search(_ request: SearchRequest, countLimits: PassageCounts.Limits) throws -> SearchResponse {
        let node = try parser.parse(request.query)
        let limit = max(0, request.limit)
        let offset = max(0, request.offset)
        let perDocument = max(1, request.passagesPerDocument)
        let (snapshot, words) = state.query
        return try writer.read { db in
            let stems = TokenCapture.of(db).stems
            guard
                let ranking = try self.rank(
                    db,
                    snapshot,
                    words,
                    node,
                    documentID: request.documentID,
                    perDocument: perDocument,
                    keep: offset + limit,
                    region: request.region
                )
            else {
                let none = PassageCounts(totalPassages: 0, totalDocuments: 0, byChapter: true, partial: false, rows: [])
                return SearchResponse(
                    query: request.query,
                    totalPassages: 0,
                    totalDocuments: 0,
                    documents: [],
                    hits: [],
                    counts: request.counts ? none : nil
                )
            }
            let pageDocuments = ranking.documents.dropFirst(offset).prefix(limit)
            let flat = Self.top(ranking.matches, offset + limit).dropFirst(offset)

            var documents: [Int64: StoredDocument] = [:]
            var made: [Int64: SearchHit] = [:]
            func hit(_ c: ScoredPassage) throws -> SearchHit? {
                if let h = made[c.id] { return h }
                let key = Self.documentKey(paragraphRowID: c.id)
                if documents[key] == nil { documents[key] = try self.storedDocuments.document(db, key: key) }
                guard let d = documents[key], let p = try StoredParagraph.fetch(db, id: c.id) else { return nil }
                var h =
                    request.highlight
                    ? self.makeHit(p, d, node: node, score: c.score, known: ranking.verified[c.id], words: request.snippetWords, stems: stems)
                    : self.plainHit(p, d, score: c.score)
                try self.attachNotes(db, &h, p, d)
                made[c.id] = h
                return h
            }
            var grouped: [DocumentHits] = []
            for g in pageDocuments {
                let hits = try g.top.compactMap(hit)
                guard let d = documents[g.key] else { continue }
                grouped.append(
                    DocumentHits(
                        documentID: d.id,
                        title: d.title,
                        author: d.author,
                        source: d.source,
                        score: g.best,
                        matchingPassages: g.count,
                        hits: hits
                    )
                )
            }
            let hits = try flat.compactMap(hit)
            let counts =
                request.counts
                ? try self.passageCounts(
                    db,
                    snapshot,
                    ranking.matches,
                    documentCount: ranking.documentCount,
                    withinDocument: request.documentID != nil,
                    limits: countLimits
                ) : nil
            return SearchResponse(
                query: request.query,
                totalPassages: ranking.matches.count,
                totalDocuments: ranking.documentCount,
                documents: grouped,
                hits: hits,
                counts: counts
            )
        }
    }

    /// The ranking alone — query string to the top `limit` documents' keys and best passage
    /// ids, nothing read back — as the peer benchmarks time their engines.
    public func rankedPassageIDs(_ query: String, limit: Int) throws -> [Int64] {
        let node = try parser.parse(query)
        let (snapshot, words) = state.query
        let search = PostingSearch(snapshot: snapshot, words: words, fieldRows: { _ in [] })
        // one key per word (a word whose forms must be merged is ranked as any other query)
        if let key = search.cursorKey(node) {
            return search.topDocuments(key, k: limit).map(\.id)
        }
        if let (all, none) = search.conjunction(node) {
            return search.topDocuments(all: all, none: none, k: limit).map(\.id)
        }
        // the database is needed only for metadata fields and sentence scopes
        if !node.usesFields && !node.hasScope {
            return try rank(nil, snapshot, words, node, documentID: nil, perDocument: 1, keep: limit)?.documents.compactMap { $0.top.first?.id } ?? []
        }
        return try writer.read { db in
            try self.rank(db, snapshot, words, node, documentID: nil, perDocument: 1, keep: limit)?.documents.compactMap { $0.top.first?.id } ?? []
        }
    }

    /// Evaluates a parsed query; nil when `documentID` names no stored document. `documents`
    /// holds the best `keep` documents (by best passage, ties by key), each with its top
    /// `perDocument` passages; `documentCount` counts them all.
    func rank(
        _ db: Database?,
        _ snapshot: IndexSnapshot,
        _ words: WordLookup,
        _ node: QueryNode,
        documentID: String?,
        perDocument: Int,
        keep: Int,
        region: TextRegion = .all
    ) throws -> Ranking? {
        var matches = try PostingSearch(
            snapshot: snapshot,
            words: words,
            fieldRows: { n in
                guard let db else { throw QueryError(position: 0, message: "field search needs the database") }
                return try self.fieldRows(db, n)
            }
        ).evaluate(node)
        if let id = documentID {
            guard let db else { return nil }
            let key = try Self.documentKey(db, named: id)
            let low = Self.paragraphRowID(document: key, index: 0)
            let high = Self.paragraphRowID(document: key + 1, index: 0)
            let from = PostingSearch.seek(matches.ids, from: 0, to: low)
            let to = PostingSearch.seek(matches.ids, from: from, to: high)
            matches = ScoredMatches(ids: Array(matches.ids[from..<to]), scores: Array(matches.scores[from..<to]))
        }
        if region != .all, let db {
            matches = try Self.keep(matches, in: region, db)
        }
        var verified: [Int64: [TextRangeValue]] = [:]
        if node.hasScope, let db {
            let stems = TokenCapture.of(db).stems
            var documents: [Int64: StoredDocument] = [:]
            var kept = ScoredMatches()
            for (id, score) in zip(matches.ids, matches.scores) {
                guard let p = try StoredParagraph.fetch(db, id: id) else { continue }
                let key = Self.documentKey(paragraphRowID: id)
                if documents[key] == nil { documents[key] = try self.storedDocuments.document(db, key: key) }
                guard let d = documents[key], let m = self.matcher(p, d, node, stems).match(node) else { continue }
                verified[id] = m
                kept.ids.append(id)
                kept.scores.append(score)
            }
            matches = kept
        }
        // Matches ascend by id, so each document's passages are one run.
        var top: [RankedDocument] = []
        var documentCount = 0
        let ids = matches.ids
        let scores = matches.scores
        Self.forEachDocumentRun(matches) { key, run, bestAt in
            documentCount += 1
            guard keep > 0 else { return }
            let best = scores[bestAt]
            if top.count == keep, let last = top.last, !(best > last.best || (best == last.best && key < last.key)) { return }
            var g = RankedDocument(key: key, best: best, count: run.count, top: [])
            if perDocument == 1 {
                g.top = [ScoredPassage(id: ids[bestAt], score: best)]
            } else {
                for j in run { Self.keepBest(&g.top, ScoredPassage(id: ids[j], score: scores[j]), perDocument) }
            }
            // insert in order, drop the last beyond `keep`
            var at = top.count
            while at > 0, best > top[at - 1].best || (best == top[at - 1].best && key < top[at - 1].key) { at -= 1 }
            top.insert(g, at: at)
            if top.count > keep { top.removeLast() }
        }
        return Ranking(matches: matches, documents: top, documentCount: documentCount, verified: verified)
    }

    /// Calls `body` for each document's run of matches (matches ascend by id, so each document's
    /// passages are one run) with the document's key, the run's positions and the position of its
    /// best score (the first of equal scores).
    static func forEachDocumentRun(_ matches: ScoredMatches, _ body: (Int64, Range<Int>, Int) throws -> Void) rethrows {
        let ids = matches.ids
        let scores = matches.scores
        var position = 0
        while position < ids.count {
            let key = documentKey(paragraphRowID: ids[position])
            let start = position
            var bestAt = position
            position += 1
            while position < ids.count, documentKey(paragraphRowID: ids[position]) == key {
                if scores[position] > scores[bestAt] {
                    bestAt = position
                }
                position += 1
            }
            try body(key, start..<position, bestAt)
        }
    }

    /// The key of a document named by its id or by the file name it was ingested from. An unknown
    /// name is `not_found`, a file name several documents share `bad_parameter`, both naming `doc`.
    static func documentKey(_ db: Database, named name: String) throws -> Int64 {
        if let key = try Int64.fetchOne(db, sql: "SELECT key FROM documents WHERE id = ?", arguments: [name]) {
            return key
        }
        let keys = try Int64.fetchAll(db, sql: "SELECT key FROM documents WHERE source = ? LIMIT 2", arguments: [name])
        guard keys.count < 2 else {
            throw ProtocolError.badParameter("doc", "'\(name)' is the file name of several documents: give a document id")
        }
        guard let key = keys.first else {
            throw ProtocolError(.notFound, "no document '\(name)' (neither a document id nor a file name)", parameter: "doc")
        }
        return key
    }

    /// The matches in the body's paragraphs or in the notes (a note's paragraph comes after the
    /// body's: its index is at least the document's count of body paragraphs).
    static func keep(_ matches: ScoredMatches, in region: TextRegion, _ db: Database) throws -> ScoredMatches {
        var bodyParagraphs: [Int64: Int] = [:]
        var kept = ScoredMatches()
        let statement = try db.cachedStatement(sql: "SELECT paragraphs FROM documents WHERE key = ?")
        for (id, score) in zip(matches.ids, matches.scores) {
            let key = documentKey(paragraphRowID: id)
            if bodyParagraphs[key] == nil {
                bodyParagraphs[key] = try Int.fetchOne(statement, arguments: [key]) ?? 0
            }
            let inNote = paragraphIndex(paragraphRowID: id) >= bodyParagraphs[key] ?? 0
            if inNote == (region == .notes) {
                kept.ids.append(id)
                kept.scores.append(score)
            }
        }
        return kept
    }

    /// Field rows (document key << 20 | section + 1) matching a leaf or NEAR on a metadata field.
    func fieldRows(_ db: Database, _ node: QueryNode) throws -> Set<Int64> {
        if case .leaf(let leaf) = node, leaf.field == .cites {
            return try citingParagraphs(db, leaf)
        }
        if case .near(let leaves, _) = node, leaves.contains(where: { $0.field == .cites }) {
            throw QueryError(position: leaves[0].position, message: "cites: takes a name or a phrase, not NEAR")
        }
        do {
            return Set(try Int64.fetchAll(db, sql: "SELECT rowid FROM fields WHERE fields MATCH ?", arguments: [MatchExpression.compile(node)]))
        } catch let error as DatabaseError {
            throw QueryError(position: 0, message: "the index could not run this query: \(error.message ?? "\(error)")")
        }
    }

    struct ScoredPassage {
        var id: Int64
        var score: Double
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

    static func top(_ all: ScoredMatches, _ k: Int) -> [ScoredPassage] {
        guard k > 0 else { return [] }
        var top: [ScoredPassage] = []
        top.reserveCapacity(k + 1)
        for i in 0..<all.count where top.count < k || all.scores[i] > top[top.count - 1].score {
            keepBest(&top, ScoredPassage(id: all.ids[i], score: all.scores[i]), k)
        }
        return top
    }

    func matcher(_ p: StoredParagraph, _ d: StoredDocument, _ node: QueryNode, _ stems: StemCache) -> PassageMatcher {
        matcher(p, d, node, tokens: analyzer.tokens(p.text, cache: stems))
    }

    func matcher(_ p: StoredParagraph, _ d: StoredDocument, _ node: QueryNode, tokens: [Token]) -> PassageMatcher {
        var fields = node.usesFields ? d.fieldTokens(analyzer, chapter: p.chapterField) : [:]
        if node.usesFields {
            // the cited authors, one citation after another
            let names = analysisCache.citedAuthors(document: d.key, paragraph: p.index)
            fields[.cites] = analyzer.tokens(names.joined(separator: " ; "))
        }
        return PassageMatcher(tokens: tokens, sentenceStarts: p.sentenceStarts, fields: fields, lemmas: parser.lemmaCache)
    }

    /// The paragraphs (row ids) holding a citation of an author whose name holds the leaf's words
    /// (or, for a prefix, a word that starts with it).
    func citingParagraphs(_ db: Database, _ leaf: QueryLeaf) throws -> Set<Int64> {
        let (corpus, citations) = try analysisCache.snapshot(db)
        var rows: Set<Int64> = []
        for record in citations where record.paragraph >= 0 {
            let cited: Bool
            if leaf.kind == .prefix {
                cited = record.authorWords.contains { name in name.contains { $0.hasPrefix(leaf.words[0]) } }
            } else {
                cited = record.cites(leaf.words)
            }
            if cited {
                rows.insert(Self.paragraphRowID(document: corpus.documents[record.document].order, index: Int(record.paragraph)))
            }
        }
        return rows
    }

    /// A hit in a note: located by the note (its index, page and marker page), matches in the
    /// note's text. A hit in the body: the notes whose markers stand in its paragraph.
    func attachNotes(_ db: Database, _ hit: inout SearchHit, _ p: StoredParagraph, _ d: StoredDocument) throws {
        let columns = "idx, label, page, marker"
        if p.kind == .note {
            let index = p.index - d.bodyParagraphs
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(columns) FROM notes WHERE doc = ? AND idx = ?"),
                arguments: [d.key, index]
            )
            hit.note = row.map { noteReference($0, d) }
            hit.paragraph = index
            hit.page = p.page
            hit.paragraphPages = p.page.map { [$0] } ?? []
            hit.sentence = nil
            hit.matches = hit.matches.map { TextRange(start: $0.start - p.start, end: $0.end - p.start) }
            return
        }
        hit.anchoredNotes = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(columns) FROM notes WHERE doc = ? AND marker BETWEEN ? AND ? ORDER BY idx"),
            arguments: [d.key, p.start, p.end]
        ).map { noteReference($0, d) }
    }

    func noteReference(_ row: Row, _ d: StoredDocument) -> NoteReference {
        let marker: Int? = row["marker"]
        return NoteReference(index: row["idx"], label: row["label"], page: row["page"], markerPage: marker.flatMap { d.page(at: $0) })
    }

    /// A hit without snippet or matches: located by its paragraph.
    func plainHit(_ p: StoredParagraph, _ d: StoredDocument, score: Double) -> SearchHit {
        let section = p.section.flatMap { d.sections[$0] }
        var pages: [String] = []
        if let pg = p.page { pages.append(pg) }
        if let last = p.lastPage, last != p.page { pages.append(last) }
        return SearchHit(
            documentID: d.id,
            title: d.title,
            source: d.source,
            paragraph: p.index,
            sentence: p.sentence(at: 0),
            section: section?.title,
            chapter: section?.chapter,
            page: p.page,
            paragraphPages: pages,
            score: score,
            snippet: "",
            snippetText: "",
            snippetMatches: [],
            matches: []
        )
    }

    func makeHit(
        _ p: StoredParagraph,
        _ d: StoredDocument,
        node: QueryNode,
        score: Double,
        known: [TextRangeValue]?,
        words: Int,
        stems: StemCache
    ) -> SearchHit {
        let tokens = analyzer.tokens(p.text, cache: stems)
        let ranges = known ?? matcher(p, d, node, tokens: tokens).match(node) ?? []
        let snippet = Snippet(text: p.text, tokens: tokens, matches: ranges, words: max(1, words))
        let first = ranges.first
        let section = p.section.flatMap { d.sections[$0] }
        var pages: [String] = []
        if let pg = p.page { pages.append(pg) }
        if let last = p.lastPage, last != p.page { pages.append(last) }
        return SearchHit(
            documentID: d.id,
            title: d.title,
            source: d.source,
            paragraph: p.index,
            sentence: p.sentence(at: first?.start ?? 0),
            section: section?.title,
            chapter: section?.chapter,
            page: first.flatMap { d.page(at: p.start + $0.start) } ?? p.page,
            paragraphPages: pages,
            score: score,
            snippet: snippet.marked,
            snippetText: snippet.text,
            snippetMatches: snippet.matches,
            matches: ranges.map { TextRange(start: p.start + $0.start, end: p.start + $0.end) }
        )
    }
}
