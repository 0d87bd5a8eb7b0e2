import Foundation
import SamizdatIndex
import SamizdatModel
import SamizdatReports
import Testing

/// Every report stays exact as texts stream in, are replaced and deleted: computed on a store
/// that went through all that, it equals the same report computed on a fresh store holding
/// only the final texts.
@Suite struct ReportExactnessTests {
    /// A generated book: chapters of sentences drawn from a small vocabulary with inflections,
    /// a note per chapter and a citation.
    static func book(_ id: String, version: Int = 1, seed: UInt64) -> SegmentedDocument {
        var random = SplitMix(seed: seed)
        let words = [
            "camp", "camps", "soul", "souls", "stalin", "stalin's", "stalinism", "labour", "worker", "workers", "study",
            "studies", "the", "of", "and", "a", "woman", "women", "social", "socialism", "socially", "terror", "state",
        ]
        var fixture = DocumentFixture(id: id, title: "Book \(id)", author: "Author \(seed % 3)", source: "\(id).txt")
        fixture.version = version
        for chapter in 0..<3 {
            fixture.page(String(chapter * 10 + 1))
            fixture.section("Chapter \(chapter + 1) \(words[Int(random.next() % UInt64(words.count))])", kind: .chapter)
            for _ in 0..<4 {
                let sentences = (0..<3).map { _ in
                    (0..<(5 + Int(random.next() % 8))).map { _ in words[Int(random.next() % UInt64(words.count))] }
                        .joined(separator: " ") + "."
                }
                fixture.paragraph(sentences.map { $0.prefix(1).uppercased() + $0.dropFirst() })
            }
        }
        var document = fixture.document
        document.notes = document.sections.indices.map { index in
            Note(
                label: String(index + 1),
                text: "A note on \(words[Int(random.next() % UInt64(words.count))]) and camps.",
                marker: document.paragraphs[index * 4].end - 1,
                section: index,
                page: "99"
            )
        }
        return document
    }

    /// Every report, as JSON, over `store`.
    static func reports(_ store: CorpusStore) throws -> [String: Data] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out: [String: Data] = [:]
        for unit in CountingUnit.allCases {
            out["words-\(unit)"] = try encoder.encode(store.wordList(WordListRequest(unit: unit, limit: 10_000)))
            out["words-notes-\(unit)"] = try encoder.encode(
                store.wordList(WordListRequest(unit: unit, scope: ReportScope(region: .notes), limit: 10_000))
            )
            out["ngrams-\(unit)"] = try encoder.encode(store.ngrams(NGramsRequest(n: 3, unit: unit, minFrequency: 1, limit: 10_000)))
            // the whole corpus's bigrams from the n-gram table, built on first request
            out["bigrams-\(unit)"] = try encoder.encode(store.ngrams(NGramsRequest(n: 2, unit: unit, minFrequency: 2, limit: 5)))
            out["collocates-top-\(unit)"] = try encoder.encode(
                store.collocates(CollocatesRequest(node: "camp", unit: unit, minFrequency: 1, sort: .g2, limit: 3))
            )
            out["keywords-top-\(unit)"] = try encoder.encode(
                store.keywords(KeywordsRequest(unit: unit, scope: ReportScope(document: "b"), limit: 3))
            )
            out["collocates-\(unit)"] = try encoder.encode(
                store.collocates(CollocatesRequest(node: "camp", unit: unit, minFrequency: 1, limit: 10_000))
            )
            out["keywords-\(unit)"] = try encoder.encode(
                store.keywords(KeywordsRequest(unit: unit, scope: ReportScope(document: "b"), polarity: .both, limit: 10_000))
            )
            out["dispersion-\(unit)"] = try encoder.encode(store.dispersion(DispersionRequest(term: "soul", unit: unit, parts: 7)))
            out["trends-\(unit)"] = try encoder.encode(
                store.trends(TrendsRequest(terms: ["camp", "terror"], unit: unit, scope: ReportScope(document: "b"), across: .chapters))
            )
            out["compare-\(unit)"] = try encoder.encode(
                store.compare(CompareRequest(unit: unit, scope: ReportScope(document: "a"), other: ReportScope(document: "b"), limit: 10_000))
            )
        }
        out["citations"] = try encoder.encode(store.citations(CitationsRequest(limit: 10_000)))
        return out
    }

    @Test func everyReportAfterVersionsAndDeletesEqualsTheReportFromScratch() throws {
        let streamed = try CorpusStore.inMemory()
        _ = try streamed.apply(Self.book("a", seed: 1))
        _ = try streamed.apply(Self.book("b", seed: 2))
        _ = try streamed.apply(Self.book("gone", seed: 3))
        _ = try Self.reports(streamed)
        _ = try streamed.apply(Self.book("b", version: 2, seed: 4))
        _ = try streamed.apply(Self.book("b", version: 2, seed: 4))
        #expect(try streamed.delete(documentID: "gone"))
        _ = try Self.reports(streamed)
        _ = try streamed.apply(Self.book("c", seed: 5))

        let fresh = try CorpusStore.inMemory()
        _ = try fresh.apply(Self.book("a", seed: 1))
        _ = try fresh.apply(Self.book("b", version: 2, seed: 4))
        _ = try fresh.apply(Self.book("c", seed: 5))

        let expected = try Self.reports(fresh)
        let actual = try Self.reports(streamed)
        #expect(Set(actual.keys) == Set(expected.keys))
        for key in expected.keys.sorted() {
            #expect(actual[key] == expected[key], "report \(key) differs")
        }
    }
}
