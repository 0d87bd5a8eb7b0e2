import Foundation
import SamizdatIndex
import SamizdatModel
import Testing

@Suite struct ConcordanceTests {
    static func store(_ paragraphs: [[String]], id: String = "k") throws -> CorpusStore {
        var f = DocumentFixture(id: id, title: "KWIC")
        f.page("1")
        f.section("One", kind: .chapter)
        for p in paragraphs { f.paragraph(p) }
        let s = try CorpusStore.inMemory()
        _ = try s.apply(f.document)
        return s
    }

    @Test func contextWordsAndMatch() throws {
        let s = try Self.store([["alpha beta gamma delta epsilon zeta eta theta."]])
        let r = try s.kwic(KWICRequest(query: "epsilon", context: 2))
        let line = try #require(r.lines.first)
        #expect(r.total == 1)
        // the context as printed: the spaces next to the match are kept
        #expect(line.left == "gamma delta " && line.match == "epsilon" && line.right == " zeta eta")
        #expect(line.page == "1" && line.chapter == "One" && line.sentence == 0 && line.paragraph == 0)
        let phrase = try #require(try s.kwic(KWICRequest(query: "\"delta epsilon\"", context: 1)).lines.first)
        #expect(phrase.match == "delta epsilon" && phrase.left == "gamma " && phrase.right == " zeta")
    }

    @Test func sortsByLeftAndRightContext() throws {
        let s = try Self.store([
            ["b2 a1 x c1 z3."], ["a2 c1 x b1 y3."], ["c2 b1 x a1 x3."],
        ])
        func order(_ sort: ConcordanceSort) throws -> [Int] {
            try s.kwic(KWICRequest(query: "exact:x", context: 3, sort: sort)).lines.map(\.paragraph)
        }
        #expect(try order(.document) == [0, 1, 2])
        #expect(try order(.left1) == [0, 2, 1])  // a1, b1, c1
        #expect(try order(.left2) == [1, 0, 2])  // a2, b2, c2
        #expect(try order(.right1) == [2, 1, 0])  // a1, b1, c1
        #expect(try order(.right2) == [2, 1, 0])  // x3, y3, z3
    }

    @Test func pagingCoversEveryOccurrence() throws {
        let s = try Self.store((0..<30).map { ["The war \($0) and the war again."] })
        var seen: [Int] = []
        var offset = 0
        while true {
            let r = try s.kwic(KWICRequest(query: "war", context: 1, offset: offset, limit: 7))
            #expect(r.total == 60)
            if r.lines.isEmpty { break }
            seen += r.lines.map(\.start)
            offset += 7
        }
        #expect(seen.count == 60 && Set(seen).count == 60)
        #expect(seen == seen.sorted())
    }

    @Test func largeBookWithThousandsOfHits() throws {
        // about 1 MB, one document, thousands of hits of one word, no cap per document
        var f = DocumentFixture(id: "big", title: "Big Book")
        var expected = 0
        var rng = SplitMix(seed: 99)
        let words = ["the", "party", "line", "of", "history", "revolution", "and", "masses"]
        var page = 1
        while f.text.utf8.count < 1_000_000 {
            if f.paragraphs.count % 20 == 0 {
                f.page(String(page))
                page += 1
            }
            let sentence = (0..<12).map { _ in words.randomElement(using: &rng)! }
            expected += sentence.filter { $0 == "revolution" }.count
            f.paragraph([sentence.joined(separator: " ") + "."])
        }
        let store = try CorpusStore.inMemory()
        _ = try store.apply(f.document)
        let r = try store.kwic(KWICRequest(query: "revolution", documentID: "big", context: 4, sort: .right1, limit: 50))
        #expect(r.total == expected && expected > 5000)
        #expect(r.lines.count == 50)
        let tf = try store.terms(TermsRequest(terms: ["revolution"], documentID: "big"))
        #expect(tf.terms.first?.frequency == expected)
        // locations: every line's page is the page its paragraph was written on
        let doc = f.document
        for line in r.lines { #expect(line.page == doc.page(at: line.start)) }
    }
}
