import Foundation
import SamizdatModel

@testable import SamizdatReports

/// The brute-force counterpart of the frequency reports: every count by scanning every token of
/// every document and asking, token by token, whether the selection holds it; every measure
/// straight from its textbook formula. Slow, simple, independent of the reports' indexes.
enum FrequencyOracle {
    /// One token of a selection, in stream order.
    struct Token {
        var document: Int
        var token: Int
        var block: TextBlock
        var type: UInt32
    }

    static func type(_ vocabulary: AnalysisVocabulary, _ unit: CountingUnit, form: UInt32) -> UInt32 {
        switch unit {
        case .form:
            return form
        case .word:
            return vocabulary.wordOfForm[Int(form)]
        case .stem:
            return vocabulary.stemOfForm[Int(form)]
        }
    }

    static func names(_ vocabulary: AnalysisVocabulary, _ unit: CountingUnit) -> [String] {
        switch unit {
        case .form:
            return vocabulary.forms
        case .word:
            return vocabulary.words
        case .stem:
            return vocabulary.stems
        }
    }

    /// The block holding `token`, by a linear search.
    static func block(_ document: AnalysisDocument, token: Int) -> TextBlock {
        document.blocks.first { Int($0.start) <= token && token < Int($0.end) }!
    }

    /// The chapter holding `section`: the nearest enclosing chapter, or the top-level section
    /// when the document has no chapter; −1 for none.
    static func chapter(_ document: AnalysisDocument, section: Int32) -> Int32 {
        guard section >= 0 else {
            return -1
        }
        let hasChapters = document.sections.contains { $0.kind == .chapter }
        var current: Int? = Int(section)
        while let index = current {
            let candidate = document.sections[index]
            if hasChapters ? candidate.kind == .chapter : candidate.parent == nil {
                return Int32(index)
            }
            current = candidate.parent
        }
        return -1
    }

    static func holds(_ block: TextBlock, region: TextRegion, sections: Set<Int32>?) -> Bool {
        if region == .body && block.kind != .body {
            return false
        }
        if region == .notes && block.kind != .note {
            return false
        }
        return sections.map { $0.contains(block.section) } ?? true
    }

    /// The selection's tokens in stream order.
    static func stream(_ corpus: AnalysisCorpus, _ selection: CorpusSelection, _ unit: CountingUnit) -> [Token] {
        var tokens: [Token] = []
        for part in selection.parts {
            let document = corpus.documents[part.document]
            for index in document.forms.indices {
                let block = block(document, token: index)
                if holds(block, region: selection.region, sections: part.sections) {
                    tokens.append(
                        Token(
                            document: part.document,
                            token: index,
                            block: block,
                            type: type(corpus.vocabulary, unit, form: document.forms[index])
                        )
                    )
                }
            }
        }
        return tokens
    }

    static func counts(_ tokens: [Token]) -> [UInt32: Int] {
        var counts: [UInt32: Int] = [:]
        for token in tokens {
            counts[token.type, default: 0] += 1
        }
        return counts
    }

    /// The rest of the corpus: every token of every document in `region` that `target` lacks.
    static func rest(_ corpus: AnalysisCorpus, _ target: CorpusSelection, _ unit: CountingUnit) -> [Token] {
        let inTarget = Set(stream(corpus, target, unit).map { "\($0.document):\($0.token)" })
        return stream(corpus, .everything(corpus, region: target.region), unit).filter {
            !inTarget.contains("\($0.document):\($0.token)")
        }
    }

    // MARK: measures, from the formulas

    static func g2(a: Double, b: Double, c: Double, d: Double) -> Double {
        let observed = [a, b, c - a, d - b]
        let total = c + d
        let expected = [c * (a + b) / total, d * (a + b) / total, c * (total - a - b) / total, d * (total - a - b) / total]
        var sum = 0.0
        for cell in 0..<4 where observed[cell] > 0 {
            sum += observed[cell] * log(observed[cell] / expected[cell])
        }
        let unsigned = 2 * sum
        return a / c > b / d ? unsigned : (a / c < b / d ? -unsigned : 0)
    }

    /// A keyword entry of the oracle (rank left 0).
    static func keyword(term: String, a: Int, b: Int, c: Int, d: Int, tests: Int, bonferroni: Bool) -> KeywordEntry {
        let (aValue, bValue, cValue, dValue) = (Double(a), Double(b), Double(c), Double(d))
        let g2 = g2(a: aValue, b: bValue, c: cValue, d: dValue)
        let expectedTarget = cValue * (aValue + bValue) / (cValue + dValue)
        let expectedReference = dValue * (aValue + bValue) / (cValue + dValue)
        var twoCell = 0.0
        if a > 0 {
            twoCell += aValue * log(aValue / expectedTarget)
        }
        if b > 0 {
            twoCell += bValue * log(bValue / expectedReference)
        }
        twoCell *= g2 < 0 ? -2 : 2
        var pValue = erfc(sqrt(abs(g2) / 2))
        if bonferroni {
            pValue = min(1, pValue * Double(tests))
        }
        let adjustedA = a == 0 ? 0.5 : aValue
        let adjustedB = b == 0 ? 0.5 : bValue
        return KeywordEntry(
            rank: 0,
            term: term,
            frequency: a,
            referenceFrequency: b,
            perMillion: aValue * 1e6 / cValue,
            referencePerMillion: bValue * 1e6 / dValue,
            g2: g2,
            logLikelihood: twoCell,
            pValue: pValue,
            logRatio: log2(adjustedA / cValue) - log2(adjustedB / dValue),
            percentDiff: 100 * (aValue / cValue - adjustedB / dValue) / (adjustedB / dValue),
            bic: abs(g2) - log(cValue + dValue)
        )
    }

    /// (D, DP, DPnorm) of counts over part sizes, nil when undefined.
    static func dispersion(counts: [Int], sizes: [Int]) -> (d: Double, dp: Double, dpNorm: Double)? {
        let frequency = Double(counts.reduce(0, +))
        let total = Double(sizes.reduce(0, +))
        let parts = Double(sizes.count)
        guard frequency > 0, sizes.count > 1 else {
            return nil
        }
        var dp = 0.0
        for (count, size) in zip(counts, sizes) {
            dp += abs(Double(count) / frequency - Double(size) / total) / 2
        }
        let dpNorm = dp / (1 - Double(sizes.min()!) / total)
        let relative = zip(counts, sizes).map { Double($0) / Double($1) }
        let mean = relative.reduce(0, +) / parts
        let variance = relative.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / parts
        let d = 1 - sqrt(variance) / mean / sqrt(parts - 1)
        return (d, dp, dpNorm)
    }

    /// The printed page of a token.
    static func page(_ document: AnalysisDocument, token: Int, block: TextBlock) -> String? {
        if block.kind == .note {
            return document.notePages[Int(block.index)]
        }
        let offset = Int(document.offsets[token])
        let span = document.pages.first { $0.start <= offset && offset < $0.end }
        return span.flatMap { $0.label.isEmpty ? nil : $0.label }
    }
}
