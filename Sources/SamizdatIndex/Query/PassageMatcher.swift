import SamizdatModel
import SamizdatText

/// Evaluates a query on one analyzed paragraph, in Swift, with the semantics `PostingSearch`
/// gives it over the postings — plus sentence scopes, which the postings do not record. It tells whether the
/// paragraph matches and where: the UTF-8 ranges (paragraph-relative) of every positive match.
struct PassageMatcher {
    let tokens: [Token]
    /// Sentence (0-based within the paragraph) of each token.
    let sentenceOf: [Int]
    let sentenceCount: Int
    /// Token indices at each position.
    let byPosition: [[Int]]
    let fields: [QueryField: [Token]]
    /// Lemmas of the forms met before (nil: each form lemmatized where it is met).
    let lemmas: SharedLemmaCache?

    /// `sentenceStarts`: paragraph-relative start offsets of the paragraph's sentences, ascending.
    init(tokens: [Token], sentenceStarts: [Int], fields: [QueryField: [Token]] = [:], lemmas: SharedLemmaCache? = nil) {
        self.lemmas = lemmas
        self.tokens = tokens
        var sentenceOf = [Int](repeating: 0, count: tokens.count)
        var s = 0
        for (i, t) in tokens.enumerated() {
            if !t.isCompound {
                while s + 1 < sentenceStarts.count, sentenceStarts[s + 1] <= t.start { s += 1 }
            }
            sentenceOf[i] = s
        }
        self.sentenceOf = sentenceOf
        self.sentenceCount = max(1, sentenceStarts.count)
        self.byPosition = Self.positions(tokens)
        self.fields = fields
    }

    static func positions(_ tokens: [Token]) -> [[Int]] {
        let count = (tokens.last.map { $0.position + 1 } ?? 0)
        var byPosition = [[Int]](repeating: [], count: max(count, tokens.map(\.position).max().map { $0 + 1 } ?? 0))
        for (i, t) in tokens.enumerated() { byPosition[t.position].append(i) }
        return byPosition
    }

    /// Matching ranges, or nil when the paragraph does not match.
    func match(_ node: QueryNode) -> [TextRangeValue]? {
        guard let r = evaluate(node, sentence: nil) else { return nil }
        var seen = Set<TextRangeValue>()
        return r.filter { seen.insert($0).inserted }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    func evaluate(_ node: QueryNode, sentence: Int?) -> [TextRangeValue]? {
        switch node {
        case .leaf(let l):
            if l.field != .body { return fieldMatches(l) ? [] : nil }
            let occ = occurrences(l, sentence: sentence)
            return occ.isEmpty ? nil : occ.map { TextRangeValue(start: tokens[$0.first].start, end: tokens[$0.last].end) }
        case .and(let children):
            var out: [TextRangeValue] = []
            for c in children {
                if case .not(let n) = c {
                    if evaluate(n, sentence: sentence) != nil { return nil }
                } else {
                    guard let r = evaluate(c, sentence: sentence) else { return nil }
                    out += r
                }
            }
            return out
        case .or(let children):
            var out: [TextRangeValue]?
            for c in children {
                if let r = evaluate(c, sentence: sentence) { out = (out ?? []) + r }
            }
            return out
        case .not(let n):
            return evaluate(n, sentence: sentence) == nil ? [] : nil
        case .near(let leaves, let distance):
            if leaves[0].field != .body { return nearInField(leaves, distance) ? [] : nil }
            let r = near(leaves, distance: distance, sentence: sentence)
            return r.isEmpty ? nil : r
        case .scope(let scope, let inner):
            if scope == .paragraph || sentence != nil { return evaluate(inner, sentence: sentence) }
            var out: [TextRangeValue]?
            for s in 0..<sentenceCount {
                if let r = evaluate(inner, sentence: s) { out = (out ?? []) + r }
            }
            return out
        }
    }

    struct Occurrence {
        var first: Int
        var last: Int
        var startPosition: Int
        var endPosition: Int
    }

    /// Does token `t` stand for word `k` of the leaf, in the leaf's unit: its folded form, its
    /// lemma (the same form always has the same lemma, so only other forms are lemmatized) or its
    /// stem.
    static func tokenMatches(_ t: Token, _ l: QueryLeaf, _ k: Int, lemmas: SharedLemmaCache? = nil) -> Bool {
        switch l.kind {
        case .prefix:
            return t.term.utf8.starts(with: l.words[0].utf8)
        case .term, .phrase:
            switch l.unit {
            case .form: return t.term == l.words[k]
            case .stem: return t.stem == l.stems[k]
            case .word: return t.term == l.words[k] || (lemmas?.lemma(t.term) ?? EnglishLemmatizer.lemma(t.term)) == l.lemmas[k]
            }
        }
    }

    /// Occurrences of a body leaf (token index of its first and last word).
    func occurrences(_ l: QueryLeaf, sentence: Int?) -> [Occurrence] {
        var out: [Occurrence] = []
        let n = l.kind == .prefix ? 1 : l.words.count
        guard byPosition.count >= n else { return [] }
        for p in 0...(byPosition.count - n) {
            var firstIndex = -1
            var lastIndex = -1
            var ok = true
            for k in 0..<n {
                guard let hit = byPosition[p + k].first(where: { Self.tokenMatches(tokens[$0], l, k, lemmas: lemmas) }) else {
                    ok = false
                    break
                }
                if let sentence, sentenceOf[hit] != sentence {
                    ok = false
                    break
                }
                if k == 0 { firstIndex = hit }
                lastIndex = hit
            }
            if ok { out.append(Occurrence(first: firstIndex, last: lastIndex, startPosition: p, endPosition: p + n - 1)) }
        }
        return out
    }

    /// FTS5 NEAR: one occurrence of each leaf such that, measured from the occurrence that starts
    /// last, at most `distance` words lie between the end of every other occurrence and that start.
    func near(_ leaves: [QueryLeaf], distance: Int, sentence: Int?) -> [TextRangeValue] {
        let occ = leaves.map { occurrences($0, sentence: sentence) }
        if occ.contains(where: \.isEmpty) { return [] }
        var out: [TextRangeValue] = []
        for (li, list) in occ.enumerated() {
            for last in list {
                var chosen = [last]
                var ok = true
                for (lj, other) in occ.enumerated() where lj != li {
                    // the nearest occurrence starting at or before `last`
                    guard
                        let best = other.filter({ $0.startPosition <= last.startPosition })
                            .max(by: { $0.endPosition < $1.endPosition }),
                        last.startPosition - (best.endPosition + 1) <= distance
                    else {
                        ok = false
                        break
                    }
                    chosen.append(best)
                }
                guard ok else { continue }
                for o in chosen { out.append(TextRangeValue(start: tokens[o.first].start, end: tokens[o.last].end)) }
            }
        }
        return out
    }

    func fieldMatches(_ l: QueryLeaf) -> Bool {
        guard let ftoks = fields[l.field], !ftoks.isEmpty else { return false }
        let m = PassageMatcher(tokens: ftoks, sentenceStarts: [0])
        return !m.occurrences(Self.inField(l), sentence: nil).isEmpty
    }

    func nearInField(_ leaves: [QueryLeaf], _ distance: Int) -> Bool {
        guard let ftoks = fields[leaves[0].field], !ftoks.isEmpty else { return false }
        return !PassageMatcher(tokens: ftoks, sentenceStarts: [0]).near(leaves.map(Self.inField), distance: distance, sentence: nil).isEmpty
    }

    /// A metadata field's leaf as the field table answers it (`QueryLeaf.fieldUnit`).
    static func inField(_ leaf: QueryLeaf) -> QueryLeaf {
        var out = leaf
        out.unit = leaf.fieldUnit
        return out
    }
}

/// A byte range inside the store (hashable, internal).
struct TextRangeValue: Hashable, Sendable {
    var start: Int
    var end: Int
}
