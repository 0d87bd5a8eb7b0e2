import SamizdatModel

/// Keywords of a target selection against a reference selection, or against the rest of the
/// corpus.
public enum Keywords {
    /// With `reference` nil, the reference is every document of the corpus in the target's
    /// region less the target's tokens. An explicit reference is counted as given (if it overlaps
    /// the target, the shared tokens count on both sides).
    public static func compute(
        _ corpus: AnalysisCorpus,
        target: CorpusSelection,
        reference: CorpusSelection?,
        _ request: KeywordsRequest
    ) -> KeywordsResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        let ranking = makeRanking(corpus, table, target: target, reference: reference)
        let ranked = ranking.rank(
            names: table.names,
            order: corpus.cache.nameOrder(table),
            polarity: request.polarity,
            sort: request.sort,
            minFrequency: request.minFrequency,
            maxP: request.maxP,
            bonferroni: request.bonferroni,
            offset: request.offset,
            limit: request.limit
        )
        return KeywordsResponse(
            unit: request.unit,
            targetTokens: ranking.targetTokens,
            referenceTokens: ranking.referenceTokens,
            tested: ranked.tested,
            matched: ranked.matched,
            offset: request.offset,
            entries: ranked.entries
        )
    }

    /// The counts of both sides.
    static func makeRanking(
        _ corpus: AnalysisCorpus,
        _ table: UnitTable,
        target: CorpusSelection,
        reference: CorpusSelection?
    ) -> KeywordRanking {
        let targetCounts = SelectionCounts(corpus, target, table)
        var targetTypes: [UInt32] = []
        for type in targetCounts.totals.indices where targetCounts.totals[type] > 0 {
            targetTypes.append(UInt32(type))
        }
        let referenceCounts: [UInt32]
        let referenceTokens: Int
        if let reference {
            let counted = SelectionCounts(corpus, reference, table)
            referenceCounts = counted.totals
            referenceTokens = counted.tokens
        } else {
            let everything = corpus.cache.totals(corpus, table, region: target.region)
            var rest = everything.counts
            for type in targetTypes {
                rest[Int(type)] -= targetCounts.totals[Int(type)]
            }
            referenceCounts = rest
            referenceTokens = everything.tokens - targetCounts.tokens
        }
        return KeywordRanking(
            target: targetCounts.totals,
            reference: referenceCounts,
            targetTokens: targetCounts.tokens,
            referenceTokens: referenceTokens,
            targetTypes: targetTypes
        )
    }

    static func page<Entry>(_ entries: [Entry], offset: Int, limit: Int) -> [Entry] {
        guard offset < entries.count else {
            return []
        }
        return Array(entries[offset..<min(entries.count, offset + limit)])
    }
}

extension KeywordsResponse {
    /// The entries as CSV, the JSON entry fields as columns.
    public var csv: CSVTable {
        KeywordEntry.csv(entries)
    }
}

extension KeywordEntry {
    /// Keyword entries as CSV, the JSON fields as columns.
    public static func csv(_ entries: [KeywordEntry]) -> CSVTable {
        var table = CSVTable(header: [
            "rank", "term", "frequency", "reference_frequency", "per_million",
            "reference_per_million", "g2", "log_likelihood", "p_value", "log_ratio",
            "percent_diff", "bic",
        ])
        for entry in entries {
            table.append([
                String(entry.rank), entry.term, String(entry.frequency), String(entry.referenceFrequency),
                CSVTable.number(entry.perMillion), CSVTable.number(entry.referencePerMillion),
                CSVTable.number(entry.g2), CSVTable.number(entry.logLikelihood), CSVTable.number(entry.pValue),
                CSVTable.number(entry.logRatio), CSVTable.number(entry.percentDiff), CSVTable.number(entry.bic),
            ])
        }
        return table
    }
}
