import Foundation
import SamizdatModel

/// Canned analysis reports for the fake backend: small, fixed, and shaped as index answers.
enum FakeReports {
    /// "state": three hits in doc-a (two in its first chapter, one in a note of the second),
    /// two in doc-b; with `doc-a`, the document's two chapters as strips.
    static func dispersion(_ request: DispersionRequest) -> DispersionResponse {
        let measures = DispersionMeasures(parts: 2, range: 2, juillandD: 0.8125, dp: 0.1432, dpNorm: 0.15)
        var hits = [
            DispersionHit(
                document: "doc-a",
                token: 10,
                position: 10,
                offset: 40,
                page: "204",
                region: .body,
                section: "Chapter One",
                chapter: "Chapter One",
                paragraph: 1,
                strip: 0,
                stripPosition: 10
            ),
            DispersionHit(
                document: "doc-a",
                token: 30,
                position: 30,
                offset: 120,
                page: "205",
                region: .body,
                section: "Chapter One",
                chapter: "Chapter One",
                paragraph: 3,
                strip: 0,
                stripPosition: 30
            ),
            DispersionHit(
                document: "doc-a",
                token: 4000,
                position: 4000,
                offset: 7,
                page: "206",
                region: .note,
                section: "Chapter Two",
                chapter: "Chapter Two",
                note: 0,
                strip: 1,
                stripPosition: 900
            ),
        ]
        var strips = [DispersionStrip(chapter: "Chapter One", tokens: 3000, hits: 2), DispersionStrip(chapter: "Chapter Two", tokens: 2000, hits: 1)]
        if request.scope.document == nil {
            hits = hits.map { hit in
                var corpusHit = hit
                corpusHit.strip = nil
                corpusHit.stripPosition = nil
                return corpusHit
            }
            hits += [
                DispersionHit(
                    document: "doc-b",
                    token: 5,
                    position: 5005,
                    offset: 20,
                    page: "2",
                    region: .body,
                    section: nil,
                    chapter: nil,
                    paragraph: 0
                ),
                DispersionHit(
                    document: "doc-b",
                    token: 800,
                    position: 5800,
                    offset: 3000,
                    page: "11",
                    region: .body,
                    section: nil,
                    chapter: nil,
                    paragraph: 2
                ),
            ]
            strips = []
        }
        return DispersionResponse(
            term: request.term,
            unit: request.unit,
            frequency: hits.count,
            tokens: request.scope.document == nil ? 5900 : 5000,
            perMillion: Double(hits.count) / 5900 * 1_000_000,
            documents: measures,
            chapters: measures,
            equalParts: measures,
            hits: Array(hits.prefix(request.hitLimit)),
            truncated: hits.count > request.hitLimit,
            strips: strips
        )
    }

    static func trends(_ request: TrendsRequest) -> TrendsResponse {
        let rows: [TrendsResponse.Row]
        if request.across == .chapters {
            rows = [
                TrendsResponse.Row(
                    document: "doc-a",
                    title: "Alpha",
                    chapter: "Chapter One",
                    key: "1",
                    tokens: 3000,
                    counts: [2],
                    perTenThousand: [6.67]
                ),
                TrendsResponse.Row(
                    document: "doc-a",
                    title: "Alpha",
                    chapter: "Chapter Two",
                    key: "1",
                    tokens: 2000,
                    counts: [1],
                    perTenThousand: [5]
                ),
            ]
        } else {
            rows = [
                TrendsResponse.Row(document: "doc-b", title: "Beta <Book>", chapter: nil, key: "1", tokens: 900, counts: [2], perTenThousand: [22.2]),
                TrendsResponse.Row(document: "doc-a", title: "Alpha", chapter: nil, key: "2", tokens: 5000, counts: [3], perTenThousand: [6]),
            ]
        }
        return TrendsResponse(terms: request.terms, unit: request.unit, across: request.across, order: request.order, rows: rows)
    }

    static func collocates(_ request: CollocatesRequest) -> CollocatesResponse {
        let entries = [("power", 9.0, 4), ("withers", 4.0, 3), ("<apparatus>", 2.0, 5)].map { word, g2, count in
            CollocateEntry(
                collocate: word,
                cooccurrences: count,
                left: 1,
                right: count - 1,
                collocateFrequency: 10,
                expected: 0.5,
                mi: g2 / 3,
                mi3: g2,
                tScore: 1.5,
                zScore: 2.5,
                logLikelihood: g2,
                logDice: 11,
                dice: 0.1,
                deltaPCollocateGivenNode: 0.05,
                deltaPNodeGivenCollocate: 0.02
            )
        }
        let sorted = entries.sorted { $0.value(of: request.sort) > $1.value(of: request.sort) }
        return CollocatesResponse(
            node: request.node,
            unit: request.unit,
            left: request.left,
            right: request.right,
            sentence: request.sentence,
            sort: request.sort,
            nodeFrequency: 5,
            windowTokens: 50,
            scopeTokens: 5900,
            collocates: entries.count,
            offset: request.offset,
            entries: sorted
        )
    }

    static func clusters(_ request: NGramsRequest) -> NGramsResponse {
        let entries = [NGramEntry(words: ["the", request.node ?? "state", "withers"], frequency: 3, range: 2)]
        return NGramsResponse(
            n: request.n,
            unit: request.unit,
            node: request.node,
            nodePosition: request.nodePosition,
            tokens: 3,
            types: 1,
            offset: 0,
            entries: entries
        )
    }

    static func keyword(_ term: String, rank: Int, g2: Double) -> KeywordEntry {
        KeywordEntry(
            rank: rank,
            term: term,
            frequency: 40,
            referenceFrequency: 3,
            perMillion: 8000,
            referencePerMillion: 3.3,
            g2: g2,
            logLikelihood: g2,
            pValue: 0.00001,
            logRatio: g2 > 0 ? 11.2 : -3,
            percentDiff: 240_000,
            bic: g2 - 13
        )
    }

    static func keywords(_ request: KeywordsRequest) -> KeywordsResponse {
        let entries =
            request.polarity == .negative
            ? [keyword("the", rank: 1, g2: -12.5)] : [keyword("gulag", rank: 1, g2: 88.1), keyword("<camp>", rank: 2, g2: 40.2)]
        return KeywordsResponse(
            unit: request.unit,
            targetTokens: 5000,
            referenceTokens: 900,
            tested: 700,
            matched: entries.count,
            offset: 0,
            entries: entries
        )
    }

    static func compare(_ request: CompareRequest) -> CompareResponse {
        CompareResponse(
            unit: request.unit,
            tokens: 5000,
            otherTokens: 900,
            types: 700,
            otherTypes: 300,
            sharedTypes: 120,
            cosine: 0.8731,
            keywords: [keyword("gulag", rank: 1, g2: 88.1)],
            otherKeywords: [keyword("salon", rank: 1, g2: 20.5)],
            shared: [
                CompareResponse.SharedEntry(rank: 1, term: "state", frequency: 30, otherFrequency: 4, perMillion: 6000, otherPerMillion: 4444)
            ]
        )
    }

    static func citations(_ request: CitationsRequest) -> CitationsResponse {
        let agamben = CitedAuthor(
            name: "Agamben",
            citations: 3,
            documents: 1,
            works: [CitedWork(work: "Agamben 1998", year: "1998", citations: 2), CitedWork(work: "Agamben 2005", year: "2005", citations: 1)]
        )
        let arendt = CitedAuthor(name: "Arendt", citations: 1, documents: 1, works: [CitedWork(work: "Arendt 1951", year: "1951", citations: 1)])
        let places =
            request.author == nil
            ? []
            : [
                CitationPlace(
                    documentID: "doc-a",
                    title: "Alpha",
                    chapter: "Chapter One",
                    page: "205",
                    paragraph: 1,
                    text: "(Agamben 1998, 12)",
                    authors: ["Agamben"],
                    year: "1998",
                    pages: "12",
                    ibid: false
                )
            ]
        let authors = request.author == nil ? [agamben, arendt] : [agamben]
        return CitationsResponse(
            citations: request.author == nil ? 4 : 3,
            authorCount: authors.count,
            offset: request.offset,
            authors: authors,
            places: places
        )
    }

    static func words(_ request: WordListRequest) -> WordListResponse {
        let entries = [("state", 30), ("camp", 12), ("<soul>", 4)].enumerated().map { index, pair in
            WordListResponse.Entry(rank: index + 1, term: pair.0, frequency: pair.1, perMillion: Double(pair.1) / 5900 * 1_000_000, range: 2, dp: 0.2)
        }
        return WordListResponse(
            unit: request.unit,
            tokens: 5900,
            types: 1234,
            documents: 2,
            matched: 3,
            offset: 0,
            entries: Array(entries.prefix(request.limit))
        )
    }
}
