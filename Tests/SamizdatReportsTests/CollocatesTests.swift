import Foundation
import SamizdatModel
import Testing

@testable import SamizdatReports

/// The collocates report against a brute-force oracle that scans every window of the generated
/// corpus token by token.
@Suite struct CollocatesTests {
    let fixture = CooccurrenceFixture()

    /// One collocate as the oracle counts it.
    struct OracleEntry {
        var cooccurrences = 0
        var left = 0
        var right = 0
    }

    /// The oracle's report: every window scanned naively, measures by their textbook formulas.
    struct Oracle {
        var nodeFrequency = 0
        var windowTokens = 0
        var scopeTokens = 0
        var entries: [String: OracleEntry] = [:]
        var frequencies: [String: Int] = [:]
    }

    func oracle(_ selection: CorpusSelection, unit: CountingUnit, node: UInt32, left: Int, right: Int, sentence: Bool) -> Oracle {
        let table = UnitTable(fixture.corpus.vocabulary, unit: unit)
        var result = Oracle()
        for part in selection.parts {
            let document = fixture.corpus.documents[part.document]
            let types = document.forms.map { table.typeOfForm[Int($0)] }
            func sentenceNumber(_ token: Int) -> Int {
                document.sentenceStarts.filter { Int($0) <= token }.count
            }
            for block in document.blocks where CooccurrenceFixture.counts(block, of: part, in: selection) {
                for token in Int(block.start)..<Int(block.end) {
                    result.scopeTokens += 1
                    result.frequencies[table.names[Int(types[token])], default: 0] += 1
                    guard types[token] == node else {
                        continue
                    }
                    result.nodeFrequency += 1
                    for other in Int(block.start)..<Int(block.end) where other != token {
                        let inWindow = other >= token - left && other <= token + right
                        let inSentence = !sentence || sentenceNumber(other) == sentenceNumber(token)
                        guard inWindow && inSentence else {
                            continue
                        }
                        result.windowTokens += 1
                        let name = table.names[Int(types[other])]
                        result.entries[name, default: OracleEntry()].cooccurrences += 1
                        if other < token {
                            result.entries[name, default: OracleEntry()].left += 1
                        } else {
                            result.entries[name, default: OracleEntry()].right += 1
                        }
                    }
                }
            }
        }
        return result
    }

    /// Every figure of one collocate by its formula, written out again here, in the order of
    /// `figures(of:)`.
    func expectedFigures(o11: Double, r1: Double, c1: Double, n: Double, nodeFrequency: Double) -> [Double] {
        let o12 = r1 - o11
        let o21 = max(c1 - o11, 0)
        let o22 = max(n - r1 - c1 + o11, 0)
        let e11 = r1 * c1 / n
        let total = o11 + o12 + o21 + o22
        let observed = [o11, o12, o21, o22]
        let expected = [
            (o11 + o12) * (o11 + o21) / total, (o11 + o12) * (o12 + o22) / total,
            (o21 + o22) * (o11 + o21) / total, (o21 + o22) * (o12 + o22) / total,
        ]
        var g2 = 0.0
        for (cell, value) in observed.enumerated() where value > 0 {
            g2 += 2 * value * log(value / expected[cell])
        }
        let dice = 2 * o11 / (nodeFrequency + c1)
        let outsideWindows = o21 + o22 > 0 ? o21 / (o21 + o22) : 0
        let otherTokens = o12 + o22 > 0 ? o12 / (o12 + o22) : 0
        return [
            e11,
            log2(o11 / e11),
            log2(o11 * o11 * o11 / e11),
            (o11 - e11) / o11.squareRoot(),
            (o11 - e11) / e11.squareRoot(),
            o11 >= e11 ? g2 : -g2,
            14 + log2(dice),
            dice,
            o11 / (o11 + o12) - outsideWindows,
            o11 / (o11 + o21) - otherTokens,
        ]
    }

    /// An entry's figures in the order of `expectedFigures`.
    func figures(of entry: CollocateEntry) -> [Double] {
        [
            entry.expected, entry.mi, entry.mi3, entry.tScore, entry.zScore, entry.logLikelihood, entry.logDice, entry.dice,
            entry.deltaPCollocateGivenNode, entry.deltaPNodeGivenCollocate,
        ]
    }

    func close(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    /// The report of every listed window shape, checked against the oracle for `selection`.
    func checkEveryWindow(_ name: String, _ selection: CorpusSelection) {
        let windows: [(left: Int, right: Int, sentence: Bool)] = [
            (5, 5, false), (5, 5, true), (2, 0, false), (0, 3, true), (20, 20, false), (1, 1, true),
        ]
        for unit in CountingUnit.allCases {
            let table = UnitTable(fixture.corpus.vocabulary, unit: unit)
            for node in [0, 1, 2, table.count - 1].map(UInt32.init) {
                for window in windows {
                    for minFrequency in [1, 3] {
                        let request = CollocatesRequest(
                            node: table.names[Int(node)],
                            unit: unit,
                            left: window.left,
                            right: window.right,
                            sentence: window.sentence,
                            minFrequency: minFrequency,
                            sort: .frequency,
                            limit: CollocatesRequest.maximumLimit
                        )
                        let context = "\(name), \(unit), node \(table.names[Int(node)]), \(window), min \(minFrequency)"
                        check(selection, node: node, nodeName: table.names[Int(node)], request, context: context)
                    }
                }
            }
        }
    }

    func check(_ selection: CorpusSelection, node: UInt32, nodeName: String, _ request: CollocatesRequest, context: String) {
        let expected = oracle(
            selection,
            unit: request.unit,
            node: node,
            left: request.left,
            right: request.right,
            sentence: request.sentence
        )
        let response = Collocates.compute(fixture.corpus, selection, node: node, nodeName: nodeName, request)
        #expect(response.nodeFrequency == expected.nodeFrequency, "\(context)")
        #expect(response.windowTokens == expected.windowTokens, "\(context)")
        #expect(response.scopeTokens == expected.scopeTokens, "\(context)")
        let listed = expected.entries.filter { $0.value.cooccurrences >= request.minFrequency }
        #expect(response.collocates == listed.count, "\(context)")
        #expect(response.entries.count == listed.count, "\(context)")
        for entry in response.entries {
            guard let counted = listed[entry.collocate] else {
                Issue.record("\(context): \(entry.collocate) is not a collocate")
                continue
            }
            let frequency = expected.frequencies[entry.collocate] ?? 0
            #expect(entry.cooccurrences == counted.cooccurrences, "\(context): \(entry.collocate)")
            #expect(entry.left == counted.left, "\(context): \(entry.collocate)")
            #expect(entry.right == counted.right, "\(context): \(entry.collocate)")
            #expect(entry.collocateFrequency == frequency, "\(context): \(entry.collocate)")
            let wanted = expectedFigures(
                o11: Double(counted.cooccurrences),
                r1: Double(expected.windowTokens),
                c1: Double(frequency),
                n: Double(expected.scopeTokens),
                nodeFrequency: Double(expected.nodeFrequency)
            )
            for (actual, value) in zip(figures(of: entry), wanted) {
                #expect(close(actual, value), "\(context): \(entry.collocate) \(actual) vs \(value)")
            }
        }
    }

    @Test func wholeCorpusMatchesTheOracle() {
        checkEveryWindow("whole corpus", CorpusSelection.everything(fixture.corpus))
    }

    @Test func everyScopeMatchesTheOracle() {
        for (name, selection) in fixture.selections.dropFirst() {
            checkEveryWindow(name, selection)
        }
    }

    @Test func entriesAreSortedByEachMeasureThenByName() {
        let selection = CorpusSelection.everything(fixture.corpus)
        for measure in CollocationMeasure.allCases {
            let request = CollocatesRequest(node: "the", minFrequency: 1, sort: measure, limit: CollocatesRequest.maximumLimit)
            let response = Collocates.compute(fixture.corpus, selection, node: 0, nodeName: "the", request)
            #expect(response.entries.count > 5)
            for (first, second) in zip(response.entries, response.entries.dropFirst()) {
                let firstValue = first.value(of: measure)
                let secondValue = second.value(of: measure)
                let ordered =
                    firstValue > secondValue
                    || (firstValue == secondValue && first.collocate.utf8.lexicographicallyPrecedes(second.collocate.utf8))
                #expect(ordered, "\(measure): \(first.collocate) before \(second.collocate)")
            }
        }
    }

    /// A short page ranked by G² skips the candidates whose bound cannot reach it: it must still
    /// be the head of the whole list, for every node and unit.
    @Test func shortG2PagesAreTheHeadOfTheWholeList() {
        let selection = CorpusSelection.everything(fixture.corpus)
        for unit in CountingUnit.allCases {
            let table = UnitTable(fixture.corpus.vocabulary, unit: unit)
            for node in 0..<UInt32(table.count) {
                let name = table.names[Int(node)]
                let whole = Collocates.compute(
                    fixture.corpus,
                    selection,
                    node: node,
                    nodeName: name,
                    CollocatesRequest(node: name, unit: unit, minFrequency: 1, limit: CollocatesRequest.maximumLimit)
                )
                for limit in [1, 2, 5] {
                    let request = CollocatesRequest(node: name, unit: unit, minFrequency: 1, limit: limit)
                    let page = Collocates.compute(fixture.corpus, selection, node: node, nodeName: name, request)
                    #expect(page.entries == Array(whole.entries.prefix(limit)), "\(unit) \(name) limit \(limit)")
                    #expect(page.collocates == whole.collocates)
                }
            }
        }
    }

    @Test func pagesAreSlicesOfTheWholeList() {
        let selection = CorpusSelection.everything(fixture.corpus)
        let whole = Collocates.compute(
            fixture.corpus,
            selection,
            node: 2,
            nodeName: "camp",
            CollocatesRequest(node: "camp", minFrequency: 1, limit: CollocatesRequest.maximumLimit)
        )
        let page = Collocates.compute(
            fixture.corpus,
            selection,
            node: 2,
            nodeName: "camp",
            CollocatesRequest(node: "camp", minFrequency: 1, offset: 3, limit: 4)
        )
        #expect(page.entries == Array(whole.entries[3..<7]))
        #expect(page.collocates == whole.collocates)
        let beyond = Collocates.compute(
            fixture.corpus,
            selection,
            node: 2,
            nodeName: "camp",
            CollocatesRequest(node: "camp", minFrequency: 1, offset: whole.collocates, limit: 4)
        )
        #expect(beyond.entries.isEmpty)
    }

    @Test func csvHasTheJSONColumnsAndOneRowPerEntry() throws {
        let response = Collocates.compute(
            fixture.corpus,
            CorpusSelection.everything(fixture.corpus),
            node: 0,
            nodeName: "the",
            CollocatesRequest(node: "the", minFrequency: 1, limit: 5)
        )
        let csv = response.csv
        #expect(csv.rows.count == response.entries.count)
        let entryJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(response.entries[0])) as? [String: Any]
        #expect(Set(csv.header) == Set(entryJSON?.keys.map { $0 } ?? []))
        #expect(csv.rows[0][0] == response.entries[0].collocate)
        #expect(csv.rows[0][1] == String(response.entries[0].cooccurrences))
    }

    @Test func requestDecodesDefaultsAndRejectsBadValues() throws {
        let decoded = try JSONDecoder().decode(CollocatesRequest.self, from: Data(#"{"node": "camp"}"#.utf8))
        #expect(decoded == CollocatesRequest(node: "camp"))
        #expect(decoded.left == 5 && decoded.right == 5 && decoded.minFrequency == 3 && decoded.sort == .g2)
        let custom = try JSONDecoder().decode(
            CollocatesRequest.self,
            from: Data(#"{"node": "camp", "min_frequency": 2, "sort": "log_dice", "left": 0, "unit": "stem"}"#.utf8)
        )
        #expect(custom.minFrequency == 2 && custom.sort == .logDice && custom.left == 0 && custom.unit == .stem)
        let bad: [(CollocatesRequest, String)] = [
            (CollocatesRequest(node: " "), "node"),
            (CollocatesRequest(node: "camp", left: 21), "left"),
            (CollocatesRequest(node: "camp", right: -1), "right"),
            (CollocatesRequest(node: "camp", left: 0, right: 0), "right"),
            (CollocatesRequest(node: "camp", minFrequency: 0), "min_frequency"),
            (CollocatesRequest(node: "camp", offset: -1), "offset"),
            (CollocatesRequest(node: "camp", limit: 0), "limit"),
        ]
        for (request, parameter) in bad {
            let error = #expect(throws: ProtocolError.self) {
                try request.validate()
            }
            #expect(error?.parameter == parameter)
            #expect(error?.code == .badParameter)
        }
        try CollocatesRequest(node: "camp").validate()
    }
}
