import Foundation
import SamizdatModel
import SamizdatText
import Testing

@testable import SamizdatIndex

/// Search by word, the default unit: a body word matches its inflections (the forms whose
/// lemma is its lemma), `stem:` every form with its Porter2 stem, `exact:` the folded form.
/// Written against `EnglishLemmatizer`'s API with words any version of it lemmatizes alike:
/// possessives ("stalin's" → "stalin") and words that are their own lemma.
@Suite struct WordUnitSearchTests {
    /// "stalin" has the forms stalin and stalin's, and shares its stem with stalinism (a merge);
    /// "marx" has marx and marx's, the only forms of the stem marx (the stem's key); "lenin"
    /// has one form (its own key).
    static let vocabulary = ["stalin", "stalin's", "stalinism", "marx", "marx's", "lenin", "strike", "coal", "state"]

    static func store(_ paragraphs: [String], id: String = "d") throws -> CorpusStore {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(document(paragraphs, id: id))
        return store
    }

    static func document(_ paragraphs: [String], id: String) -> SegmentedDocument {
        var fixture = DocumentFixture(id: id, title: "Document \(id)")
        for paragraph in paragraphs { fixture.paragraph([paragraph]) }
        return fixture.document
    }

    static func passages(_ store: CorpusStore, _ query: String) throws -> [Int] {
        let response = try store.search(SearchRequest(query: query, limit: 100, passagesPerDocument: 1000))
        return response.documents.flatMap { $0.hits.map(\.paragraph) }.sorted()
    }

    /// The postings a one-word query's leaf is answered with.
    static func source(_ store: CorpusStore, _ query: String) throws -> WordSource {
        guard case .leaf(let leaf) = try QueryParser().parse(query) else {
            Issue.record("\(query) is not one leaf")
            return .key("")
        }
        return store.state.query.words.source(leaf, 0)
    }

    static let texts = [
        "Stalin spoke at length.",
        "Stalin’s speech was long.",
        "Stalinism was a system.",
        "Marx wrote it.",
    ]

    @Test func theParserGivesEachLeafItsUnitAndItsWordsLemmas() throws {
        let parser = QueryParser()
        guard case .leaf(let word) = try parser.parse("Stalin's") else {
            Issue.record("not a leaf")
            return
        }
        #expect(word.unit == .word && word.words == ["stalin's"] && word.lemmas == ["stalin"] && !word.exact)
        guard case .leaf(let stem) = try parser.parse("stem:\"stalin's speech\"") else {
            Issue.record("not a leaf")
            return
        }
        #expect(stem.unit == .stem && stem.kind == .phrase && stem.stems == ["stalin", "speech"])
        guard case .leaf(let form) = try parser.parse("exact:stalin") else {
            Issue.record("not a leaf")
            return
        }
        #expect(form.unit == .form && form.exact)
        guard case .leaf(let prefix) = try parser.parse("stalin*") else {
            Issue.record("not a leaf")
            return
        }
        #expect(prefix.unit == .form)
        guard case .or(let children) = try parser.parse("stem:(lenin OR trotsky)") else {
            Issue.record("not OR")
            return
        }
        for case .leaf(let leaf) in children { #expect(leaf.unit == .stem) }
        guard case .leaf(let titled) = try parser.parse("title:stalin") else {
            Issue.record("not a leaf")
            return
        }
        #expect(titled.unit == .word && titled.fieldUnit == .stem)
        #expect(MatchExpression.compile(.leaf(titled)) == "title : \"~stalin\"")
    }

    @Test func aWordFindsItsPossessiveButNotItsDerivations() throws {
        let store = try Self.store(Self.texts)
        #expect(try Self.passages(store, "stalin") == [0, 1])
        #expect(try Self.passages(store, "stalin's") == [0, 1])
        #expect(try Self.passages(store, "stalinism") == [2])
    }

    @Test func stemPrefixFindsEveryFormOfTheStem() throws {
        let store = try Self.store(Self.texts)
        #expect(try Self.passages(store, "stem:stalin") == [0, 1, 2])
        #expect(try Self.passages(store, "stem:stalinism") == [0, 1, 2])
    }

    @Test func exactPrefixStillFindsTheFoldedFormOnly() throws {
        let store = try Self.store(Self.texts)
        #expect(try Self.passages(store, "exact:stalin") == [0])
        #expect(try Self.passages(store, "exact:stalin's") == [1])
        #expect(try Self.passages(store, "exact:\"stalin's speech\"") == [1])
    }

    @Test func aPhraseMatchesEveryInflectionAtItsWordPosition() throws {
        let store = try Self.store(["Stalin speech here.", "Stalin's speech there.", "Stalinism speech nowhere."])
        #expect(try Self.passages(store, "\"stalin speech\"") == [0, 1])
        #expect(try Self.passages(store, "\"stalin's speech\"") == [0, 1])
        #expect(try Self.passages(store, "stem:\"stalin speech\"") == [0, 1, 2])
        #expect(try Self.passages(store, "exact:\"stalin speech\"") == [0])
    }

    @Test func metadataFieldsKeepMatchingByStem() throws {
        let store = try CorpusStore.inMemory()
        var fixture = DocumentFixture(id: "book", title: "Stalinism and its critics")
        fixture.paragraph(["Nothing about it here."])
        _ = try store.apply(fixture.document)
        #expect(try Self.passages(store, "title:stalin") == [0])
        #expect(try Self.passages(store, "title:exact:stalin").isEmpty)
    }

    @Test func eachWordIsAnsweredByTheCheapestKeyThatHoldsExactlyItsForms() throws {
        let store = try Self.store(["Lenin and Marx and Marx's work.", "Stalin, Stalin's and Stalinism."])
        #expect(try Self.source(store, "lenin") == .key("lenin"))
        #expect(try Self.source(store, "marx") == .key("~marx"))
        #expect(try Self.source(store, "marx's") == .key("~marx"))
        guard case .forms(let forms) = try Self.source(store, "stalin") else {
            Issue.record("stalin should be answered by its forms merged")
            return
        }
        #expect(Set(forms) == ["stalin", "stalin's"])
        #expect(try Self.source(store, "stem:stalin") == .key("~stalin"))
        #expect(try Self.source(store, "exact:stalin") == .key("stalin"))
    }

    @Test func kwicLinesFollowTheUnitOfTheQuery() throws {
        let store = try Self.store(Self.texts)
        #expect(try store.kwic(KWICRequest(query: "stalin")).total == 2)
        #expect(try store.kwic(KWICRequest(query: "exact:stalin")).total == 1)
        #expect(try store.kwic(KWICRequest(query: "stem:stalin")).total == 3)
        let matches = try store.kwic(KWICRequest(query: "stalin")).lines.map(\.match)
        #expect(matches == ["Stalin", "Stalin’s"])
    }

    @Test func highlightsFollowTheUnitOfTheQuery() throws {
        let store = try Self.store(["Stalin and Stalin’s heirs, not Stalinism."])
        let word = try #require(try store.search(SearchRequest(query: "stalin")).hits.first)
        #expect(word.snippet == "«Stalin» and «Stalin’s» heirs, not Stalinism.")
        let stem = try #require(try store.search(SearchRequest(query: "stem:stalin")).hits.first)
        #expect(stem.snippet == "«Stalin» and «Stalin’s» heirs, not «Stalinism».")
        let exact = try #require(try store.search(SearchRequest(query: "exact:stalin")).hits.first)
        #expect(exact.snippet == "«Stalin» and Stalin’s heirs, not Stalinism.")
    }

    @Test func kwicSortsNeighboursByTheirFormWhateverTheUnitOfTheQuery() throws {
        let store = try Self.store(["Marx's stalin.", "Engels stalin.", "Marx stalin."])
        // the neighbours as they read: engels, marx, marx's (not marx's = marx, as the word unit would have it)
        let byWord = try store.kwic(KWICRequest(query: "stalin", sort: .left1)).lines.map(\.paragraph)
        #expect(byWord == [1, 2, 0])
        let byForm = try store.kwic(KWICRequest(query: "exact:stalin", sort: .left1)).lines.map(\.paragraph)
        #expect(byForm == [1, 2, 0])
    }

    @Test func theLemmaIndexCatchesUpWhenDocumentsBringNewForms() throws {
        let store = try Self.store(["Stalin spoke."], id: "first")
        #expect(try Self.source(store, "stalin") == .key("stalin"))
        #expect(try Self.passages(store, "stalin") == [0])
        let indexed = store.state.lemmas.indexedForms
        _ = try store.apply(Self.document(["Stalin’s speech.", "Stalinism grew."], id: "second"))
        guard case .forms(let forms) = try Self.source(store, "stalin") else {
            Issue.record("stalin should now be answered by its forms merged")
            return
        }
        #expect(Set(forms) == ["stalin", "stalin's"])
        #expect(store.state.lemmas.indexedForms > indexed)
        let response = try store.search(SearchRequest(query: "stalin", limit: 10, passagesPerDocument: 10))
        #expect(response.totalPassages == 2)
        #expect(Set(response.documents.map(\.documentID)) == ["first", "second"])
        #expect(try store.rankedPassageIDs("stalin", limit: 10).count == 2)
    }

    @Test func termStatisticsCountInTheUnitAsked() throws {
        let store = try Self.store(Self.texts)
        let word = try #require(try store.terms(TermsRequest(terms: ["Stalin"])).terms.first)
        #expect(word.term == "stalin" && word.forms == ["stalin", "stalin's"] && word.frequency == 2)
        let form = try #require(try store.terms(TermsRequest(terms: ["Stalin"], unit: .form)).terms.first)
        #expect(form.term == "stalin" && form.forms == ["stalin"] && form.frequency == 1)
        let stem = try #require(try store.terms(TermsRequest(terms: ["Stalin"], unit: .stem)).terms.first)
        #expect(stem.term == "stalin" && stem.frequency == 3 && stem.forms == ["stalin", "stalin's", "stalinism"])
        let listed = try store.terms(TermsRequest(prefix: "stalin", limit: 10))
        #expect(listed.terms.map(\.term).sorted() == ["stalin", "stalinism"])
        #expect(listed.terms.first { $0.term == "stalin" }?.documentFrequency == 1)
        #expect(listed.terms.first { $0.term == "stalin" }?.frequency == 2)
    }

    @Test func anOlderTermsRequestWithStemmedIsReadAsTheStemUnit() throws {
        let legacy = try JSONDecoder().decode(TermsRequest.self, from: Data(#"{"terms":["a"],"stemmed":true}"#.utf8))
        #expect(legacy.unit == .stem)
        let plain = try JSONDecoder().decode(TermsRequest.self, from: Data(#"{"terms":["a"]}"#.utf8))
        #expect(plain.unit == .word)
        let explicit = try JSONDecoder().decode(TermsRequest.self, from: Data(#"{"unit":"form","stemmed":true}"#.utf8))
        #expect(explicit.unit == .form)
    }
}
