import Foundation
import SamizdatModel

/// Two selections side by side: the keywords of each against the other, the vocabulary they
/// share, and the cosine similarity of their frequency vectors.
public enum Comparison {
    /// With `other` nil, the second side is the rest of the corpus (as for `Keywords`).
    public static func compute(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        other: CorpusSelection?,
        _ request: CompareRequest
    ) -> CompareResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        let order = corpus.cache.nameOrder(table)
        let forward = Keywords.makeRanking(corpus, table, target: selection, reference: other)
        var otherTypes: [UInt32] = []
        for type in forward.reference.indices where forward.reference[type] > 0 {
            otherTypes.append(UInt32(type))
        }
        let backward = KeywordRanking(
            target: forward.reference,
            reference: forward.target,
            targetTokens: forward.referenceTokens,
            referenceTokens: forward.targetTokens,
            targetTypes: otherTypes
        )
        let keywords = forward.rank(
            names: table.names,
            order: order,
            polarity: .positive,
            sort: request.sort,
            minFrequency: request.minFrequency,
            maxP: 1,
            bonferroni: false,
            offset: request.offset,
            limit: request.limit
        )
        let otherKeywords = backward.rank(
            names: table.names,
            order: order,
            polarity: .positive,
            sort: request.sort,
            minFrequency: request.minFrequency,
            maxP: 1,
            bonferroni: false,
            offset: request.offset,
            limit: request.limit
        )
        let minimum = UInt32(clamping: request.minFrequency)
        var sharedTypes = 0
        var shared: [(total: UInt64, rank: UInt32, type: Int)] = []
        var dot = 0.0
        var squares = 0.0
        var otherSquares = 0.0
        for type in forward.targetTypes {
            let count = forward.target[Int(type)]
            let otherCount = forward.reference[Int(type)]
            let a = Double(count)
            squares += a * a
            guard otherCount > 0 else {
                continue
            }
            dot += a * Double(otherCount)
            sharedTypes += 1
            if count >= minimum, otherCount >= minimum {
                shared.append((UInt64(count) + UInt64(otherCount), order.rankOfType[Int(type)], Int(type)))
            }
        }
        for type in otherTypes {
            let b = Double(forward.reference[Int(type)])
            otherSquares += b * b
        }
        shared.sort { left, right in
            left.total != right.total ? left.total > right.total : left.rank < right.rank
        }
        let tokens = Double(forward.targetTokens)
        let otherTokens = Double(forward.referenceTokens)
        var sharedEntries: [CompareResponse.SharedEntry] = []
        for (place, item) in Keywords.page(Array(shared.enumerated()), offset: request.offset, limit: request.limit) {
            let count = Int(forward.target[item.type])
            let otherCount = Int(forward.reference[item.type])
            sharedEntries.append(
                CompareResponse.SharedEntry(
                    rank: place + 1,
                    term: table.names[item.type],
                    frequency: count,
                    otherFrequency: otherCount,
                    perMillion: Double(count) / tokens * 1_000_000,
                    otherPerMillion: Double(otherCount) / otherTokens * 1_000_000
                )
            )
        }
        let cosine = squares > 0 && otherSquares > 0 ? dot / (squares.squareRoot() * otherSquares.squareRoot()) : 0
        return CompareResponse(
            unit: request.unit,
            tokens: forward.targetTokens,
            otherTokens: forward.referenceTokens,
            types: forward.targetTypes.count,
            otherTypes: otherTypes.count,
            sharedTypes: sharedTypes,
            cosine: cosine,
            keywords: keywords.entries,
            otherKeywords: otherKeywords.entries,
            shared: sharedEntries
        )
    }
}

extension CompareResponse {
    /// The three lists as one CSV: a `list` column (keyword, other_keyword, shared), then the
    /// keyword columns; a shared row fills frequency, reference_frequency and the per-million columns.
    public var csv: CSVTable {
        let keywordTable = KeywordEntry.csv(keywords)
        let otherTable = KeywordEntry.csv(otherKeywords)
        var table = CSVTable(header: ["list"] + keywordTable.header)
        for row in keywordTable.rows {
            table.append(["keyword"] + row)
        }
        for row in otherTable.rows {
            table.append(["other_keyword"] + row)
        }
        for entry in shared {
            table.append([
                "shared", String(entry.rank), entry.term, String(entry.frequency), String(entry.otherFrequency),
                CSVTable.number(entry.perMillion), CSVTable.number(entry.otherPerMillion),
                "", "", "", "", "", "",
            ])
        }
        return table
    }
}
