import Foundation
import SamizdatModel
import Testing

@testable import SamizdatIndex

/// The concordance counted and ordered from the postings' positions (`kwic`) gives exactly what
/// the full computation, which tokenizes every matching paragraph (`kwicByTokenizing`), gives:
/// the same total, the same lines on every page, in every sort order.
@Suite struct ConcordancePositionsTests {
    static let vocabulary = [
        "war", "wars", "warring", "camp", "camps", "post-war", "postwar", "state", "states", "stated", "party", "the", "of",
        "and", "Žižek", "Stalin’s", "revolution", "revolutions", "x-ray", "forms", "form", "formed", "well-known",
    ]

    /// Documents of random sentences over `vocabulary` (hyphenated compounds, folded forms,
    /// inflections), with chapters, pages and a note per document.
    static func store(seed: UInt64, documents: Int = 4) throws -> CorpusStore {
        var random = SplitMix(seed: seed)
        let store = try CorpusStore.inMemory()
        for documentIndex in 0..<documents {
            var fixture = DocumentFixture(id: "doc\(documentIndex)", title: "Document \(documentIndex)", source: "doc\(documentIndex).txt")
            var page = 1
            for chapter in 0..<2 {
                fixture.section("Chapter \(chapter + 1)", kind: .chapter)
                for _ in 0..<Int.random(in: 3...8, using: &random) {
                    fixture.page(String(page))
                    page += 1
                    let sentences = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                        (0..<Int.random(in: 2...14, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }
                            .joined(separator: " ") + "."
                    }
                    fixture.paragraph(sentences)
                }
            }
            var document = fixture.document
            let noteText = (0..<9).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ") + "."
            document.notes = [Note(label: "1", text: noteText, marker: document.paragraphs[0].end - 1, section: 0, page: "1")]
            _ = try store.apply(document)
        }
        return store
    }

    static let queries = [
        "war", "exact:war", "stem:war", "war*", "post*", "postwar", "\"post-war\"", "\"the war\"", "\"of the\"", "zizek", "stalin's",
        "camps", "exact:forms", "form", "well", "x-ray", "ray", "known", "absent",
    ]

    /// The positions' answer itself (nil: it found the text and the postings at odds).
    static func fromPositions(_ store: CorpusStore, _ request: KWICRequest) throws -> KWICResponse? {
        let node = try store.parser.parse(request.query)
        guard case .leaf(let leaf) = node else {
            return nil
        }
        let (snapshot, words) = store.state.query
        return try store.writer.read { db in
            try store.kwicFromPositions(db, request, node: node, leaf: leaf, snapshot: snapshot, words: words)
        }
    }

    @Test(arguments: [UInt64(1), 7, 42])
    func everySortAndPageIsTheFullComputations(seed: UInt64) throws {
        let store = try Self.store(seed: seed)
        for query in Self.queries {
            for sort in ConcordanceSort.allCases {
                for (offset, limit) in [(0, 1000), (0, 7), (5, 3), (11, 50)] {
                    let request = KWICRequest(query: query, context: 3, sort: sort, offset: offset, limit: limit)
                    let fast = try #require(try Self.fromPositions(store, request), "\(query) \(sort): the positions' path answers")
                    #expect(try store.kwic(request) == fast)
                    let full = try store.kwicByTokenizing(request)
                    #expect(fast.total == full.total, "\(query) \(sort) total")
                    #expect(fast.lines == full.lines, "\(query) \(sort) offset \(offset) limit \(limit)")
                }
            }
        }
    }

    @Test func pagingThroughEveryLineInEverySortMeetsEachLineOnce() throws {
        let store = try Self.store(seed: 5, documents: 6)
        for sort in [ConcordanceSort.document, .left2, .right1] {
            let total = try store.kwic(KWICRequest(query: "war", sort: sort, limit: 1)).total
            var seen: [String] = []
            var offset = 0
            while offset < total {
                let page = try store.kwic(KWICRequest(query: "war", sort: sort, offset: offset, limit: 9))
                seen += page.lines.map { "\($0.documentID) \($0.paragraph) \($0.note?.index ?? -1) \($0.start)" }
                offset += 9
            }
            #expect(total > 50)
            #expect(seen.count == total && Set(seen).count == total, "\(sort)")
        }
    }

    @Test func withinOneDocumentAndInTheNotesAlone() throws {
        let store = try Self.store(seed: 11)
        for query in ["war", "the", "post*"] {
            for sort in [ConcordanceSort.document, .right2] {
                var inDocument = KWICRequest(query: query, documentID: "doc2", sort: sort, limit: 1000)
                #expect(try store.kwic(inDocument) == store.kwicByTokenizing(inDocument))
                inDocument.region = .notes
                inDocument.documentID = nil
                #expect(try store.kwic(inDocument) == store.kwicByTokenizing(inDocument))
            }
        }
    }
}
