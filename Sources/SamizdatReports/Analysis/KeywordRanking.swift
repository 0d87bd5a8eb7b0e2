import SamizdatModel

/// The ranking that keywords and comparison share: the measures of every type tested, filtered
/// by polarity, frequency and p-value, sorted by the asked measure (strongest first, ties by name).
struct KeywordRanking {
    /// Each type's count in the target and in the reference (index = type id).
    let target: [UInt32]
    let reference: [UInt32]
    /// c and d.
    let targetTokens: Int
    let referenceTokens: Int
    /// The types present in the target, ascending (the only candidates for positive keywords).
    let targetTypes: [UInt32]

    struct Ranked {
        /// Types tested (present in the target or the reference).
        var tested: Int
        /// The keywords passing the filters, ranked.
        var entries: [KeywordEntry]
        var matched: Int { entries.count }
    }

    /// The keyword list under these options; the entries' ranks are 1-based places in it.
    func rank(names: [String], order: AnalysisCache.NameOrder, polarity: KeywordPolarity, sort: KeywordSort,
              minFrequency: Int, maxP: Double, bonferroni: Bool) -> Ranked {
        var tested = 0
        for type in target.indices where target[type] > 0 || reference[type] > 0 {
            tested += 1
        }
        guard targetTokens > 0, referenceTokens > 0 else {
            return Ranked(tested: tested, entries: [])
        }
        let c = Double(targetTokens)
        let d = Double(referenceTokens)
        var candidates: [(key: Double, rank: UInt32, entry: KeywordEntry)] = []
        func consider(_ type: Int) {
            let aCount = Int(target[type])
            let bCount = Int(reference[type])
            let positive = aCount * referenceTokens > bCount * targetTokens
            let negative = aCount * referenceTokens < bCount * targetTokens
            switch polarity {
            case .positive:
                guard positive, aCount >= minFrequency else {
                    return
                }
            case .negative:
                guard negative, bCount >= minFrequency else {
                    return
                }
            case .both:
                guard (positive && aCount >= minFrequency) || (negative && bCount >= minFrequency) else {
                    return
                }
            }
            let a = Double(aCount)
            let b = Double(bCount)
            let g2 = KeynessMeasures.signedG2(a: a, b: b, c: c, d: d)
            var pValue = KeynessMeasures.pValue(g2)
            if bonferroni {
                pValue = KeynessMeasures.bonferroni(pValue, tests: tested)
            }
            guard pValue <= maxP else {
                return
            }
            let twoCell = KeynessMeasures.twoCellLogLikelihood(a: a, b: b, c: c, d: d)
            let entry = KeywordEntry(
                rank: 0, term: names[type], frequency: aCount, referenceFrequency: bCount,
                perMillion: a / c * 1_000_000, referencePerMillion: b / d * 1_000_000,
                g2: g2, logLikelihood: positive ? twoCell : -twoCell, pValue: pValue,
                logRatio: KeynessMeasures.logRatio(a: a, b: b, c: c, d: d),
                percentDiff: KeynessMeasures.percentDiff(a: a, b: b, c: c, d: d),
                bic: KeynessMeasures.bic(g2: g2, tokens: c + d))
            candidates.append((Self.strength(entry, sort: sort, positive: positive, polarity: polarity),
                               order.rankOfType[type], entry))
        }
        if polarity == .positive {
            for type in targetTypes {
                consider(Int(type))
            }
        } else {
            for type in target.indices where target[type] > 0 || reference[type] > 0 {
                consider(type)
            }
        }
        candidates.sort { left, right in
            left.key != right.key ? left.key > right.key : left.rank < right.rank
        }
        var entries: [KeywordEntry] = []
        entries.reserveCapacity(candidates.count)
        for (place, candidate) in candidates.enumerated() {
            var entry = candidate.entry
            entry.rank = place + 1
            entries.append(entry)
        }
        return Ranked(tested: tested, entries: entries)
    }

    /// The sort key, larger = stronger (see `KeywordSort`).
    static func strength(_ entry: KeywordEntry, sort: KeywordSort, positive: Bool, polarity: KeywordPolarity) -> Double {
        let value: Double
        switch sort {
        case .g2:
            value = entry.g2
        case .logRatio:
            value = entry.logRatio
        case .percentDiff:
            value = entry.percentDiff
        case .bic:
            return entry.bic
        case .frequency:
            return Double(positive ? entry.frequency : entry.referenceFrequency)
        }
        switch polarity {
        case .positive:
            return value
        case .negative:
            return -value
        case .both:
            return abs(value)
        }
    }
}
