import SamizdatIndex
import SamizdatModel
import SamizdatText
import Testing

/// Phrase, NEAR, scope and boolean results checked against a brute-force scan of the same
/// generated texts. The vocabulary's words are their own stems, so the scan needs no analyzer:
/// it splits on spaces and full stops.
@Suite struct BruteForceTests {
    static let vocabulary = ["lenin", "marx", "strike", "state", "war", "iron", "bread", "land", "soviet", "coal"]

    struct Corpus {
        var documents: [SegmentedDocument] = []
        /// document id → paragraphs → sentences → words
        var words: [String: [[[String]]]] = [:]
    }

    static func corpus(seed: UInt64, documents: Int = 6, paragraphs: ClosedRange<Int> = 3...8) -> Corpus {
        var rng = SplitMix(seed: seed)
        var c = Corpus()
        for d in 0..<documents {
            var f = DocumentFixture(id: "g\(d)", title: "Generated \(d)")
            var doc: [[[String]]] = []
            for _ in 0..<Int.random(in: paragraphs, using: &rng) {
                var sentences: [[String]] = []
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    sentences.append((0..<Int.random(in: 2...9, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! })
                }
                f.paragraph(sentences.map { $0.joined(separator: " ").capitalizedFirst + "." })
                doc.append(sentences)
            }
            c.documents.append(f.document)
            c.words[f.id] = doc
        }
        return c
    }

    struct Key: Hashable, Comparable {
        var doc: String
        var paragraph: Int
        static func < (a: Key, b: Key) -> Bool { (a.doc, a.paragraph) < (b.doc, b.paragraph) }
    }

    static func found(_ store: CorpusStore, _ query: String) throws -> [Key] {
        let r = try store.search(SearchRequest(query: query, limit: 1000, passagesPerDocument: 1000))
        return r.documents.flatMap { d in d.hits.map { Key(doc: d.documentID, paragraph: $0.paragraph) } }.sorted()
    }

    static func scan(_ c: Corpus, _ matches: ([[String]]) -> Bool) -> [Key] {
        c.words.flatMap { doc, paragraphs in
            paragraphs.enumerated().compactMap { i, sentences in matches(sentences) ? Key(doc: doc, paragraph: i) : nil }
        }.sorted()
    }

    static func hasPhrase(_ words: [String], _ phrase: [String]) -> Bool {
        guard words.count >= phrase.count else { return false }
        return (0...(words.count - phrase.count)).contains { Array(words[$0..<($0 + phrase.count)]) == phrase }
    }

    /// FTS5 NEAR on single words: at most k words between each chosen word and the last one.
    static func near(_ words: [String], _ terms: [String], _ k: Int) -> Bool {
        let positions = terms.map { t in words.indices.filter { words[$0] == t } }
        if positions.contains(where: \.isEmpty) { return false }
        func search(_ i: Int, _ chosen: [Int]) -> Bool {
            if i == terms.count { return chosen.allSatisfy { chosen.max()! - $0 - 1 <= k } }
            return positions[i].contains { search(i + 1, chosen + [$0]) }
        }
        return search(0, [])
    }

    /// Lists longer than a skip block, spread over several segments (or in one segment as a
    /// write flushes it, `batch` 9), some holding deleted documents: AND, NOT and phrases
    /// (answered with skipping cursors) still equal the scan, before and after the segments are
    /// merged.
    @Test(arguments: [(UInt64(21), 2), (22, 2), (23, 9)])
    func longListsAcrossSegmentsWithDeletes(seed: UInt64, batch: Int) throws {
        var c = Self.corpus(seed: seed, documents: 9, paragraphs: 50...90)
        let store = try CorpusStore.inMemory()
        for i in stride(from: 0, to: c.documents.count, by: batch) {
            _ = try store.apply(Array(c.documents[i..<min(i + batch, c.documents.count)]))
        }
        for gone in ["g2", "g5"] {
            #expect(try store.delete(documentID: gone))
            c.words[gone] = nil
        }
        let queries: [(String, ([[String]]) -> Bool)] = [
            ("lenin marx", { p in p.joined().contains("lenin") && p.joined().contains("marx") }),
            ("strike AND state AND coal", { p in ["strike", "state", "coal"].allSatisfy(p.joined().contains) }),
            ("lenin -marx", { p in p.joined().contains("lenin") && !p.joined().contains("marx") }),
            // a phrase may run over a full stop, as in FTS5: positions go on through the paragraph
            ("\"lenin marx\"", { p in Self.hasPhrase(Array(p.joined()), ["lenin", "marx"]) }),
            ("\"war iron land\"", { p in Self.hasPhrase(Array(p.joined()), ["war", "iron", "land"]) }),
            ("\"coal coal\" bread", { p in Self.hasPhrase(Array(p.joined()), ["coal", "coal"]) && p.joined().contains("bread") }),
        ]
        for merged in [false, true] {
            if merged { try store.optimize() }
            for (q, m) in queries {
                let expected = Self.scan(c, m)
                #expect(!expected.isEmpty, "\(q) should match something")
                let found = try Self.found(store, q)
                #expect(
                    found == expected,
                    "\(q), merged: \(merged): \(Set(expected).subtracting(found).sorted().prefix(3)) missing, \(Set(found).subtracting(expected).sorted().prefix(3)) extra"
                )
            }
        }
    }

    @Test func vocabularyIsItsOwnStem() {
        for w in Self.vocabulary { #expect(EnglishStemmer.stem(w) == w) }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func phrases(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        let store = try CorpusStore.inMemory()
        for d in c.documents { _ = try store.apply(d) }
        for (a, b) in [("lenin", "marx"), ("war", "iron"), ("strike", "state"), ("bread", "land")] {
            let expected = Self.scan(c) { Self.hasPhrase($0.flatMap { $0 }, [a, b]) }
            #expect(try Self.found(store, "\"\(a) \(b)\"") == expected, "\(a) \(b)")
        }
        let three = Self.scan(c) { Self.hasPhrase($0.flatMap { $0 }, ["soviet", "coal", "war"]) }
        #expect(try Self.found(store, "\"soviet coal war\"") == three)
    }

    @Test(arguments: [UInt64(4), 5, 6])
    func nearQueries(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        let store = try CorpusStore.inMemory()
        for d in c.documents { _ = try store.apply(d) }
        for k in 0...3 {
            for (a, b) in [("lenin", "marx"), ("war", "land"), ("strike", "coal")] {
                let expected = Self.scan(c) { Self.near($0.flatMap { $0 }, [a, b], k) }
                #expect(try Self.found(store, "\(a) NEAR/\(k) \(b)") == expected, "\(a) NEAR/\(k) \(b)")
            }
            let expected3 = Self.scan(c) { Self.near($0.flatMap { $0 }, ["lenin", "war", "bread"], k + 2) }
            // the Swift matcher (used under sentence scopes) agrees with FTS5 on NEAR
            let inSentence = Self.scan(c) { $0.contains { Self.near($0, ["lenin", "war"], k) } }
            #expect(try Self.found(store, "sentence:(lenin NEAR/\(k) war)") == inSentence)
            #expect(try Self.found(store, "lenin NEAR/\(k + 2) war NEAR/\(k + 2) bread") == expected3)
        }
    }

    @Test(arguments: [UInt64(7), 8, 9])
    func sentenceAndParagraphScopes(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        let store = try CorpusStore.inMemory()
        for d in c.documents { _ = try store.apply(d) }
        for (a, b) in [("lenin", "marx"), ("war", "iron"), ("soviet", "land")] {
            let inSentence = Self.scan(c) { $0.contains { $0.contains(a) && $0.contains(b) } }
            #expect(try Self.found(store, "sentence:(\(a) \(b))") == inSentence, "sentence \(a) \(b)")
            let inParagraph = Self.scan(c) { p in p.contains { $0.contains(a) } && p.contains { $0.contains(b) } }
            #expect(try Self.found(store, "paragraph:(\(a) \(b))") == inParagraph)
            #expect(try Self.found(store, "\(a) \(b)") == inParagraph)
            // a sentence holding a but not b
            let aNotB = Self.scan(c) { $0.contains { $0.contains(a) && !$0.contains(b) } }
            #expect(try Self.found(store, "sentence:(\(a) -\(b))") == aNotB)
        }
        // sentence scope with a phrase and an OR inside
        let mixed = Self.scan(c) { $0.contains { s in Self.hasPhrase(s, ["strike", "state"]) && (s.contains("war") || s.contains("coal")) } }
        #expect(try Self.found(store, "sentence:(\"strike state\" (war OR coal))") == mixed)
    }

    @Test(arguments: [UInt64(10), 11])
    func booleans(seed: UInt64) throws {
        let c = Self.corpus(seed: seed)
        let store = try CorpusStore.inMemory()
        for d in c.documents { _ = try store.apply(d) }
        func has(_ p: [[String]], _ w: String) -> Bool { p.contains { $0.contains(w) } }
        #expect(try Self.found(store, "lenin OR marx") == Self.scan(c) { has($0, "lenin") || has($0, "marx") })
        #expect(try Self.found(store, "lenin AND marx") == Self.scan(c) { has($0, "lenin") && has($0, "marx") })
        #expect(try Self.found(store, "lenin -marx") == Self.scan(c) { has($0, "lenin") && !has($0, "marx") })
        #expect(try Self.found(store, "lenin NOT marx") == Self.scan(c) { has($0, "lenin") && !has($0, "marx") })
        #expect(
            try Self.found(store, "(war OR iron) -(bread OR land)")
                == Self.scan(c) {
                    (has($0, "war") || has($0, "iron")) && !has($0, "bread") && !has($0, "land")
                }
        )
        #expect(try Self.found(store, "sov*") == Self.scan(c) { has($0, "soviet") })
    }

    @Test func kwicCountsEqualTermFrequency() throws {
        let c = Self.corpus(seed: 12)
        let store = try CorpusStore.inMemory()
        for d in c.documents { _ = try store.apply(d) }
        for w in Self.vocabulary {
            let scanned = c.words.values.flatMap { $0 }.flatMap { $0 }.flatMap { $0 }.filter { $0 == w }.count
            let tf = try #require(try store.terms(TermsRequest(terms: [w])).terms.first)
            #expect(tf.frequency == scanned)
            #expect(try store.kwic(KWICRequest(query: w, limit: 0)).total == scanned)
            #expect(try store.kwic(KWICRequest(query: "exact:\(w)", limit: 0)).total == scanned)
            let perDocument = tf.documents.reduce(0) { $0 + $1.count }
            #expect(perDocument == scanned)
            #expect(tf.documentFrequency == c.words.values.filter { $0.flatMap { $0 }.flatMap { $0 }.contains(w) }.count)
        }
        let phrase = c.words.values.flatMap { $0 }.map { p -> Int in
            let words = p.flatMap { $0 }
            guard words.count >= 2 else { return 0 }
            return (0..<(words.count - 1)).filter { words[$0] == "war" && words[$0 + 1] == "iron" }.count
        }.reduce(0, +)
        #expect(try store.kwic(KWICRequest(query: "\"war iron\"", limit: 0)).total == phrase)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
