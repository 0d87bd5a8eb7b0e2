import Foundation
import GRDB
import SamizdatModel
import SamizdatText

extension CorpusStore {
    /// Key word in context: every positive match of the query in the corpus (or one document),
    /// each with `context` words either side within its paragraph, sorted, then paged.
    ///
    /// A query of one body leaf (a word, a phrase or a prefix) is counted and ordered from its
    /// postings' positions, and only the page's paragraphs are read and tokenized
    /// (`kwicFromPositions`); any other query, or a paragraph whose positions disagree with its
    /// text, takes the full computation (`kwicByTokenizing`), which tokenizes every match.
    public func kwic(_ request: KWICRequest) throws -> KWICResponse {
        let node = try parser.parse(request.query)
        let (snapshot, words) = state.query
        return try writer.read { db in
            if case .leaf(let leaf) = node, leaf.field == .body,
                let response = try self.kwicFromPositions(db, request, node: node, leaf: leaf, snapshot: snapshot, words: words)
            {
                return response
            }
            return try self.kwicByTokenizing(db, request, node: node, snapshot: snapshot, words: words)
        }
    }

    /// The concordance computed the plain way: every matching paragraph read and tokenized, its
    /// lines matched, keyed and sorted, then paged. Exact for every query; the reference the
    /// positions' path is tested against.
    func kwicByTokenizing(_ request: KWICRequest) throws -> KWICResponse {
        let node = try parser.parse(request.query)
        let (snapshot, words) = state.query
        return try writer.read { db in
            try self.kwicByTokenizing(db, request, node: node, snapshot: snapshot, words: words)
        }
    }

    func kwicByTokenizing(
        _ db: Database,
        _ request: KWICRequest,
        node: QueryNode,
        snapshot: IndexSnapshot,
        words: WordLookup
    ) throws -> KWICResponse {
        let context = max(0, request.context)
        let sortDepth = 3
        let stems = TokenCapture.of(db).stems
        guard let ranking = try concordanceRanking(db, snapshot, words, node, request) else {
            return KWICResponse(query: request.query, total: 0, offset: request.offset, sort: request.sort, lines: [])
        }
        let ids = ranking.matches.ids

        struct Entry {
            var id: Int64
            var start: Int
            var end: Int
            var keys: [String]
            var p: Int
            var m: TextRangeValue
        }
        var entries: [Entry] = []
        var paragraphs: [StoredParagraph] = []
        var documents: [Int64: StoredDocument] = [:]
        let statement = try db.cachedStatement(sql: "SELECT \(StoredParagraph.columns) FROM paragraphs WHERE id = ?")
        for id in ids {
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
            let p = StoredParagraph(row: row)
            let key = Self.documentKey(paragraphRowID: id)
            if documents[key] == nil { documents[key] = try self.storedDocuments.document(db, key: key) }
            guard let d = documents[key] else { continue }
            let tokens = self.analyzer.tokens(p.text, cache: stems)
            let m = self.matcher(p, d, node, tokens: tokens)
            guard let ranges = m.match(node), !ranges.isEmpty else { continue }
            let plain = tokens.filter { !$0.isCompound }
            let pi = paragraphs.count
            paragraphs.append(p)
            for r in ranges {
                var keys: [String] = []
                if request.sort != .document {
                    let (before, after) = Self.neighbours(plain, r)
                    // neighbours sort by their folded form, as they read, whatever the query's unit
                    let left = plain[..<before].suffix(sortDepth).reversed().map(\.term)
                    let right = plain[after...].prefix(sortDepth).map(\.term)
                    let l = Array(left) + Array(repeating: "", count: sortDepth - left.count)
                    let rr = Array(right) + Array(repeating: "", count: sortDepth - right.count)
                    switch request.sort {
                    case .left1: keys = l
                    case .left2: keys = Array(l[1...]) + [l[0]]
                    case .left3: keys = [l[2], l[0], l[1]]
                    case .right1: keys = rr
                    case .right2: keys = Array(rr[1...]) + [rr[0]]
                    case .right3: keys = [rr[2], rr[0], rr[1]]
                    case .document: break
                    }
                }
                entries.append(Entry(id: id, start: p.start + r.start, end: p.start + r.end, keys: keys, p: pi, m: r))
            }
        }
        if request.sort != .document {
            entries.sort { a, b in
                if a.keys != b.keys { return a.keys.lexicographicallyPrecedes(b.keys) }
                return (a.id, a.start) < (b.id, b.start)
            }
        }
        let page = entries.dropFirst(max(0, request.offset)).prefix(max(0, request.limit))
        var lines: [ConcordanceLine] = []
        lines.reserveCapacity(page.count)
        var pageTokens: [Int: [Token]] = [:]
        for e in page {
            let p = paragraphs[e.p]
            let key = Self.documentKey(paragraphRowID: e.id)
            guard let d = documents[key] else { continue }
            if pageTokens[e.p] == nil { pageTokens[e.p] = self.analyzer.tokens(p.text, cache: stems) }
            lines.append(try self.concordanceLine(db, p, d, match: e.m, tokens: pageTokens[e.p]!, context: context))
        }
        return KWICResponse(query: request.query, total: entries.count, offset: request.offset, sort: request.sort, lines: lines)
    }

    /// One line of the concordance: the match in `p` (paragraph-relative `match`) with `context`
    /// words either side, located by page, chapter and paragraph (a line in a note by its note).
    func concordanceLine(
        _ db: Database,
        _ p: StoredParagraph,
        _ d: StoredDocument,
        match: TextRangeValue,
        tokens: [Token],
        context: Int
    ) throws -> ConcordanceLine {
        let (left, text, right) = Self.contextStrings(p.text, tokens, match, context)
        let section = p.section.flatMap { d.sections[$0] }
        if p.kind == .note {
            // a line in a note: located by the note, offsets in the note's text
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT idx, label, page, marker FROM notes WHERE doc = ? AND idx = ?"),
                arguments: [d.key, p.index - d.bodyParagraphs]
            )
            var line = ConcordanceLine(
                documentID: d.id,
                title: d.title,
                source: d.source,
                paragraph: p.index - d.bodyParagraphs,
                sentence: nil,
                page: p.page,
                section: section?.title,
                chapter: section?.chapter,
                left: left,
                match: text,
                right: right,
                start: match.start,
                end: match.end
            )
            line.note = row.map { self.noteReference($0, d) }
            return line
        }
        return ConcordanceLine(
            documentID: d.id,
            title: d.title,
            source: d.source,
            paragraph: p.index,
            sentence: p.sentence(at: match.start),
            page: d.page(at: p.start + match.start) ?? p.page,
            section: section?.title,
            chapter: section?.chapter,
            left: left,
            match: text,
            right: right,
            start: p.start + match.start,
            end: p.start + match.end
        )
    }

    /// In `plain` (ordered by offset): the end of the words wholly before the match and the
    /// start of the words wholly after it, by binary search.
    static func neighbours(_ plain: [Token], _ m: TextRangeValue) -> (Int, Int) {
        var lo = 0
        var hi = plain.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if plain[mid].end <= m.start { lo = mid + 1 } else { hi = mid }
        }
        let before = lo
        hi = plain.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if plain[mid].start < m.end { lo = mid + 1 } else { hi = mid }
        }
        return (before, lo)
    }

    static func contextStrings(_ text: String, _ tokens: [Token], _ m: TextRangeValue, _ n: Int) -> (String, String, String) {
        let bytes = Array(text.utf8)
        let plain = tokens.filter { !$0.isCompound }
        let (before, after) = neighbours(plain, m)
        let left = plain[..<before].suffix(n)
        let right = plain[after...].prefix(n)
        let ls = left.first?.start ?? m.start
        let re = right.last?.end ?? m.end
        func s(_ a: Int, _ b: Int) -> String {
            String(decoding: bytes[a..<b].map { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 ? 0x20 : $0 }, as: UTF8.self)
        }
        // as printed: the spaces and punctuation next to the match are kept ("“Shalamov,”")
        return (s(ls, m.start), s(m.start, m.end), s(m.end, re))
    }
}

extension CorpusStore {
    /// Every passage a concordance's query matches (one per document is enough for the ranking's
    /// grouping; the lines come from all of them); nil when none does.
    func concordanceRanking(
        _ db: Database,
        _ snapshot: IndexSnapshot,
        _ words: WordLookup,
        _ node: QueryNode,
        _ request: KWICRequest
    ) throws -> Ranking? {
        try rank(db, snapshot, words, node, documentID: request.documentID, perDocument: 1, keep: 0, region: request.region)
    }
}
