import Foundation
import SamizdatModel
import Testing

@testable import SamizdatIndex

/// The counts index makes beside a search (`SearchRequest.counts`, from the matches alone) are
/// those the search page made before from a second search listing every passage (or, with many
/// passages, every document) with its hits read back: the same rows, figures, links and order.
@Suite struct PassageCountsTests {
    /// The counts made from hits, as report makes them from an index that does not count.
    static func fromHits(_ store: CorpusStore, query: String, documentID: String?, limits: PassageCounts.Limits) throws -> PassageCounts {
        let first = try store.search(SearchRequest(query: query, documentID: documentID, limit: 1, passagesPerDocument: 1, highlight: false))
        if PassageCounts.countsChapters(withinDocument: documentID != nil, totalPassages: first.totalPassages, limits: limits) {
            let every = try store.search(
                SearchRequest(
                    query: query,
                    documentID: documentID,
                    limit: min(max(first.totalPassages, 1), limits.passages),
                    passagesPerDocument: 1,
                    highlight: false
                )
            )
            let passages = every.hits.map { hit in
                PassageCounts.Passage(
                    documentID: hit.documentID,
                    title: hit.title,
                    chapter: hit.chapter ?? hit.section ?? "",
                    paragraph: hit.paragraph,
                    inNote: hit.note != nil
                )
            }
            return PassageCounts.byChapter(passages, totalPassages: every.totalPassages, totalDocuments: every.totalDocuments)
        }
        let every = try store.search(
            SearchRequest(query: query, limit: min(max(first.totalDocuments, 1), limits.documents), passagesPerDocument: 1, highlight: false)
        )
        let rows = every.documents.map { document in
            PassageCounts.Row(
                documentID: document.documentID,
                title: document.title,
                chapter: "",
                passages: document.matchingPassages,
                firstParagraph: document.hits.first?.paragraph ?? 0,
                inNote: document.hits.first?.note != nil
            )
        }
        return PassageCounts.byDocument(rows, totalPassages: every.totalPassages, totalDocuments: every.totalDocuments)
    }

    static let queries =
        ConcordancePositionsTests.queries + [
            "war AND camp", "war -camp", "war OR state", "war NEAR/3 camp", "title:document", "chapter:\"chapter 2\"", "chapter:1 war",
        ]

    /// Small limits reach every branch on a small corpus: passages counted in part, counts by
    /// document, documents listed in part.
    static let limits = [
        PassageCounts.Limits.standard,
        PassageCounts.Limits(passages: 4, chapterPassages: 9, documents: 3),
        PassageCounts.Limits(passages: 1, chapterPassages: 0, documents: 1),
    ]

    @Test(arguments: [UInt64(1), 7, 42])
    func theCountsAreThoseMadeFromEveryPassagesHit(seed: UInt64) throws {
        let store = try ConcordancePositionsTests.store(seed: seed, documents: 6)
        var byDocument = 0
        var withNotes = 0
        var partial = 0
        for query in Self.queries {
            for documentID in [nil, "doc2"] {
                for limits in Self.limits {
                    for region in [TextRegion.all, .notes] where region == .all || documentID == nil {
                        var request = SearchRequest(query: query, documentID: documentID, limit: 3, passagesPerDocument: 2, counts: true)
                        request.region = region
                        let answer = try store.search(request, countLimits: limits)
                        let counts = try #require(answer.counts)
                        var plain = request
                        plain.counts = false
                        let without = try store.search(plain, countLimits: limits)
                        #expect(without.counts == nil)
                        #expect(answer.documents == without.documents && answer.hits == without.hits, "\(query): counting changes no hit")
                        #expect(answer.totalPassages == without.totalPassages && answer.totalDocuments == without.totalDocuments)
                        #expect(counts.totalPassages == answer.totalPassages && counts.totalDocuments == answer.totalDocuments)
                        if region == .all {
                            let expected = try Self.fromHits(store, query: query, documentID: documentID, limits: limits)
                            #expect(counts == expected, "\(query) in \(documentID ?? "the corpus") within \(limits)")
                        } else {
                            let everyRowANote = counts.rows.allSatisfy { $0.inNote }
                            #expect(everyRowANote, "\(query): in the notes alone, every row is a note's")
                        }
                        byDocument += counts.byChapter ? 0 : 1
                        withNotes += counts.rows.contains(where: \.inNote) ? 1 : 0
                        partial += counts.partial ? 1 : 0
                    }
                }
            }
        }
        #expect(byDocument > 0 && withNotes > 0 && partial > 0, "every branch is reached")
    }

    @Test func countsAloneAnswerNoHitButTheTotals() throws {
        let store = try ConcordancePositionsTests.store(seed: 3)
        let answer = try store.search(SearchRequest(query: "war", limit: 0, passagesPerDocument: 1, highlight: false, counts: true))
        #expect(answer.documents.isEmpty && answer.hits.isEmpty)
        let counts = try #require(answer.counts)
        #expect(counts.totalPassages > 0)
        #expect(counts.rows.map(\.passages).reduce(0, +) == counts.totalPassages)
    }

    @Test func aRequestWithoutCountsDecodesAsBeforeAndAnswersNone() throws {
        let request = try WireCoding.decoder.decode(SearchRequest.self, from: Data(#"{"query": "war"}"#.utf8))
        #expect(!request.counts)
        let store = try ConcordancePositionsTests.store(seed: 3)
        let answer = try store.search(request)
        #expect(answer.counts == nil)
        let encoded = String(decoding: try WireCoding.encoder.encode(answer), as: UTF8.self)
        #expect(!encoded.contains("\"counts\""))
    }
}
