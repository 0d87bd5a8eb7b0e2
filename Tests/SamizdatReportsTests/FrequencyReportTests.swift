import Foundation
import SamizdatModel
import Testing

@testable import SamizdatReports

func expectClose(
    _ actual: Double?,
    _ expected: Double?,
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual, let expected else {
        #expect(
            actual == nil && expected == nil,
            "\(what): \(String(describing: actual)) vs \(String(describing: expected))",
            sourceLocation: sourceLocation
        )
        return
    }
    #expect(
        abs(actual - expected) <= 1e-9 * max(1, abs(expected)),
        "\(what): \(actual) vs \(expected)",
        sourceLocation: sourceLocation
    )
}

func expectSameKeywords(
    _ actual: [KeywordEntry],
    _ expected: [KeywordEntry],
    sort: KeywordSort,
    polarity: KeywordPolarity,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let oracleByTerm = Dictionary(uniqueKeysWithValues: expected.map { ($0.term, $0) })
    #expect(Set(actual.map(\.term)) == Set(oracleByTerm.keys), sourceLocation: sourceLocation)
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (place, entry) in actual.enumerated() {
        #expect(entry.rank == place + 1, sourceLocation: sourceLocation)
        guard let oracle = oracleByTerm[entry.term] else {
            continue
        }
        #expect(
            entry.frequency == oracle.frequency && entry.referenceFrequency == oracle.referenceFrequency,
            "\(entry.term)",
            sourceLocation: sourceLocation
        )
        expectClose(entry.perMillion, oracle.perMillion, "\(entry.term) per million", sourceLocation: sourceLocation)
        expectClose(
            entry.referencePerMillion,
            oracle.referencePerMillion,
            "\(entry.term) reference per million",
            sourceLocation: sourceLocation
        )
        expectClose(entry.g2, oracle.g2, "\(entry.term) G2", sourceLocation: sourceLocation)
        expectClose(entry.logLikelihood, oracle.logLikelihood, "\(entry.term) ll", sourceLocation: sourceLocation)
        expectClose(entry.pValue, oracle.pValue, "\(entry.term) p", sourceLocation: sourceLocation)
        expectClose(entry.logRatio, oracle.logRatio, "\(entry.term) LR", sourceLocation: sourceLocation)
        expectClose(entry.percentDiff, oracle.percentDiff, "\(entry.term) %DIFF", sourceLocation: sourceLocation)
        expectClose(entry.bic, oracle.bic, "\(entry.term) BIC", sourceLocation: sourceLocation)
    }
    // strongest first, ties by name
    func strength(_ entry: KeywordEntry) -> Double {
        let positive = entry.g2 > 0
        let value: Double
        switch sort {
        case .g2: value = entry.g2
        case .logRatio: value = entry.logRatio
        case .percentDiff: value = entry.percentDiff
        case .bic: return entry.bic
        case .frequency: return Double(positive ? entry.frequency : entry.referenceFrequency)
        }
        switch polarity {
        case .positive: return value
        case .negative: return -value
        case .both: return abs(value)
        }
    }
    for (left, right) in zip(actual, actual.dropFirst()) {
        let ordered =
            strength(left) > strength(right)
            || (strength(left) == strength(right) && left.term.utf8.lexicographicallyPrecedes(right.term.utf8))
        #expect(ordered, "\(left.term) before \(right.term)", sourceLocation: sourceLocation)
    }
}

@Suite struct FrequencyReportTests {
    let corpus = FrequencyFixture.corpus()

    static let cases: [(FixtureScope, CountingUnit)] = FixtureScope.allCases.flatMap { scope in
        CountingUnit.allCases.map { (scope, $0) }
    }

    @Test func equalPartCountsBySearchingBoundsMatchCountsHitByHit() {
        var random = SplitMix64(seed: 11)
        for (tokens, parts, hits) in [(10_007, 7, 2_000), (10_007, 100, 5_000), (999, 10, 400), (1_000, 3, 3)] {
            let positions = (0..<hits).map { _ in UInt32(random.next() % UInt64(tokens)) }.sorted()
            var searched = [Double](repeating: 0, count: parts)
            Dispersion.addEqualPartCounts(positions[...], tokens: tokens, parts: parts, into: &searched)
            var counted = [Double](repeating: 0, count: parts)
            for position in positions {
                counted[DispersionStatistics.equalPart(of: Int(position), tokens: tokens, parts: parts)] += 1
            }
            #expect(searched == counted, "\(tokens) tokens, \(parts) parts, \(hits) hits")
        }
    }

    @Test(arguments: cases)
    func theWordListMatchesTheOracle(scope: FixtureScope, unit: CountingUnit) {
        let selection = scope.selection(corpus)
        let names = FrequencyOracle.names(corpus.vocabulary, unit)
        let stream = FrequencyOracle.stream(corpus, selection, unit)
        let counts = FrequencyOracle.counts(stream)
        let expected = counts.sorted { left, right in
            left.value != right.value
                ? left.value > right.value
                : names[Int(left.key)].utf8.lexicographicallyPrecedes(names[Int(right.key)].utf8)
        }
        let response = WordList.compute(corpus, selection, WordListRequest(unit: unit, limit: 10_000))
        #expect(response.tokens == stream.count)
        #expect(response.types == counts.count)
        #expect(response.matched == counts.count)
        #expect(response.entries.map(\.term) == expected.map { names[Int($0.key)] })
        #expect(response.entries.map(\.frequency) == expected.map(\.value))
        let parts = selection.parts.map(\.document).filter { document in stream.contains { $0.document == document } }
        #expect(response.documents == parts.count)
        for (entry, (type, frequency)) in zip(response.entries, expected) {
            let perPart = parts.map { document in stream.filter { $0.document == document && $0.type == type }.count }
            let sizes = parts.map { document in stream.filter { $0.document == document }.count }
            #expect(entry.range == perPart.filter { $0 > 0 }.count, "\(entry.term)")
            expectClose(entry.perMillion, Double(frequency) * 1e6 / Double(stream.count), "\(entry.term) per million")
            expectClose(entry.dp, FrequencyOracle.dispersion(counts: perPart, sizes: sizes)?.dp, "\(entry.term) DP")
        }
        // a long page sweeps each part's types once instead of looking each type up: the same figures
        let table = UnitTable(corpus.vocabulary, unit: unit)
        let counted = SelectionCounts(corpus, selection, table)
        let sized = counted.parts.filter { $0.tokens > 0 }
        let listed = expected.map(\.key)
        let lookedUp = WordList.dispersion(of: listed, counts: counted, parts: sized, typeCount: table.count, sweep: false)
        let swept = WordList.dispersion(of: listed, counts: counted, parts: sized, typeCount: table.count, sweep: true)
        #expect(swept.ranges == lookedUp.ranges)
        for (sweptDP, lookedUpDP) in zip(swept.dps, lookedUp.dps) {
            expectClose(sweptDP, lookedUpDP, "DP swept")
        }
    }

    @Test(arguments: CountingUnit.allCases)
    func theWordListFiltersByPrefixFrequencyAndStoplistAndPages(unit: CountingUnit) {
        let selection = CorpusSelection.everything(corpus)
        let names = FrequencyOracle.names(corpus.vocabulary, unit)
        let counts = FrequencyOracle.counts(FrequencyOracle.stream(corpus, selection, unit))
        let full = WordList.compute(corpus, selection, WordListRequest(unit: unit, limit: 10_000)).entries
        let stopped = Set(
            (0..<corpus.vocabulary.forms.count).filter { form in
                Stoplist.english.contains(corpus.vocabulary.forms[form])
                    || Stoplist.english.contains(corpus.vocabulary.words[Int(corpus.vocabulary.wordOfForm[form])])
            }.map { FrequencyOracle.type(corpus.vocabulary, unit, form: UInt32($0)) }
        )
        let expected = full.filter { entry in
            let type = UInt32(names.firstIndex(of: entry.term)!)
            return entry.term.hasPrefix("s") && counts[type]! >= 3 && !stopped.contains(type)
        }
        let filtered = WordList.compute(
            corpus,
            selection,
            WordListRequest(
                unit: unit,
                prefix: "s",
                minFrequency: 3,
                stoplist: true,
                limit: 10_000
            )
        )
        #expect(filtered.entries.map(\.term) == expected.map(\.term))
        #expect(filtered.matched == expected.count)
        let page = WordList.compute(corpus, selection, WordListRequest(unit: unit, offset: 2, limit: 3))
        #expect(page.entries.map(\.term) == Array(full[2..<5].map(\.term)))
        #expect(page.entries.map(\.rank) == [3, 4, 5])
        let stoplistSample = WordList.compute(corpus, selection, WordListRequest(unit: unit, stoplist: true, limit: 10_000))
        #expect(!stoplistSample.entries.contains { $0.term == "the" || $0.term == "of" })
    }

    static let keywordCases: [(FixtureScope, CountingUnit, KeywordPolarity)] = cases.flatMap { scope, unit in
        KeywordPolarity.allCases.map { (scope, unit, $0) }
    }

    /// A short page ranked by G² skips the candidates whose bound cannot reach it: it must still
    /// be the head of the whole list, in every polarity.
    @Test(arguments: CountingUnit.allCases)
    func shortG2PagesAreTheHeadOfTheWholeList(unit: CountingUnit) {
        for document in corpus.documents.indices {
            let target = CorpusSelection(parts: [CorpusSelection.Part(document: document)], region: .all)
            for polarity in [KeywordPolarity.positive, .negative, .both] {
                let whole = Keywords.compute(
                    corpus,
                    target: target,
                    reference: nil,
                    KeywordsRequest(unit: unit, polarity: polarity, limit: 10_000)
                )
                for limit in [1, 2, 5] {
                    let page = Keywords.compute(corpus, target: target, reference: nil, KeywordsRequest(unit: unit, polarity: polarity, limit: limit))
                    #expect(page.entries == Array(whole.entries.prefix(limit)), "document \(document) \(polarity) limit \(limit)")
                    #expect(page.matched == whole.matched)
                }
            }
        }
    }

    @Test(arguments: keywordCases)
    func keywordsAgainstTheRestMatchTheOracle(scope: FixtureScope, unit: CountingUnit, polarity: KeywordPolarity) {
        let selection = scope.selection(corpus)
        let names = FrequencyOracle.names(corpus.vocabulary, unit)
        let target = FrequencyOracle.stream(corpus, selection, unit)
        let rest = FrequencyOracle.rest(corpus, selection, unit)
        let expected = oracleKeywords(
            names: names,
            target: target,
            reference: rest,
            polarity: polarity,
            minFrequency: 2,
            bonferroni: true
        )
        for sort in KeywordSort.allCases {
            let response = Keywords.compute(
                corpus,
                target: selection,
                reference: nil,
                KeywordsRequest(
                    unit: unit,
                    sort: sort,
                    polarity: polarity,
                    bonferroni: true,
                    minFrequency: 2,
                    limit: 10_000
                )
            )
            #expect(response.targetTokens == target.count)
            #expect(response.referenceTokens == rest.count)
            if rest.isEmpty {
                #expect(response.entries.isEmpty)
            } else {
                expectSameKeywords(response.entries, expected, sort: sort, polarity: polarity)
            }
        }
    }

    @Test(arguments: CountingUnit.allCases)
    func keywordsAgainstAnotherDocumentMatchTheOracleAndFilterByP(unit: CountingUnit) {
        let target = CorpusSelection(parts: [CorpusSelection.Part(document: 0)], region: .all)
        let reference = CorpusSelection(
            parts: [CorpusSelection.Part(document: 1), CorpusSelection.Part(document: 3)],
            region: .all
        )
        let names = FrequencyOracle.names(corpus.vocabulary, unit)
        let expected = oracleKeywords(
            names: names,
            target: FrequencyOracle.stream(corpus, target, unit),
            reference: FrequencyOracle.stream(corpus, reference, unit),
            polarity: .both,
            minFrequency: 1,
            bonferroni: false
        )
        let response = Keywords.compute(
            corpus,
            target: target,
            reference: reference,
            KeywordsRequest(unit: unit, polarity: .both, limit: 10_000)
        )
        expectSameKeywords(response.entries, expected, sort: .g2, polarity: .both)
        let significant = Keywords.compute(
            corpus,
            target: target,
            reference: reference,
            KeywordsRequest(unit: unit, polarity: .both, maxP: 0.05, limit: 10_000)
        )
        expectSameKeywords(significant.entries, expected.filter { $0.pValue <= 0.05 }, sort: .g2, polarity: .both)
    }

    func oracleKeywords(
        names: [String],
        target: [FrequencyOracle.Token],
        reference: [FrequencyOracle.Token],
        polarity: KeywordPolarity,
        minFrequency: Int,
        bonferroni: Bool
    ) -> [KeywordEntry] {
        let targetCounts = FrequencyOracle.counts(target)
        let referenceCounts = FrequencyOracle.counts(reference)
        let tested = Set(targetCounts.keys).union(referenceCounts.keys)
        var entries: [KeywordEntry] = []
        for type in tested {
            let a = targetCounts[type] ?? 0
            let b = referenceCounts[type] ?? 0
            let entry = FrequencyOracle.keyword(
                term: names[Int(type)],
                a: a,
                b: b,
                c: target.count,
                d: reference.count,
                tests: tested.count,
                bonferroni: bonferroni
            )
            let positive = entry.g2 > 0 && a >= minFrequency
            let negative = entry.g2 < 0 && b >= minFrequency
            if (polarity != .negative && positive) || (polarity != .positive && negative) {
                entries.append(entry)
            }
        }
        return entries
    }

    @Test(arguments: cases)
    func dispersionMatchesTheOracleForEveryType(scope: FixtureScope, unit: CountingUnit) {
        let selection = scope.selection(corpus)
        let names = FrequencyOracle.names(corpus.vocabulary, unit)
        let stream = FrequencyOracle.stream(corpus, selection, unit)
        let documents = selection.parts.map(\.document).filter { document in stream.contains { $0.document == document } }
        var chapterKeys: [String] = []
        for token in stream {
            let key = "\(token.document):\(FrequencyOracle.chapter(corpus.documents[token.document], section: token.block.section))"
            if !chapterKeys.contains(key) {
                chapterKeys.append(key)
            }
        }
        let partCount = min(7, stream.count)
        let bounds = (0...partCount).map { $0 * (stream.count / partCount) + min($0, stream.count % partCount) }
        for type in 0..<UInt32(names.count) {
            let response = Dispersion.compute(
                corpus,
                selection,
                DispersionRequest(
                    term: names[Int(type)],
                    unit: unit,
                    parts: 7,
                    hitLimit: 5
                ),
                types: [type]
            )
            let hitPlaces = stream.indices.filter { stream[$0].type == type }
            #expect(response.frequency == hitPlaces.count)
            #expect(response.tokens == stream.count)
            let byDocument = FrequencyOracle.dispersion(
                counts: documents.map { document in hitPlaces.filter { stream[$0].document == document }.count },
                sizes: documents.map { document in stream.filter { $0.document == document }.count }
            )
            #expect(response.documents.parts == documents.count)
            expectClose(response.documents.juillandD, byDocument?.d, "\(names[Int(type)]) D over documents")
            expectClose(response.documents.dp, byDocument?.dp, "DP over documents")
            expectClose(response.documents.dpNorm, byDocument?.dpNorm, "DPnorm over documents")
            func chapterKey(_ token: FrequencyOracle.Token) -> String {
                "\(token.document):\(FrequencyOracle.chapter(corpus.documents[token.document], section: token.block.section))"
            }
            let byChapter = FrequencyOracle.dispersion(
                counts: chapterKeys.map { key in hitPlaces.filter { chapterKey(stream[$0]) == key }.count },
                sizes: chapterKeys.map { key in stream.filter { chapterKey($0) == key }.count }
            )
            #expect(response.chapters.parts == chapterKeys.count)
            expectClose(response.chapters.juillandD, byChapter?.d, "D over chapters")
            expectClose(response.chapters.dp, byChapter?.dp, "DP over chapters")
            expectClose(response.chapters.dpNorm, byChapter?.dpNorm, "DPnorm over chapters")
            let equalCounts = (0..<partCount).map { part in
                hitPlaces.filter { bounds[part] <= $0 && $0 < bounds[part + 1] }.count
            }
            let byParts = FrequencyOracle.dispersion(
                counts: equalCounts,
                sizes: (0..<partCount).map { bounds[$0 + 1] - bounds[$0] }
            )
            #expect(response.equalParts.parts == partCount)
            #expect(response.equalParts.range == equalCounts.filter { $0 > 0 }.count)
            expectClose(response.equalParts.juillandD, byParts?.d, "D over parts")
            expectClose(response.equalParts.dp, byParts?.dp, "DP over parts")
            #expect(response.truncated == (hitPlaces.count > 5))
            // a one-document scope: a strip per chapter in reading order, each hit placed in its strip
            let oneDocument = selection.parts.count == 1
            var stripKeys: [String] = []
            for token in stream where oneDocument && !stripKeys.contains(chapterKey(token)) {
                stripKeys.append(chapterKey(token))
            }
            #expect(response.strips.map(\.tokens) == stripKeys.map { key in stream.filter { chapterKey($0) == key }.count })
            #expect(response.strips.map(\.hits) == stripKeys.map { key in hitPlaces.filter { chapterKey(stream[$0]) == key }.count })
            let expectedHits = hitPlaces.prefix(5).map { place -> DispersionHit in
                let token = stream[place]
                let document = corpus.documents[token.document]
                let chapter = FrequencyOracle.chapter(document, section: token.block.section)
                return DispersionHit(
                    document: document.id,
                    token: token.token,
                    position: place,
                    offset: Int(document.offsets[token.token]),
                    page: FrequencyOracle.page(document, token: token.token, block: token.block),
                    region: token.block.kind == .note ? .note : .body,
                    section: token.block.section >= 0 ? document.sections[Int(token.block.section)].title : nil,
                    chapter: chapter >= 0 ? document.sections[Int(chapter)].title : nil,
                    paragraph: token.block.kind == .body ? Int(token.block.index) : nil,
                    note: token.block.kind == .note ? Int(token.block.index) : nil,
                    strip: oneDocument ? stripKeys.firstIndex(of: chapterKey(token)) : nil,
                    stripPosition: oneDocument ? stream[..<place].filter { chapterKey($0) == chapterKey(token) }.count : nil
                )
            }
            #expect(response.hits == expectedHits)
        }
    }

    @Test(arguments: cases)
    func trendsMatchTheOracle(scope: FixtureScope, unit: CountingUnit) {
        let selection = scope.selection(corpus)
        let names = FrequencyOracle.names(corpus.vocabulary, unit)
        let stream = FrequencyOracle.stream(corpus, selection, unit)
        let terms: [UInt32] = [0, 3, UInt32(names.count - 1)]
        for order in TrendOrder.allCases {
            let request = TrendsRequest(terms: terms.map { names[Int($0)] }, unit: unit, across: .documents, order: order)
            let response = Trends.compute(corpus, selection, request, types: terms.map { [$0] })
            let documents = selection.parts.map(\.document).sorted { left, right in
                let leftDocument = corpus.documents[left]
                let rightDocument = corpus.documents[right]
                let keys: (String, String)
                switch order {
                case .id: keys = (leftDocument.id, rightDocument.id)
                case .title: keys = (leftDocument.title, rightDocument.title)
                case .author: keys = (leftDocument.author, rightDocument.author)
                case .source: keys = (leftDocument.source, rightDocument.source)
                case .ingest: return leftDocument.order < rightDocument.order
                }
                return keys.0 != keys.1 ? keys.0 < keys.1 : leftDocument.id < rightDocument.id
            }
            #expect(response.rows.map(\.document) == documents.map { corpus.documents[$0].id }, "\(order)")
            for (row, document) in zip(response.rows, documents) {
                let tokens = stream.filter { $0.document == document }
                #expect(row.tokens == tokens.count)
                let counts = terms.map { type in tokens.filter { $0.type == type }.count }
                #expect(row.counts == counts)
                for (relative, count) in zip(row.perTenThousand, counts) {
                    expectClose(relative, tokens.isEmpty ? 0 : Double(count) * 10_000 / Double(tokens.count), "per 10k")
                }
            }
        }
        let byChapter = Trends.compute(
            corpus,
            selection,
            TrendsRequest(
                terms: ["x", "y", "z"],
                unit: unit,
                across: .chapters,
                order: .id
            ),
            types: terms.map { [$0] }
        )
        var expectedRows: [(String, String, Int, [Int])] = []
        for part in selection.parts.sorted(by: { corpus.documents[$0.document].id < corpus.documents[$1.document].id }) {
            let document = corpus.documents[part.document]
            for chapter in document.sections.indices.map(Int32.init)
            where FrequencyOracle.chapter(document, section: chapter) == chapter
                && (part.sections?.contains(chapter) ?? true)
            {
                let tokens = stream.filter {
                    $0.document == part.document && FrequencyOracle.chapter(document, section: $0.block.section) == chapter
                }
                expectedRows.append(
                    (
                        document.id, document.sections[Int(chapter)].title, tokens.count,
                        terms.map { type in tokens.filter { $0.type == type }.count }
                    )
                )
            }
        }
        #expect(byChapter.rows.map(\.document) == expectedRows.map(\.0))
        #expect(byChapter.rows.map(\.chapter) == expectedRows.map(\.1))
        #expect(byChapter.rows.map(\.tokens) == expectedRows.map(\.2))
        #expect(byChapter.rows.map(\.counts) == expectedRows.map(\.3))
    }

    @Test(arguments: CountingUnit.allCases)
    func comparisonMatchesTheOracle(unit: CountingUnit) {
        let first = CorpusSelection(parts: [CorpusSelection.Part(document: 0)], region: .body)
        let second = CorpusSelection(
            parts: [CorpusSelection.Part(document: 2), CorpusSelection.Part(document: 5)],
            region: .body
        )
        let names = FrequencyOracle.names(corpus.vocabulary, unit)
        for other in [Optional(second), nil] {
            let firstTokens = FrequencyOracle.stream(corpus, first, unit)
            let secondTokens = other.map { FrequencyOracle.stream(corpus, $0, unit) } ?? FrequencyOracle.rest(corpus, first, unit)
            let firstCounts = FrequencyOracle.counts(firstTokens)
            let secondCounts = FrequencyOracle.counts(secondTokens)
            let response = Comparison.compute(
                corpus,
                first,
                other: other,
                CompareRequest(unit: unit, minFrequency: 2, limit: 10_000)
            )
            #expect(response.tokens == firstTokens.count)
            #expect(response.otherTokens == secondTokens.count)
            #expect(response.types == firstCounts.count)
            #expect(response.otherTypes == secondCounts.count)
            let shared = Set(firstCounts.keys).intersection(secondCounts.keys)
            #expect(response.sharedTypes == shared.count)
            var dot = 0.0
            for type in shared {
                dot += Double(firstCounts[type]!) * Double(secondCounts[type]!)
            }
            let norms =
                sqrt(firstCounts.values.map { Double($0 * $0) }.reduce(0, +))
                * sqrt(secondCounts.values.map { Double($0 * $0) }.reduce(0, +))
            expectClose(response.cosine, dot / norms, "cosine")
            let expectedShared = shared.filter { firstCounts[$0]! >= 2 && secondCounts[$0]! >= 2 }.sorted { left, right in
                let leftTotal = firstCounts[left]! + secondCounts[left]!
                let rightTotal = firstCounts[right]! + secondCounts[right]!
                return leftTotal != rightTotal
                    ? leftTotal > rightTotal
                    : names[Int(left)].utf8.lexicographicallyPrecedes(names[Int(right)].utf8)
            }
            #expect(response.shared.map(\.term) == expectedShared.map { names[Int($0)] })
            #expect(response.shared.map(\.otherFrequency) == expectedShared.map { secondCounts[$0]! })
            expectSameKeywords(
                response.keywords,
                oracleKeywords(
                    names: names,
                    target: firstTokens,
                    reference: secondTokens,
                    polarity: .positive,
                    minFrequency: 2,
                    bonferroni: false
                ),
                sort: .g2,
                polarity: .positive
            )
            expectSameKeywords(
                response.otherKeywords,
                oracleKeywords(
                    names: names,
                    target: secondTokens,
                    reference: firstTokens,
                    polarity: .positive,
                    minFrequency: 2,
                    bonferroni: false
                ),
                sort: .g2,
                polarity: .positive
            )
        }
    }

    @Test func theFixtureHasWhatTheOracleTestsNeed() {
        // several documents, each shape of heading tree, notes and a notes-only form
        #expect(corpus.documents.count == 7)
        #expect(corpus.documents.contains { $0.blocks.allSatisfy { $0.kind == .body } })
        #expect(corpus.documents.contains { $0.sections.isEmpty })
        let nomos = UInt32(FrequencyFixture.lexicon.count - 1)
        let notesOnly = corpus.documents.allSatisfy { document in
            document.blocks.allSatisfy { block in
                block.kind == .note || !document.forms[Int(block.start)..<Int(block.end)].contains(nomos)
            }
        }
        #expect(notesOnly)
        #expect(corpus.documents[0].forms.contains(nomos))
        #expect(corpus.documents[0].blocks.contains { $0.section == -1 })
    }
}
