import Foundation
import SamizdatModel
import Testing

@testable import SamizdatReports

/// Each measure on the worked example of docs/STATISTICS.md, "Frequency reports".
@Suite struct FrequencyMeasureTests {
    func expectRelative(_ actual: Double?, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let actual else {
            Issue.record("nil instead of \(expected)", sourceLocation: sourceLocation)
            return
        }
        #expect(
            abs(actual - expected) <= 1e-9 * max(abs(expected), 1e-300),
            "\(actual) vs \(expected)",
            sourceLocation: sourceLocation
        )
    }

    @Test func keynessOfAnOverusedWordMatchesTheWorkedExample() {
        // a = 20 of c = 1,000 target tokens; b = 30 of d = 9,000 reference tokens
        let (a, b, c, d) = (20.0, 30.0, 1000.0, 9000.0)
        let g2 = KeynessMeasures.signedG2(a: a, b: b, c: c, d: d)
        expectRelative(g2, 31.3762552012)
        expectRelative(KeynessMeasures.twoCellLogLikelihood(a: a, b: b, c: c, d: d), 31.1238679583)
        expectRelative(KeynessMeasures.pValue(g2), 2.1256467153e-08)
        expectRelative(KeynessMeasures.bonferroni(KeynessMeasures.pValue(g2), tests: 1000), 2.1256467153e-05)
        expectRelative(KeynessMeasures.logRatio(a: a, b: b, c: c, d: d), 2.5849625007)
        expectRelative(KeynessMeasures.percentDiff(a: a, b: b, c: c, d: d), 500)
        expectRelative(KeynessMeasures.bic(g2: g2, tokens: c + d), 22.1659148292)
    }

    @Test func aWordAbsentFromTheReferenceTakesHalfATokenInLogRatioAndPercentDiff() {
        let (a, b, c, d) = (5.0, 0.0, 1000.0, 9000.0)
        let g2 = KeynessMeasures.signedG2(a: a, b: b, c: c, d: d)
        expectRelative(g2, 23.0483922843)
        expectRelative(KeynessMeasures.twoCellLogLikelihood(a: a, b: b, c: c, d: d), 23.0258509299)
        expectRelative(KeynessMeasures.pValue(g2), 1.5797455376e-06)
        expectRelative(KeynessMeasures.logRatio(a: a, b: b, c: c, d: d), 6.4918530963)
        expectRelative(KeynessMeasures.percentDiff(a: a, b: b, c: c, d: d), 8900)
        expectRelative(KeynessMeasures.bic(g2: g2, tokens: c + d), 13.8380519123)
    }

    @Test func aWordAbsentFromTheTargetIsANegativeKeyword() {
        let (a, b, c, d) = (0.0, 40.0, 1000.0, 9000.0)
        let g2 = KeynessMeasures.signedG2(a: a, b: b, c: c, d: d)
        expectRelative(g2, -8.4466692307)
        expectRelative(KeynessMeasures.twoCellLogLikelihood(a: a, b: b, c: c, d: d), 8.4288412526)
        expectRelative(KeynessMeasures.pValue(g2), 3.6571261062e-03)
        #expect(KeynessMeasures.bonferroni(KeynessMeasures.pValue(g2), tests: 1000) == 1)
        expectRelative(KeynessMeasures.logRatio(a: a, b: b, c: c, d: d), -3.1520030934)
        expectRelative(KeynessMeasures.percentDiff(a: a, b: b, c: c, d: d), -100)
        expectRelative(KeynessMeasures.bic(g2: g2, tokens: c + d), -0.7636711413)
    }

    @Test func equalRelativeFrequenciesGiveZeroG2() {
        #expect(KeynessMeasures.signedG2(a: 10, b: 90, c: 1000, d: 9000) == 0)
    }

    @Test func dispersionOverUnequalPartsMatchesTheWorkedExample() {
        // counts 3, 0, 1, 4 over parts of 10, 20, 10, 40 tokens
        let measures = DispersionStatistics.measures(counts: [3, 0, 1, 4], sizes: [10, 20, 10, 40])
        #expect(measures.parts == 4)
        #expect(measures.range == 3)
        expectRelative(measures.juillandD, 0.49667770431528335)
        expectRelative(measures.dp, 0.25)
        expectRelative(measures.dpNorm, 0.2857142857142857)
    }

    @Test func dispersionIsUndefinedForAnAbsentTermOrASinglePart() {
        #expect(DispersionStatistics.measures(counts: [0, 0], sizes: [5, 5]).dp == nil)
        #expect(DispersionStatistics.measures(counts: [4], sizes: [5]).juillandD == nil)
        let even = DispersionStatistics.measures(counts: [1, 2], sizes: [10, 20])
        expectRelative(even.juillandD, 1)
        #expect(even.dp == 0)
    }

    @Test func equalPartsAreCutAsArraySplitCutsThem() {
        #expect(DispersionStatistics.equalPartSizes(tokens: 10, parts: 4) == [3, 3, 2, 2])
        #expect((0..<10).map { DispersionStatistics.equalPart(of: $0, tokens: 10, parts: 4) } == [0, 0, 0, 1, 1, 1, 2, 2, 3, 3])
    }

    @Test func cosineOfTwoSmallCorporaMatchesTheWorkedExample() {
        // first: x x y; second: x y z → vectors (2, 1, 0) and (1, 1, 1), cosine 3 / √15
        let vocabulary = AnalysisVocabulary(
            forms: ["x", "y", "z"],
            words: ["x", "y", "z"],
            wordOfForm: [0, 1, 2],
            stems: ["x", "y", "z"],
            stemOfForm: [0, 1, 2]
        )
        func document(_ id: String, _ forms: [UInt32]) -> AnalysisDocument {
            AnalysisDocument(
                id: id,
                title: id,
                author: "",
                source: "",
                order: 0,
                forms: forms,
                offsets: forms.indices.map { UInt32($0 * 2) },
                blocks: [TextBlock(kind: .body, start: 0, end: UInt32(forms.count), section: -1, index: 0)],
                sentenceStarts: [0],
                sections: [],
                pages: [],
                notePages: [],
                noteMarkerPages: []
            )
        }
        let corpus = AnalysisCorpus(vocabulary: vocabulary, documents: [document("a", [0, 0, 1]), document("b", [0, 1, 2])])
        let response = Comparison.compute(
            corpus,
            CorpusSelection(parts: [.init(document: 0)], region: .all),
            other: nil,
            CompareRequest()
        )
        expectRelative(response.cosine, 0.7745966692414834)
        #expect(response.sharedTypes == 2)
        #expect(response.keywords.map(\.term) == ["x"])
        #expect(response.otherKeywords.map(\.term) == ["z"])
    }
}

@Suite struct FrequencyRequestTests {
    @Test func missingKeysTakeTheirDefaults() throws {
        let decoder = JSONDecoder()
        let wordList = try decoder.decode(WordListRequest.self, from: Data("{}".utf8))
        #expect(wordList == WordListRequest())
        let keywords = try decoder.decode(KeywordsRequest.self, from: Data(#"{"scope":{"document":"d1","region":"body"}}"#.utf8))
        #expect(keywords == KeywordsRequest(scope: ReportScope(document: "d1", region: .body)))
        let dispersion = try decoder.decode(DispersionRequest.self, from: Data(#"{"term":"camp","hit_limit":7}"#.utf8))
        #expect(dispersion == DispersionRequest(term: "camp", hitLimit: 7))
        let trends = try decoder.decode(TrendsRequest.self, from: Data(#"{"terms":["camp"],"across":"chapters"}"#.utf8))
        #expect(trends == TrendsRequest(terms: ["camp"], across: .chapters))
        let compare = try decoder.decode(CompareRequest.self, from: Data(#"{"other":{"document":"d2"},"sort":"log_ratio"}"#.utf8))
        #expect(compare == CompareRequest(other: ReportScope(document: "d2"), sort: .logRatio))
    }

    @Test func keysAreSnakeCase() throws {
        let encoded = try JSONEncoder().encode(KeywordsRequest(minFrequency: 3, maxP: 0.01))
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("\"min_frequency\":3"))
        #expect(text.contains("\"max_p\":0.01"))
        let entry = KeywordEntry(
            rank: 1,
            term: "camp",
            frequency: 1,
            referenceFrequency: 2,
            perMillion: 1,
            referencePerMillion: 2,
            g2: 1,
            logLikelihood: 1,
            pValue: 0.5,
            logRatio: 1,
            percentDiff: 1,
            bic: 1
        )
        let entryText = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        #expect(entryText.contains("\"reference_per_million\""))
        #expect(entryText.contains("\"percent_diff\""))
    }

    func parameter(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as ProtocolError {
            #expect(error.code == .badParameter)
            return error.parameter
        } catch {
            Issue.record("not a ProtocolError: \(error)")
            return "?"
        }
    }

    @Test func outOfRangeValuesAreRejectedByName() {
        #expect(parameter { try WordListRequest(minFrequency: 0).validate() } == "min_frequency")
        #expect(parameter { try WordListRequest(offset: -1).validate() } == "offset")
        #expect(parameter { try WordListRequest(limit: 0).validate() } == "limit")
        #expect(parameter { try WordListRequest().validate() } == nil)
        #expect(parameter { try KeywordsRequest(maxP: 0).validate() } == "max_p")
        #expect(parameter { try KeywordsRequest(limit: 10_001).validate() } == "limit")
        #expect(parameter { try DispersionRequest(term: " ").validate() } == "term")
        #expect(parameter { try DispersionRequest(term: "camp", parts: 1).validate() } == "parts")
        #expect(parameter { try DispersionRequest(term: "camp", hitLimit: -1).validate() } == "hit_limit")
        #expect(parameter { try TrendsRequest(terms: []).validate() } == "terms")
        #expect(parameter { try TrendsRequest(terms: ["a", ""]).validate() } == "terms")
        #expect(parameter { try CompareRequest(minFrequency: -2).validate() } == "min_frequency")
    }

    @Test func csvTablesHaveTheEntryFieldsAsColumns() {
        let response = WordListResponse(
            unit: .word,
            tokens: 10,
            types: 2,
            documents: 1,
            matched: 2,
            offset: 0,
            entries: [
                WordListResponse.Entry(rank: 1, term: "camp, the", frequency: 3, perMillion: 300_000, range: 1, dp: nil)
            ]
        )
        #expect(response.csv.text == "rank,term,frequency,per_million,range,dp\r\n1,\"camp, the\",3,300000,1,\r\n")
    }
}
