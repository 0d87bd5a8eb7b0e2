import SamizdatModel
import SamizdatText
import Testing

@testable import SamizdatIndex

/// Queries by word, stem and form checked against a brute-force scan of generated texts whose
/// words exercise the three ways a word is answered: "lenin" by its own key, "marx" (with
/// "marx's") by the stem's key, "stalin" (with "stalin's", beside "stalinism" of the same stem)
/// by its forms merged. The scan compares words by `EnglishLemmatizer.lemma` and
/// `EnglishStemmer.stem`, the same functions the index uses.
@Suite struct WordUnitBruteForceTests {
    static let vocabulary = ["stalin", "stalin's", "stalinism", "marx", "marx's", "lenin", "strike", "coal", "state"]

    /// Does corpus word `word` stand for query word `query` in `unit`?
    static func same(_ word: String, _ query: String, _ unit: CountingUnit) -> Bool {
        switch unit {
        case .form: return word == query
        case .word: return EnglishLemmatizer.lemma(word) == EnglishLemmatizer.lemma(query)
        case .stem: return EnglishStemmer.stem(word) == EnglishStemmer.stem(query)
        }
    }

    static func contains(_ words: some Sequence<String>, _ query: String, _ unit: CountingUnit) -> Bool {
        words.contains { same($0, query, unit) }
    }

    static func hasPhrase(_ sequence: some Sequence<String>, _ phrase: [String], _ unit: CountingUnit) -> Bool {
        let words = Array(sequence)
        guard words.count >= phrase.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            phrase.indices.allSatisfy { same(words[start + $0], phrase[$0], unit) }
        }
    }

    typealias Scan = ([[String]]) -> Bool

    static var queries: [(String, Scan)] {
        [
            ("lenin", { contains($0.joined(), "lenin", .word) }),
            ("marx", { contains($0.joined(), "marx", .word) }),
            ("stalin", { contains($0.joined(), "stalin", .word) }),
            ("stalin's", { contains($0.joined(), "stalin", .word) }),
            ("stem:stalin", { contains($0.joined(), "stalin", .stem) }),
            ("exact:stalin", { contains($0.joined(), "stalin", .form) }),
            ("stalinism", { contains($0.joined(), "stalinism", .word) }),
            ("stalin marx", { contains($0.joined(), "stalin", .word) && contains($0.joined(), "marx", .word) }),
            ("stalin -lenin", { contains($0.joined(), "stalin", .word) && !contains($0.joined(), "lenin", .word) }),
            ("lenin -stalin", { contains($0.joined(), "lenin", .word) && !contains($0.joined(), "stalin", .word) }),
            ("marx -exact:marx", { contains($0.joined(), "marx", .word) && !contains($0.joined(), "marx", .form) }),
            ("stalin OR coal", { contains($0.joined(), "stalin", .word) || contains($0.joined(), "coal", .word) }),
            ("\"stalin strike\"", { hasPhrase($0.joined(), ["stalin", "strike"], .word) }),
            ("\"marx stalin\"", { hasPhrase($0.joined(), ["marx", "stalin"], .word) }),
            ("\"lenin stalin coal\"", { hasPhrase($0.joined(), ["lenin", "stalin", "coal"], .word) }),
            ("stem:\"stalin strike\"", { hasPhrase($0.joined(), ["stalin", "strike"], .stem) }),
            ("exact:\"stalin's marx\"", { hasPhrase($0.joined(), ["stalin's", "marx"], .form) }),
            (
                "sentence:(stalin coal)",
                { sentences in
                    sentences.contains { contains($0, "stalin", .word) && contains($0, "coal", .word) }
                }
            ),
        ]
    }

    static func corpus(seed: UInt64) -> BruteForceTests.Corpus {
        var generator = SplitMix(seed: seed)
        var corpus = BruteForceTests.Corpus()
        for index in 0..<8 {
            var fixture = DocumentFixture(id: "w\(index)", title: "Generated \(index)")
            var paragraphs: [[[String]]] = []
            for _ in 0..<Int.random(in: 20...60, using: &generator) {
                var sentences: [[String]] = []
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    sentences.append(
                        (0..<Int.random(in: 2...8, using: &generator)).map { _ in
                            vocabulary.randomElement(using: &generator)!
                        }
                    )
                }
                fixture.paragraph(sentences.map { $0.joined(separator: " ").capitalizedFirst + "." })
                paragraphs.append(sentences)
            }
            corpus.documents.append(fixture.document)
            corpus.words[fixture.id] = paragraphs
        }
        return corpus
    }

    /// Written in several segments, then merged into one: each query's hits equal the scan's,
    /// and the words are answered the three ways.
    @Test(arguments: [UInt64(31), 32])
    func wordQueriesEqualTheScanWhicheverKeyAnswersThem(seed: UInt64) throws {
        let corpus = Self.corpus(seed: seed)
        let store = try CorpusStore.inMemory()
        for start in stride(from: 0, to: corpus.documents.count, by: 3) {
            _ = try store.apply(Array(corpus.documents[start..<min(start + 3, corpus.documents.count)]))
        }
        let words = store.state.query.words
        #expect(words.source(lemma: "lenin", form: "lenin") == .key("lenin"))
        #expect(words.source(lemma: "marx", form: "marx") == .key("~marx"))
        #expect(
            words.source(lemma: "stalin", form: "stalin") == .forms(["stalin", "stalin's"])
                || words.source(lemma: "stalin", form: "stalin") == .forms(["stalin's", "stalin"])
        )
        for optimized in [false, true] {
            if optimized { try store.optimize() }
            for (query, scan) in Self.queries {
                let expected = BruteForceTests.scan(corpus, scan)
                #expect(!expected.isEmpty, "\(query) should match something")
                let found = try BruteForceTests.found(store, query)
                #expect(
                    found == expected,
                    "\(query), optimized: \(optimized): \(Set(expected).subtracting(found).count) missing, \(Set(found).subtracting(expected).count) extra"
                )
            }
        }
    }

    /// A word's KWIC count is its frequency in `terms` in the same unit, and the ranked top
    /// documents of a word whose forms are merged are those `search` ranks first.
    @Test func kwicCountsAndRankingAgreeWithTermsForEveryUnit() throws {
        let corpus = Self.corpus(seed: 33)
        let store = try CorpusStore.inMemory()
        _ = try store.apply(corpus.documents)
        for (prefix, unit) in [("", CountingUnit.word), ("stem:", .stem), ("exact:", .form)] {
            for word in ["stalin", "marx", "lenin"] {
                let total = try store.kwic(KWICRequest(query: prefix + word, limit: 0)).total
                let terms = try #require(try store.terms(TermsRequest(terms: [word], unit: unit)).terms.first)
                #expect(total == terms.frequency, "\(prefix)\(word)")
                var scanned = 0
                for paragraphs in corpus.words.values {
                    for sentences in paragraphs {
                        for corpusWord in sentences.joined() where Self.same(corpusWord, word, unit) { scanned += 1 }
                    }
                }
                #expect(total == scanned, "\(prefix)\(word)")
            }
        }
    }

    /// The ranked top documents (block-max top-k where every word is one key, else the full
    /// ranking) are those the full ranking gives, whichever way each word is answered.
    @Test func rankedTopDocumentsEqualTheFullRankingForEveryKeyChoice() throws {
        let corpus = Self.corpus(seed: 34)
        let store = try CorpusStore.inMemory()
        _ = try store.apply(corpus.documents)
        let (snapshot, words) = store.state.query
        for query in ["stalin", "marx", "lenin", "stalin marx", "marx lenin -stalin", "lenin -marx", "\"marx stalin\"", "stem:stalin"] {
            for limit in [1, 3, 10] {
                let full = try #require(
                    try store.rank(
                        nil,
                        snapshot,
                        words,
                        try store.parser.parse(query),
                        documentID: nil,
                        perDocument: 1,
                        keep: limit
                    )
                )
                #expect(try store.rankedPassageIDs(query, limit: limit) == full.documents.map { $0.top[0].id }, "\(query) top \(limit)")
            }
        }
    }
}
