import Foundation
import SamizdatModel
import Testing

@testable import SamizdatCorpus

@Suite struct CorpusGeneratorTests {
    @Test func sameSeedSameBytes() throws {
        let a = Array(CorpusGenerator(seed: 7, megabytes: 0.4))
        let b = Array(CorpusGenerator(seed: 7, megabytes: 0.4))
        #expect(a.count == b.count)
        #expect(a.map(\.text) == b.map(\.text))
        #expect(a.map(\.truth) == b.map(\.truth))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try a.map { try encoder.encode($0.truth) } == b.map { try encoder.encode($0.truth) })
    }

    @Test func otherSeedOtherText() {
        let a = CorpusGenerator(seed: 1, megabytes: 1).document(index: 0, kind: .article, targetBytes: 25_000)
        let b = CorpusGenerator(seed: 2, megabytes: 1).document(index: 0, kind: .article, targetBytes: 25_000)
        #expect(a.text != b.text)
    }

    @Test func aDocumentCanBeRegeneratedAlone() {
        let g = CorpusGenerator(seed: 11, megabytes: 0.3)
        let all = Array(g)
        let third = all[2]
        #expect(g.document(index: 2, kind: third.kind, targetBytes: third.truth.bytes).name == third.name)
        // Same plan -> same text: replay the plans.
        var it = g.makeIterator()
        var plans: [CorpusGenerator.Plan] = []
        while let p = it.nextPlanForTesting() { plans.append(p) }
        #expect(g.document(plans[2]).text == third.text)
    }

    @Test func sizeAndMix() {
        let docs = Array(CorpusGenerator(seed: 42, megabytes: 3))
        let bytes = docs.reduce(0) { $0 + $1.text.utf8.count }
        #expect(bytes >= 3_000_000)
        #expect(bytes < 3_000_000 + 1_200_000)
        #expect(docs.allSatisfy { $0.truth.bytes == $0.text.utf8.count })
        #expect(docs.allSatisfy { $0.text.utf8.count >= 15_000 })
        #expect(Set(docs.map(\.kind)).count >= 2)
        #expect(docs.map(\.name) == docs.indices.map { String(format: "doc_%05d", $0) })
    }

    @Test func vocabularyIsZipfLike() {
        let doc = CorpusGenerator(seed: 3, megabytes: 1).document(index: 0, kind: .blog, targetBytes: 200_000)
        var counts: [String: Int] = [:]
        for w in Scorer.words(doc.text) { counts[w, default: 0] += 1 }
        let ranked = counts.values.sorted(by: >)
        let total = ranked.reduce(0, +)
        // The most frequent word is a few per cent of the tokens, the top 100 roughly half,
        // and about half of the distinct words occur once (hapax legomena), as in real text.
        #expect(Double(ranked[0]) / Double(total) > 0.02)
        #expect(Double(ranked[0]) / Double(total) < 0.12)
        let top100 = Double(ranked.prefix(100).reduce(0, +)) / Double(total)
        #expect(top100 > 0.3 && top100 < 0.7)
        let hapax = Double(ranked.filter { $0 == 1 }.count) / Double(ranked.count)
        #expect(hapax > 0.3)
    }

    @Test func textIsNormalised() {
        for kind in TextKind.allCases {
            let doc = CorpusGenerator(seed: 5, megabytes: 1).document(index: 1, kind: kind, targetBytes: 30_000)
            #expect(doc.text == doc.text.precomposedStringWithCanonicalMapping)
            #expect(!doc.text.contains("\r"))
            #expect(doc.text.hasSuffix("\n"))
        }
    }
}

extension CorpusGenerator.Iterator {
    mutating func nextPlanForTesting() -> CorpusGenerator.Plan? {
        guard let p = nextPlan() else { return nil }
        made += document(p).truth.bytes
        return p
    }
    private func document(_ p: CorpusGenerator.Plan) -> GeneratedText { generator.document(p) }
}
