import Foundation
import SamizdatModel
import Testing

@testable import SamizdatReports

/// The n-grams report against a brute-force oracle that lists every run of n tokens of every
/// counted block of the generated corpus.
@Suite struct NGramsTests {
    var fixture = CooccurrenceFixture()

    /// The oracle's entries, sorted as the report sorts them.
    func oracle(
        _ selection: CorpusSelection,
        unit: CountingUnit,
        n: Int,
        minFrequency: Int,
        minRange: Int,
        node: UInt32?,
        nodePosition: Int?
    ) -> [NGramEntry] {
        let table = UnitTable(fixture.corpus.vocabulary, unit: unit)
        var frequencies: [[UInt32]: Int] = [:]
        var documents: [[UInt32]: Set<Int>] = [:]
        for part in selection.parts {
            let document = fixture.corpus.documents[part.document]
            let types = document.forms.map { table.typeOfForm[Int($0)] }
            for block in document.blocks where CooccurrenceFixture.counts(block, of: part, in: selection) {
                guard Int(block.end) - Int(block.start) >= n else {
                    continue
                }
                for start in Int(block.start)...(Int(block.end) - n) {
                    let gram = Array(types[start..<start + n])
                    if let node {
                        let holdsNode = nodePosition.map { gram[$0 - 1] == node } ?? gram.contains(node)
                        guard holdsNode else {
                            continue
                        }
                    }
                    frequencies[gram, default: 0] += 1
                    documents[gram, default: []].insert(part.document)
                }
            }
        }
        let entries = frequencies.compactMap { gram, frequency -> NGramEntry? in
            let range = documents[gram]?.count ?? 0
            guard frequency >= minFrequency && range >= minRange else {
                return nil
            }
            return NGramEntry(words: gram.map { table.names[Int($0)] }, frequency: frequency, range: range)
        }
        return entries.sorted { first, second in
            if first.frequency != second.frequency {
                return first.frequency > second.frequency
            }
            for (firstWord, secondWord) in zip(first.words, second.words) where firstWord != secondWord {
                return firstWord.utf8.lexicographicallyPrecedes(secondWord.utf8)
            }
            return false
        }
    }

    func check(_ name: String, _ selection: CorpusSelection, packing: NGrams.Packing) {
        for unit in CountingUnit.allCases {
            for n in NGramsRequest.lengths {
                for (minFrequency, minRange) in [(1, 1), (2, 1), (2, 2), (3, 3)] {
                    let request = NGramsRequest(
                        n: n,
                        unit: unit,
                        minFrequency: minFrequency,
                        minRange: minRange,
                        limit: NGramsRequest.maximumLimit
                    )
                    let expected = oracle(
                        selection,
                        unit: unit,
                        n: n,
                        minFrequency: minFrequency,
                        minRange: minRange,
                        node: nil,
                        nodePosition: nil
                    )
                    let response = NGrams.compute(fixture.corpus, selection, node: nil, request, packing: packing)
                    let context = "\(name), \(unit), n \(n), min \(minFrequency)/\(minRange), \(packing)"
                    #expect(response.entries == expected, "\(context)")
                    #expect(response.types == expected.count, "\(context)")
                    #expect(response.tokens == expected.reduce(0) { $0 + $1.frequency }, "\(context)")
                }
            }
        }
    }

    func checkClusters(_ name: String, _ selection: CorpusSelection, packing: NGrams.Packing) {
        for unit in CountingUnit.allCases {
            let table = UnitTable(fixture.corpus.vocabulary, unit: unit)
            for node in [0, 1, table.count - 1].map(UInt32.init) {
                for n in [2, 3, 5] {
                    for position in [nil] + Array(1...n) {
                        let request = NGramsRequest(
                            n: n,
                            unit: unit,
                            minFrequency: 1,
                            node: table.names[Int(node)],
                            nodePosition: position,
                            limit: NGramsRequest.maximumLimit
                        )
                        let expected = oracle(
                            selection,
                            unit: unit,
                            n: n,
                            minFrequency: 1,
                            minRange: 1,
                            node: node,
                            nodePosition: position
                        )
                        let response = NGrams.compute(fixture.corpus, selection, node: node, request, packing: packing)
                        let context = "\(name), \(unit), node \(table.names[Int(node)]) at \(String(describing: position)), n \(n)"
                        #expect(response.entries == expected, "\(context)")
                        #expect(response.node == table.names[Int(node)], "\(context)")
                    }
                }
            }
        }
    }

    @Test func everyScopeMatchesTheOracle() {
        for (name, selection) in fixture.selections {
            check(name, selection, packing: .narrowest)
        }
    }

    @Test func preparedBigramAndTrigramTablesMatchTheOracle() {
        for unit in CountingUnit.allCases {
            let table = UnitTable(fixture.corpus.vocabulary, unit: unit)
            // not asked for: prepare leaves them out
            fixture.corpus.prepare(unit)
            for length in NGramTable.lengths {
                #expect(fixture.corpus.cache.preparedNGrams(fixture.corpus, table, length: length) == nil, "\(unit) \(length)")
            }
            fixture.corpus.demand.askForNGramTables(unit)
            fixture.corpus.prepare(unit)
            for length in NGramTable.lengths {
                #expect(fixture.corpus.cache.preparedNGrams(fixture.corpus, table, length: length) != nil, "\(unit) \(length)")
            }
        }
        let selection = CorpusSelection.everything(fixture.corpus)
        check("whole corpus, prepared", selection, packing: .narrowest)
        for n in NGramTable.lengths {
            let whole = NGrams.compute(fixture.corpus, selection, NGramsRequest(n: n, minFrequency: 2, limit: NGramsRequest.maximumLimit))
            #expect(whole.entries.count > 10)
            for (offset, limit, minRange) in [(0, 1, 1), (3, 5, 1), (whole.types - 2, 10, 1), (whole.types, 5, 1), (2, 4, 2), (0, 3, 4)] {
                let request = NGramsRequest(n: n, minFrequency: 2, minRange: minRange, offset: offset, limit: limit)
                let page = NGrams.compute(fixture.corpus, selection, request)
                let counted = NGrams.compute(fixture.corpus, selection, node: nil, request, packing: .wide)
                #expect(page == counted, "n \(n) offset \(offset) limit \(limit) range \(minRange)")
            }
        }
    }

    @Test func aWholeCorpusRequestBuildsTheTableAndLaterCorporaPrepareIt() {
        let table = UnitTable(fixture.corpus.vocabulary, unit: .word)
        let selection = CorpusSelection.everything(fixture.corpus)
        #expect(!fixture.corpus.demand.wantsNGramTable(unit: .word, length: 2))
        // a clusters request, a scope or a minimum below the floor asks for nothing
        _ = NGrams.compute(fixture.corpus, selection, node: 0, NGramsRequest(n: 2, unit: .word, minFrequency: 2, node: "the"))
        _ = NGrams.compute(fixture.corpus, selection, NGramsRequest(n: 2, unit: .word, minFrequency: 1))
        _ = NGrams.compute(fixture.corpus, fixture.selections[1].selection, NGramsRequest(n: 2, unit: .word, minFrequency: 2))
        #expect(!fixture.corpus.demand.wantsNGramTable(unit: .word, length: 2))
        #expect(fixture.corpus.cache.preparedNGrams(fixture.corpus, table, length: 2) == nil)
        _ = NGrams.compute(fixture.corpus, selection, NGramsRequest(n: 2, unit: .word, minFrequency: 3))
        #expect(fixture.corpus.demand.wantsNGramTable(unit: .word, length: 2))
        #expect(!fixture.corpus.demand.wantsNGramTable(unit: .word, length: 3))
        #expect(fixture.corpus.cache.preparedNGrams(fixture.corpus, table, length: 2) != nil)

        // the next corpus (a document deleted, another replaced by a new version) shares the
        // demand: prepare builds its table, which matches the oracle over it
        var documents = fixture.corpus.documents
        documents.remove(at: 1)
        documents[0] = CooccurrenceFixture(seed: 99, documents: 1).corpus.documents[0]
        let next = AnalysisCorpus(vocabulary: fixture.corpus.vocabulary, documents: documents, demand: fixture.corpus.demand)
        next.prepare(.word)
        #expect(next.cache.preparedNGrams(next, table, length: 2) != nil)
        #expect(next.cache.preparedNGrams(next, table, length: 3) == nil)
        #expect(next.cache.preparedNGrams(fixture.corpus, table, length: 2) == nil)
        var nextTests = self
        nextTests.fixture = CooccurrenceFixture(corpus: next)
        nextTests.check("next corpus, prepared", CorpusSelection.everything(next), packing: .narrowest)
    }

    @Test func countingARangeOfFirstTypesAtATimeCountsAsOnePass() {
        let selection = CorpusSelection.everything(fixture.corpus)
        for unit in CountingUnit.allCases {
            let table = UnitTable(fixture.corpus.vocabulary, unit: unit)
            for n in [2, 3, 4] {
                let request = NGramsRequest(n: n, unit: unit, minFrequency: 2, minRange: 1)
                let whole = NGrams.count(fixture.corpus, selection, node: nil, request, table: table, packing: .narrowest)
                #expect(whole.frequencies.count > 5)
                // one type a pass, a few types a pass, every type in one pass
                for keysPerPass in [1, 40, 300, Int.max / 2] {
                    let passes = NGrams.countEverything(fixture.corpus, request, table: table, keysPerPass: keysPerPass)
                    let context = "\(unit) n \(n), \(keysPerPass) keys a pass"
                    #expect(passes.types == whole.types, "\(context)")
                    #expect(passes.frequencies == whole.frequencies, "\(context)")
                    #expect(passes.ranges == whole.ranges, "\(context)")
                }
                if n <= 3 {
                    let small = NGramTable.build(fixture.corpus, table, length: n, keysPerPass: 40)
                    let large = NGramTable.build(fixture.corpus, table, length: n)
                    #expect(small.types == large.types && small.frequencies == large.frequencies && small.ranges == large.ranges)
                }
            }
        }
    }

    @Test func wideKeysAndTheDictionaryMatchTheOracle() {
        for (name, selection) in fixture.selections.prefix(3) {
            check(name, selection, packing: .wide)
            check(name, selection, packing: .dictionary)
        }
    }

    @Test func clustersMatchTheOracleAtEveryNodePosition() {
        for (name, selection) in fixture.selections {
            checkClusters(name, selection, packing: .narrowest)
        }
        checkClusters("whole corpus", CorpusSelection.everything(fixture.corpus), packing: .dictionary)
    }

    @Test func pagesAreSlicesOfTheWholeList() {
        let selection = CorpusSelection.everything(fixture.corpus)
        let whole = NGrams.compute(fixture.corpus, selection, NGramsRequest(n: 2, minFrequency: 1, limit: NGramsRequest.maximumLimit))
        #expect(whole.entries.count > 20)
        for (offset, limit) in [(0, 1), (0, 10), (5, 7), (whole.types - 3, 10), (whole.types, 5)] {
            let page = NGrams.compute(fixture.corpus, selection, NGramsRequest(n: 2, minFrequency: 1, offset: offset, limit: limit))
            let end = min(whole.types, offset + limit)
            #expect(page.entries == Array(whole.entries[min(offset, end)..<end]), "offset \(offset) limit \(limit)")
            #expect(page.types == whole.types)
            #expect(page.tokens == whole.tokens)
        }
    }

    @Test func noNGramCrossesABlockBoundary() {
        // two one-token paragraphs "camp" "law" and a note "camp law": only the note's bigram
        let vocabulary = AnalysisVocabulary(
            forms: ["camp", "law"],
            words: ["camp", "law"],
            wordOfForm: [0, 1],
            stems: ["camp", "law"],
            stemOfForm: [0, 1]
        )
        let blocks = [
            TextBlock(kind: .body, start: 0, end: 1, section: -1, index: 0),
            TextBlock(kind: .body, start: 1, end: 2, section: -1, index: 1),
            TextBlock(kind: .note, start: 2, end: 4, section: -1, index: 0),
        ]
        let document = AnalysisDocument(
            id: "d",
            title: "",
            author: "",
            source: "",
            order: 0,
            forms: [0, 1, 0, 1],
            offsets: [0, 5, 0, 5],
            blocks: blocks,
            sentenceStarts: [0, 1, 2],
            sections: [],
            pages: [],
            notePages: [nil],
            noteMarkerPages: [nil]
        )
        let corpus = AnalysisCorpus(vocabulary: vocabulary, documents: [document])
        let response = NGrams.compute(corpus, CorpusSelection.everything(corpus), NGramsRequest(n: 2, minFrequency: 1))
        #expect(response.entries == [NGramEntry(words: ["camp", "law"], frequency: 1, range: 1)])
        let body = NGrams.compute(corpus, CorpusSelection.everything(corpus, region: .body), NGramsRequest(n: 2, minFrequency: 1))
        #expect(body.entries.isEmpty)
    }

    @Test func radixSortSortsNarrowAndWideKeys() {
        var random = SplitMix64(seed: 7)
        for bits in [5, 33, 64] {
            var keys = (0..<5_000).map { _ in random.next() >> (64 - bits) }
            let expected = keys.sorted()
            var bucketed = keys
            RadixSort.sort(&keys, bits: bits)
            #expect(keys == expected, "\(bits) bits")
            RadixSort.sort(&bucketed, bits: bits, bucketedFrom: 0)
            #expect(bucketed == expected, "\(bits) bits in buckets")
        }
        var wide = (0..<3_000).map { _ in UInt128(random.next()) << 40 | UInt128(random.next() >> 24) }
        let expected = wide.sorted()
        var bucketedWide = wide
        RadixSort.sort(&wide, bits: 104)
        #expect(wide == expected)
        RadixSort.sort(&bucketedWide, bits: 104, bucketedFrom: 0)
        #expect(bucketedWide == expected)
    }

    @Test func csvJoinsTheWordsAndKeepsFrequencyAndRange() {
        let response = NGrams.compute(
            fixture.corpus,
            CorpusSelection.everything(fixture.corpus),
            NGramsRequest(n: 3, minFrequency: 1, limit: 3)
        )
        let csv = response.csv
        #expect(csv.header == ["words", "frequency", "range"])
        #expect(csv.rows.count == 3)
        #expect(
            csv.rows[0] == [
                response.entries[0].words.joined(separator: " "), String(response.entries[0].frequency),
                String(response.entries[0].range),
            ]
        )
    }

    @Test func requestDecodesDefaultsAndRejectsBadValues() throws {
        let decoded = try JSONDecoder().decode(NGramsRequest.self, from: Data("{}".utf8))
        #expect(decoded == NGramsRequest())
        #expect(decoded.n == 2 && decoded.minFrequency == 2 && decoded.minRange == 1 && decoded.limit == 100)
        let custom = try JSONDecoder().decode(
            NGramsRequest.self,
            from: Data(#"{"n": 4, "node": "camp", "node_position": 2, "min_range": 3}"#.utf8)
        )
        #expect(custom.n == 4 && custom.node == "camp" && custom.nodePosition == 2 && custom.minRange == 3)
        let bad: [(NGramsRequest, String)] = [
            (NGramsRequest(n: 1), "n"),
            (NGramsRequest(n: 7), "n"),
            (NGramsRequest(minFrequency: 0), "min_frequency"),
            (NGramsRequest(minRange: 0), "min_range"),
            (NGramsRequest(node: ""), "node"),
            (NGramsRequest(nodePosition: 1), "node_position"),
            (NGramsRequest(n: 3, node: "camp", nodePosition: 4), "node_position"),
            (NGramsRequest(n: 3, node: "camp", nodePosition: 0), "node_position"),
            (NGramsRequest(offset: -1), "offset"),
            (NGramsRequest(limit: 100_001), "limit"),
        ]
        for (request, parameter) in bad {
            let error = #expect(throws: ProtocolError.self) {
                try request.validate()
            }
            #expect(error?.parameter == parameter)
        }
        try NGramsRequest(n: 6, node: "camp", nodePosition: 6).validate()
    }
}
