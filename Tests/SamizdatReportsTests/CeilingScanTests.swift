import SamizdatModel
import Testing

@testable import SamizdatReports

/// The ceiling scan skips keyword and collocate candidates by their count alone: its ceilings
/// must bound every score of their count and grow with it, and short pages ranked by G² over
/// a vocabulary large enough for the scan's second pass must be the head of the whole list.
@Suite struct CeilingScanTests {
    /// A corpus of `documentCount` documents of 400–2,400 tokens in paragraphs of 5–60, over
    /// 1,500 forms drawn with a Zipf-like skew, each form its own word and stem.
    static func largeVocabularyCorpus(documentCount: Int = 12, seed: UInt64 = 42) -> AnalysisCorpus {
        var random = SplitMix64(seed: seed)
        let forms = (0..<1_500).map { "w\($0)" }
        let vocabulary = AnalysisVocabulary(
            forms: forms,
            words: forms,
            wordOfForm: (0..<UInt32(forms.count)).map { $0 },
            stems: forms,
            stemOfForm: (0..<UInt32(forms.count)).map { $0 }
        )
        var documents: [AnalysisDocument] = []
        for number in 0..<documentCount {
            var tokens: [UInt32] = []
            var blocks: [TextBlock] = []
            let length = 400 + random.below(2_000)
            while tokens.count < length {
                let start = UInt32(tokens.count)
                for _ in 0..<(5 + random.below(56)) {
                    // a skew: the square of a uniform draw favours small ids
                    let uniform = Double(random.below(1_000_000)) / 1_000_000
                    let shift = number % 3 == 0 ? 200 : 0
                    tokens.append(UInt32((Int(uniform * uniform * Double(forms.count)) + shift) % forms.count))
                }
                blocks.append(TextBlock(kind: .body, start: start, end: UInt32(tokens.count), section: -1, index: Int32(blocks.count)))
            }
            documents.append(
                AnalysisDocument(
                    id: "d\(number)",
                    title: "",
                    author: "",
                    source: "",
                    order: Int64(number),
                    forms: tokens,
                    offsets: tokens.indices.map { UInt32($0 * 4) },
                    blocks: blocks,
                    sentenceStarts: blocks.map(\.start),
                    sections: [],
                    pages: [],
                    notePages: [],
                    noteMarkerPages: []
                )
            )
        }
        return AnalysisCorpus(vocabulary: vocabulary, documents: documents)
    }

    @Test func shortKeywordPagesAreTheHeadOfTheWholeList() {
        let corpus = Self.largeVocabularyCorpus()
        for document in [0, 1, 5] {
            let target = CorpusSelection(parts: [.init(document: document)], region: .all)
            for minFrequency in [1, 3] {
                let whole = Keywords.compute(
                    corpus,
                    target: target,
                    reference: nil,
                    KeywordsRequest(unit: .form, minFrequency: minFrequency, limit: 10_000)
                )
                #expect(whole.entries.count > 50)
                for limit in [1, 3, 10, 40] {
                    let page = Keywords.compute(
                        corpus,
                        target: target,
                        reference: nil,
                        KeywordsRequest(unit: .form, minFrequency: minFrequency, limit: limit)
                    )
                    #expect(page.entries == Array(whole.entries.prefix(limit)), "document \(document) min \(minFrequency) limit \(limit)")
                    #expect(page.matched == whole.matched && page.tested == whole.tested)
                }
                // the whole list, by the path that scores every candidate, ranks the same
                let ranking = Keywords.makeRanking(corpus, UnitTable(corpus.vocabulary, unit: .form), target: target, reference: nil)
                let everyCandidate = ranking.rank(
                    names: corpus.vocabulary.forms,
                    order: corpus.cache.nameOrder(UnitTable(corpus.vocabulary, unit: .form)),
                    polarity: .positive,
                    sort: .g2,
                    minFrequency: minFrequency,
                    maxP: 0.999_999_999,
                    bonferroni: false,
                    offset: 0,
                    limit: 10_000
                )
                let significant = whole.entries.filter { $0.pValue <= 0.999_999_999 }
                #expect(everyCandidate.entries.map(\.term) == significant.map(\.term))
            }
        }
    }

    @Test func shortCollocatePagesAreTheHeadOfTheWholeList() {
        let corpus = Self.largeVocabularyCorpus()
        let selection = CorpusSelection.everything(corpus)
        // the first two nodes have more candidates than the scan's first pass takes
        for node in [UInt32(0), 3, 40, 300] {
            for minFrequency in [1, 2] {
                let whole = Collocates.compute(
                    corpus,
                    selection,
                    node: node,
                    nodeName: "w\(node)",
                    CollocatesRequest(node: "w\(node)", unit: .form, minFrequency: minFrequency, limit: CollocatesRequest.maximumLimit)
                )
                #expect(whole.entries.count > (node < 10 ? 80 : 3), "node \(node)")
                for limit in [1, 5, 20] {
                    let page = Collocates.compute(
                        corpus,
                        selection,
                        node: node,
                        nodeName: "w\(node)",
                        CollocatesRequest(node: "w\(node)", unit: .form, minFrequency: minFrequency, limit: limit)
                    )
                    #expect(page.entries == Array(whole.entries.prefix(limit)), "node \(node) min \(minFrequency) limit \(limit)")
                    #expect(page.collocates == whole.collocates)
                }
            }
        }
    }

    /// Collocates: G² of any table with O11 = x is at most the ceiling of x (the collocate
    /// nowhere outside the windows), and the ceiling grows with x.
    @Test func collocateCeilingsBoundEveryTableAndGrow() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            let scope = Double(1_000 + random.below(1_000_000))
            let windows = Double(1 + random.below(Int(scope) / 3))
            let observed = Double(1 + random.below(Int(windows)))
            let ceiling = KeynessMeasures.g2(observed, windows - observed, 0, scope - windows + observed)
            let larger = KeynessMeasures.g2(observed + 1, windows - observed - 1, 0, scope - windows + observed + 1)
            if observed < windows {
                #expect(larger >= ceiling, "x \(observed) R1 \(windows) N \(scope)")
            }
            for _ in 0..<5 {
                let collocateFrequency = Double(random.below(Int(scope - windows) + 1))
                let table = Contingency(o11: observed, r1: windows, c1: collocateFrequency, n: scope)
                let value = Association.logLikelihood(table)
                #expect(value <= ceiling * (1 + 1e-12) + 1e-9, "x \(observed) R1 \(windows) C1 \(collocateFrequency) N \(scope)")
            }
        }
    }

    /// Near independence, where every cell's ratio O/E is close to 1 and G² is small beside
    /// the cells: the bound without logarithms and twice Pearson's X² are never below G².
    @Test func boundsHoldNearIndependence() {
        var random = SplitMix64(seed: 5)
        LogLikelihoodBound.significandLogs.withUnsafeBufferPointer { logs in
            for _ in 0..<20_000 {
                let target = Double(1_000 + random.below(200_000))
                let reference = Double(100_000 + random.below(8_000_000))
                let share = Double(1 + random.below(50_000)) / 1_000_000
                let drift = 1 + (random.unit() - 0.5) * 0.2
                let a = min(target, (target * share * drift).rounded())
                let b = min(reference, (reference * share).rounded())
                guard a + b > 0 else {
                    continue
                }
                let exact = KeynessMeasures.g2(a, b, target - a, reference - b)
                let bound = LogLikelihoodBound.unsignedG2(a, b, target - a, reference - b, logs: logs)
                #expect(bound >= exact - 1e-7 * max(1, exact), "a \(a) b \(b) c \(target) d \(reference): bound \(bound) < G² \(exact)")
                let cross = a * reference - b * target
                let total = target + reference
                let pearson = total * cross * cross / ((a + b) * (total - a - b) * target * reference)
                #expect(2 * pearson >= exact - 1e-9 * max(1, exact), "a \(a) b \(b): 2 X² \(2 * pearson) < G² \(exact)")
            }
        }
    }

    /// Keywords: signed G² of a type with a = x is at most the ceiling of x (no occurrence in
    /// the reference), and the ceiling grows with x.
    @Test func keywordCeilingsBoundEveryTypeAndGrow() {
        var random = SplitMix64(seed: 4)
        for _ in 0..<2_000 {
            let target = Double(10 + random.below(100_000))
            let reference = Double(10 + random.below(1_000_000))
            let a = Double(1 + random.below(Int(target)))
            let ceiling = KeynessMeasures.g2(a, 0, target - a, reference)
            if a < target {
                #expect(KeynessMeasures.g2(a + 1, 0, target - a - 1, reference) >= ceiling)
            }
            for _ in 0..<5 {
                let b = Double(random.below(Int(reference) + 1))
                let value = KeynessMeasures.signedG2(a: a, b: b, c: target, d: reference)
                #expect(value <= ceiling * (1 + 1e-12) + 1e-9, "a \(a) b \(b) c \(target) d \(reference)")
            }
        }
    }
}
