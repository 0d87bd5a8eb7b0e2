import Foundation

/// Paragraphs matching a (sub)query with their BM25 scores, ascending by paragraph id.
struct ScoredMatches {
    var ids: [Int64] = []
    var scores: [Double] = []

    var count: Int { ids.count }
}

/// Evaluates a `QueryNode` on an `IndexSnapshot`'s postings: boolean structure, phrases, NEAR and
/// prefixes from positions; BM25 over paragraphs for the score. Leaves on the metadata fields
/// (title:, author:, doc:, chapter:) are answered by `fieldRows`, which gives the field rows
/// (document key << 20 | section + 1) they match. Sentence scopes are answered here only as
/// candidates (their insides without negation); `PassageMatcher` decides on each candidate.
///
/// A body word is looked up in its leaf's unit (`WordLookup`): by folded form, by stem, or by
/// word, whose forms' postings are one key when they can be, and otherwise merged here.
struct PostingSearch {
    let snapshot: IndexSnapshot
    /// Resolves the words of leaves to the keys (or forms) holding their postings.
    let words: WordLookup
    /// Field rows matching a field leaf or a NEAR over a field.
    let fieldRows: (QueryNode) throws -> Set<Int64>

    /// BM25 parameters (Robertson; Lucene's defaults).
    static let k1 = 1.2, b = 0.75

    func evaluate(_ node: QueryNode) throws -> ScoredMatches {
        try evaluate(node, inScope: false)
    }

    func evaluate(_ node: QueryNode, inScope: Bool) throws -> ScoredMatches {
        switch node {
        case .leaf(let l):
            if l.field != .body { return try fieldMatches(node) }
            let h = leaf(l, positions: false)
            return score(h, documents: cursorKey(node).map { PostingCursor(snapshot, key: $0).paragraphs } ?? h.ids.count)
        case .and(let children):
            var positive: [ScoredMatches] = []
            var negative: [ScoredMatches] = []
            // plain terms are checked with cursors over their postings, never decoded whole
            var terms: [(leaf: QueryLeaf, key: String)] = []
            var excluded: [String] = []
            for c in children {
                if case .not(let n) = c {
                    if inScope { continue }
                    if let key = cursorKey(n) { excluded.append(key) } else { negative.append(try evaluate(n, inScope: inScope)) }
                } else if let key = cursorKey(c), let l = Self.plainTerm(c) {
                    terms.append((l, key))
                } else {
                    let m = try evaluate(c, inScope: inScope)
                    if m.count == 0 { return ScoredMatches() }
                    positive.append(m)
                }
            }
            var cursors = terms.map { PostingCursor(snapshot, key: $0.key) }
            if positive.isEmpty, let rarest = cursors.indices.min(by: { cursors[$0].paragraphs < cursors[$1].paragraphs }) {
                positive.append(score(leaf(terms[rarest].leaf, positions: false), documents: cursors[rarest].paragraphs))
                cursors.remove(at: rarest)
            }
            positive.sort { $0.count < $1.count }
            guard var out = positive.first else { return ScoredMatches() }
            for m in positive.dropFirst() { out = Self.intersect(out, m) }
            for i in cursors.indices where out.count > 0 { out = filter(out, &cursors[i]) }
            for m in negative where out.count > 0 { out = Self.subtract(out, m) }
            for key in excluded where out.count > 0 {
                var c = PostingCursor(snapshot, key: key)
                var kept = ScoredMatches()
                for (id, score) in zip(out.ids, out.scores) where !(c.seek(id) && c.id == id) {
                    kept.ids.append(id)
                    kept.scores.append(score)
                }
                out = kept
            }
            return out
        case .or(let children):
            var out = ScoredMatches()
            for c in children { out = Self.union(out, try evaluate(c, inScope: inScope)) }
            return out
        case .not(let n):
            // never stands alone after validation; evaluating it as its inside keeps OR total
            return try evaluate(n, inScope: inScope)
        case .near(let leaves, let distance):
            if leaves[0].field != .body { return try fieldMatches(node) }
            return near(leaves, distance: distance)
        case .scope(let scope, let n):
            return try evaluate(n, inScope: inScope || scope == .sentence)
        }
    }

    // MARK: - Leaves

    /// A leaf's occurrences per paragraph: term frequency, and with positions the span
    /// (first and last word position) of every occurrence.
    struct LeafHits {
        var ids: [Int64] = []
        var tfs: [Int32] = []
        var lengths: [Int32] = []
        var spans: [[(Int32, Int32)]] = []
    }

    /// The one key answering a plain term (see `plainTerm`), when there is one: what a cursor
    /// can walk. Nil for other nodes and for a word whose forms must be merged.
    func cursorKey(_ node: QueryNode) -> String? {
        guard let l = Self.plainTerm(node), case .key(let key) = words.source(l, 0) else { return nil }
        return key
    }

    func leaf(_ l: QueryLeaf, positions: Bool) -> LeafHits {
        switch l.kind {
        case .prefix:
            return prefix(l.words[0], positions: positions)
        case .term, .phrase:
            let sources = (0..<l.words.count).map { words.source(l, $0) }
            if sources.count == 1 { return hits(sources[0], positions: positions) }
            var keys: [String] = []
            for source in sources {
                guard case .key(let key) = source else { return phrase(sources.map { hits($0, positions: true) }, positions: positions) }
                keys.append(key)
            }
            return phrase(keys, positions: positions)
        }
    }

    /// The occurrences of one word: one key's postings, or its forms' merged.
    func hits(_ source: WordSource, positions: Bool) -> LeafHits {
        switch source {
        case .forms(let forms):
            return WordMerge.merge(snapshot, forms, positions: positions)
        case .key(let key):
            let p = snapshot.postings(key, positions: positions)
            var out = LeafHits(ids: p.ids, tfs: p.tfs, lengths: p.lengths)
            if positions {
                var buffer: [Int32] = []
                out.spans.reserveCapacity(p.count)
                for i in 0..<p.count {
                    snapshot.positions(p, i, into: &buffer)
                    out.spans.append(buffer.map { ($0, $0) })
                }
            }
            return out
        }
    }

    /// Paragraphs where the words (decoded with positions) stand at consecutive positions: the
    /// way a phrase with a word whose forms are merged is answered. The rarest word's paragraphs
    /// are looked up in the others'; then the first word's positions are narrowed word by word.
    func phrase(_ words: [LeafHits], positions: Bool) -> LeafHits {
        var out = LeafHits()
        guard let lead = words.indices.min(by: { words[$0].ids.count < words[$1].ids.count }) else { return out }
        var at = [Int](repeating: 0, count: words.count)
        candidates: for id in words[lead].ids {
            for k in words.indices {
                at[k] = Self.seek(words[k].ids, from: at[k], to: id)
                guard at[k] < words[k].ids.count else { break candidates }
                guard words[k].ids[at[k]] == id else { continue candidates }
            }
            var starts = words[0].spans[at[0]].map(\.0)
            for k in 1..<words.count where !starts.isEmpty {
                let next = words[k].spans[at[k]]
                var kept: [Int32] = []
                var cursor = 0
                for start in starts {
                    let want = start + Int32(k)
                    while cursor < next.count, next[cursor].0 < want { cursor += 1 }
                    if cursor < next.count, next[cursor].0 == want { kept.append(start) }
                }
                starts = kept
            }
            guard !starts.isEmpty else { continue }
            out.ids.append(id)
            out.tfs.append(Int32(starts.count))
            out.lengths.append(words[0].lengths[at[0]])
            if positions { out.spans.append(starts.map { ($0, $0 + Int32(words.count - 1)) }) }
        }
        return out
    }

    /// Paragraphs where the keys stand at consecutive positions: the cursors leapfrog to
    /// paragraphs holding every key, then the positions are compared.
    func phrase(_ keys: [String], positions: Bool) -> LeafHits {
        var all = keys.map { PostingCursor(snapshot, key: $0) }
        var out = LeafHits()
        guard let lead = all.indices.min(by: { all[$0].paragraphs < all[$1].paragraphs }) else { return out }
        let n = keys.count
        // two scratch buffers: the phrase starts still possible, and the next word's positions
        var capacity = 256
        var starts = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        var next = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer {
            starts.deallocate()
            next.deallocate()
        }
        var target: Int64 = 0
        // the cursors are worked on in place: no copies (and no reference counting) per step
        all.withUnsafeMutableBufferPointer { cursors in
            search: while cursors[lead].seek(target) {
                target = cursors[lead].id
                var aligned = false
                while !aligned {
                    aligned = true
                    for k in 0..<n {
                        guard cursors[k].seek(target) else { break search }
                        if cursors[k].id > target {
                            target = cursors[k].id
                            aligned = false
                        }
                    }
                }
                var most = 0
                for k in 0..<n { most = max(most, cursors[k].tf) }
                if most > capacity {
                    capacity = max(most, capacity * 2)
                    starts.deallocate()
                    next.deallocate()
                    starts = .allocate(capacity: capacity)
                    next = .allocate(capacity: capacity)
                }
                // the first word's positions, kept where word k sits k further on
                var count = cursors[0].positions(into: starts)
                for k in 1..<n where count > 0 {
                    let m = cursors[k].positions(into: next)
                    var kept = 0
                    var a = 0
                    let offset = Int32(k)
                    for j in 0..<count {
                        let want = starts[j] &+ offset
                        while a < m, next[a] < want { a &+= 1 }
                        if a < m, next[a] == want {
                            starts[kept] = starts[j]
                            kept &+= 1
                        }
                    }
                    count = kept
                }
                if count > 0 {
                    out.ids.append(target)
                    out.tfs.append(Int32(count))
                    out.lengths.append(cursors[0].length)
                    if positions { out.spans.append((0..<count).map { (starts[$0], starts[$0] + Int32(n - 1)) }) }
                }
                target += 1
            }
        }
        return out
    }

    /// The best `k` documents for one plain term, by their best passage (ties by key), each with
    /// that passage: block-max pruning skips every block whose bound (see `SkipEntry`) is not
    /// above the k-th document's best so far. Documents come in ascending key order, so one that
    /// only ties the k-th loses the tie: a block that can at best tie is skipped too.
    func topDocuments(_ key: String, k: Int) -> [(key: Int64, best: Double, id: Int64)] {
        topDocuments(all: [key], none: [], k: k)
    }

    /// The best `k` documents for paragraphs holding every term of `all` and none of `none`
    /// (plain terms), scored as `evaluate` scores their AND: the sum of the terms' BM25. The
    /// rarest term leads; a block of it, and then a posting, is passed over when even the
    /// largest weight the other terms could add (BM25's ceiling, idf·(k1+1)) cannot lift it
    /// above the k-th document's best. Only the paragraphs that could enter are looked up in
    /// the other terms' lists.
    func topDocuments(all: [String], none: [String], k: Int) -> [(key: Int64, best: Double, id: Int64)] {
        guard k > 0, !all.isEmpty else { return [] }
        var cursors = all.map { PostingCursor(snapshot, key: $0) }
        guard let lead = cursors.indices.min(by: { cursors[$0].paragraphs < cursors[$1].paragraphs }) else { return [] }
        var cursor = cursors.remove(at: lead)
        let w = idf(cursor.paragraphs)
        let weights = cursors.map { idf($0.paragraphs) }
        // the other terms' cursors, and the negated terms', in plain memory: stepped in place,
        // with no array uniqueness check at each step
        let others = UnsafeMutableBufferPointer<PostingCursor>.allocate(capacity: cursors.count)
        _ = others.initialize(from: cursors)
        let excluded = UnsafeMutableBufferPointer<PostingCursor>.allocate(capacity: none.count)
        _ = excluded.initialize(from: none.map { PostingCursor(snapshot, key: $0) })
        defer {
            others.deinitialize().deallocate()
            excluded.deinitialize().deallocate()
        }
        let rest = weights.reduce(0) { $0 + $1 * (Self.k1 + 1) }
        var top = TopDocuments(k: k)
        var current: (key: Int64, best: Double, id: Int64)?
        let average = snapshot.averageLength
        // the cursor passes over blocks and postings that cannot beat the tenth document's best,
        // or their own document's best so far (only a higher score replaces it)
        let candidate = CandidateWeight(idf: w, rest: rest, average: average)
        candidates: while cursor.nextCandidate(
            candidate,
            threshold: top.threshold,
            document: current?.key ?? -1,
            documentBest: current?.best ?? -.infinity
        ) {
            let id = cursor.id
            let key = CorpusStore.documentKey(paragraphRowID: id)
            var floor = top.threshold
            if let c = current, c.key == key, c.best > floor { floor = c.best }
            var score = bm25(idf: w, tf: Int32(cursor.tf), length: cursor.length)
            if score + rest <= floor { continue }
            if floor > 0, !others.isEmpty {
                // the other lists' block bounds where this paragraph would sit (skip tables
                // only, nothing decoded): a tighter ceiling than idf·(k1+1) each
                var bound = score
                for i in others.indices { bound += weights[i] * others[i].weightBound(at: id, average: average) }
                if bound * (1 + 1e-9) <= floor { continue }
            }
            for i in others.indices {
                guard others[i].seek(id) else { break candidates }
                guard others[i].id == id else { continue candidates }
                score += bm25(idf: weights[i], tf: Int32(others[i].tf), length: others[i].length)
            }
            for i in excluded.indices where excluded[i].seek(id) && excluded[i].id == id { continue candidates }
            if let c = current, c.key == key {
                if score > c.best { current = (key, score, id) }
            } else {
                if let c = current { top.offer(c) }
                current = (key, score, id)
            }
        }
        if let c = current { top.offer(c) }
        return top.documents
    }

    /// The best `k` documents offered in ascending key order, by score, ties to the lower key.
    struct TopDocuments {
        let k: Int
        private(set) var documents: [(key: Int64, best: Double, id: Int64)] = []
        /// The k-th best score once there are k (a document must beat it to enter).
        private(set) var threshold = -Double.infinity

        init(k: Int) { self.k = k }

        mutating func offer(_ d: (key: Int64, best: Double, id: Int64)) {
            if documents.count == k, let last = documents.last, !(d.best > last.best || (d.best == last.best && d.key < last.key)) { return }
            var at = documents.count
            while at > 0, d.best > documents[at - 1].best || (d.best == documents[at - 1].best && d.key < documents[at - 1].key) { at -= 1 }
            documents.insert(d, at: at)
            if documents.count > k { documents.removeLast() }
            if documents.count == k { threshold = documents[k - 1].best }
        }
    }

    /// The keys of an AND of plain terms and negated plain terms, each answered by one key (nil
    /// for any other query).
    func conjunction(_ node: QueryNode) -> (all: [String], none: [String])? {
        guard case .and(let children) = node else { return nil }
        var all: [String] = []
        var none: [String] = []
        for c in children {
            if case .not(let n) = c, let key = cursorKey(n) {
                none.append(key)
            } else if let key = cursorKey(c) {
                all.append(key)
            } else {
                return nil
            }
        }
        return all.isEmpty ? nil : (all, none)
    }

    /// A body leaf of one word (no prefix): what a cursor can answer.
    static func plainTerm(_ node: QueryNode) -> QueryLeaf? {
        guard case .leaf(let l) = node, l.field == .body, l.kind != .prefix, l.words.count == 1 else { return nil }
        return l
    }

    /// The matches whose paragraph the cursor's key holds, its BM25 score added.
    func filter(_ m: ScoredMatches, _ cursor: inout PostingCursor) -> ScoredMatches {
        let w = idf(cursor.paragraphs)
        var out = ScoredMatches()
        for (id, score) in zip(m.ids, m.scores) {
            guard cursor.seek(id) else { break }
            if cursor.id == id {
                out.ids.append(id)
                out.scores.append(score + bm25(idf: w, tf: Int32(cursor.tf), length: cursor.length))
            }
        }
        return out
    }

    /// Every form starting with `prefix`, as one leaf: frequencies summed, positions merged.
    func prefix(_ prefix: String, positions: Bool) -> LeafHits {
        var keys = Set<String>()
        for s in snapshot.segments {
            for k in s.keys(withPrefix: prefix) where k.utf8.first != PostingSegment.stemMarker { keys.insert(k) }
        }
        var merged: [Int64: (tf: Int32, length: Int32, spans: [(Int32, Int32)])] = [:]
        var buffer: [Int32] = []
        for k in keys {
            let p = snapshot.postings(k, positions: positions)
            for i in 0..<p.count {
                var e = merged[p.ids[i]] ?? (0, p.lengths[i], [])
                e.tf += p.tfs[i]
                if positions {
                    snapshot.positions(p, i, into: &buffer)
                    e.spans += buffer.map { ($0, $0) }
                }
                merged[p.ids[i]] = e
            }
        }
        var out = LeafHits()
        for id in merged.keys.sorted() {
            let e = merged[id]!
            out.ids.append(id)
            out.tfs.append(e.tf)
            out.lengths.append(e.length)
            if positions { out.spans.append(e.spans.sorted { $0.0 < $1.0 }) }
        }
        return out
    }

    // MARK: - NEAR

    /// FTS5's NEAR: one occurrence of each leaf such that, measured from the occurrence that
    /// starts last, at most `distance` words lie between the end of every other one and that start.
    func near(_ leaves: [QueryLeaf], distance: Int) -> ScoredMatches {
        let hits = leaves.map { leaf($0, positions: true) }
        guard let rarest = hits.indices.min(by: { hits[$0].ids.count < hits[$1].ids.count }) else { return ScoredMatches() }
        let idfs = hits.map { idf($0.ids.count) }
        var cursors = [Int](repeating: 0, count: hits.count)
        var out = ScoredMatches()
        candidates: for id in hits[rarest].ids {
            for (k, h) in hits.enumerated() {
                cursors[k] = Self.seek(h.ids, from: cursors[k], to: id)
                guard cursors[k] < h.ids.count, h.ids[cursors[k]] == id else { continue candidates }
            }
            let spans = hits.indices.map { hits[$0].spans[cursors[$0]] }
            guard Self.nearMatch(spans, distance: distance) else { continue }
            var s = 0.0
            for (k, h) in hits.enumerated() { s += bm25(idf: idfs[k], tf: h.tfs[cursors[k]], length: h.lengths[cursors[k]]) }
            out.ids.append(id)
            out.scores.append(s)
        }
        return out
    }

    static func nearMatch(_ spans: [[(Int32, Int32)]], distance: Int) -> Bool {
        for (li, list) in spans.enumerated() {
            for last in list {
                var ok = true
                for (lj, other) in spans.enumerated() where lj != li {
                    var bestEnd: Int32 = -1
                    for o in other where o.0 <= last.0 { bestEnd = max(bestEnd, o.1) }
                    guard bestEnd >= 0, Int(last.0) - (Int(bestEnd) + 1) <= distance else {
                        ok = false
                        break
                    }
                }
                if ok { return true }
            }
        }
        return false
    }

    // MARK: - Fields

    /// Every live paragraph whose field row matched, scored 0 (FTS5's weights for the fields).
    func fieldMatches(_ node: QueryNode) throws -> ScoredMatches {
        let rows = try fieldRows(node)
        // `cites:` answers with the paragraphs themselves
        if case .leaf(let leaf) = node, leaf.field == .cites {
            var out = ScoredMatches()
            for id in rows.sorted() {
                out.ids.append(id)
                out.scores.append(0)
            }
            return out
        }
        var byDocument: [Int64: Set<Int32>] = [:]
        for r in rows {
            byDocument[CorpusStore.documentKey(paragraphRowID: r), default: []].insert(Int32(CorpusStore.paragraphIndex(paragraphRowID: r)) - 1)
        }
        var out = ScoredMatches()
        for key in byDocument.keys.sorted() {
            guard let layout = snapshot.documents[key], let sections = byDocument[key] else { continue }
            for (i, s) in layout.sections.enumerated() where sections.contains(s) {
                out.ids.append(CorpusStore.paragraphRowID(document: key, index: i))
                out.scores.append(0)
            }
        }
        return out
    }

    // MARK: - Scoring and set operations

    func idf(_ n: Int) -> Double {
        let total = Double(snapshot.paragraphCount)
        return log(1 + (total - Double(n) + 0.5) / (Double(n) + 0.5))
    }

    @inline(__always)
    func bm25(idf: Double, tf: Int32, length: Int32) -> Double {
        idf * Self.weight(tf: Double(tf), length: Double(length), average: snapshot.averageLength)
    }

    /// BM25's term weight: `tf·(k1+1)/(tf + k1·(1 − b + b·length/average))`.
    @inline(__always)
    static func weight(tf: Double, length: Double, average: Double) -> Double {
        tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
    }

    /// BM25 of a leaf's hits; `documents` is the paragraph count its idf is taken from.
    func score(_ h: LeafHits, documents: Int) -> ScoredMatches {
        let w = idf(documents)
        let avg = snapshot.averageLength
        var scores = [Double](repeating: 0, count: h.ids.count)
        for i in 0..<h.ids.count {
            // as `bm25` computes it, to the last bit: the top-k searches must tie where this does
            scores[i] = w * Self.weight(tf: Double(h.tfs[i]), length: Double(h.lengths[i]), average: avg)
        }
        return ScoredMatches(ids: h.ids, scores: scores)
    }

    /// First index ≥ `from` whose id is ≥ `id` (galloping, then binary search).
    @inline(__always)
    static func seek(_ ids: [Int64], from: Int, to id: Int64) -> Int {
        var lo = from
        guard lo < ids.count, ids[lo] < id else { return lo }
        var step = 1
        var hi = lo + 1
        while hi < ids.count, ids[hi] < id {
            lo = hi
            step <<= 1
            hi = lo + step
        }
        hi = min(hi, ids.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// `a`'s matches also in `b`, scores added.
    static func intersect(_ a: ScoredMatches, _ b: ScoredMatches) -> ScoredMatches { walk(a, b, keepFound: true) }

    /// `a`'s matches not in `b`.
    static func subtract(_ a: ScoredMatches, _ b: ScoredMatches) -> ScoredMatches { walk(a, b, keepFound: false) }

    /// Walks `a`, seeking each id in `b`: keeps the ids found there (adding `b`'s score) or those not.
    static func walk(_ a: ScoredMatches, _ b: ScoredMatches, keepFound: Bool) -> ScoredMatches {
        var out = ScoredMatches()
        var j = 0
        for i in 0..<a.count {
            j = seek(b.ids, from: j, to: a.ids[i])
            let found = j < b.count && b.ids[j] == a.ids[i]
            if keepFound && j == b.count { break }
            guard found == keepFound else { continue }
            out.ids.append(a.ids[i])
            out.scores.append(a.scores[i] + (found ? b.scores[j] : 0))
        }
        return out
    }

    static func union(_ a: ScoredMatches, _ b: ScoredMatches) -> ScoredMatches {
        if a.count == 0 { return b }
        if b.count == 0 { return a }
        var out = ScoredMatches()
        out.ids.reserveCapacity(a.count + b.count)
        out.scores.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a.ids[i] < b.ids[j]) {
                out.ids.append(a.ids[i])
                out.scores.append(a.scores[i])
                i += 1
            } else if i == a.count || b.ids[j] < a.ids[i] {
                out.ids.append(b.ids[j])
                out.scores.append(b.scores[j])
                j += 1
            } else {
                out.ids.append(a.ids[i])
                out.scores.append(a.scores[i] + b.scores[j])
                i += 1
                j += 1
            }
        }
        return out
    }
}
