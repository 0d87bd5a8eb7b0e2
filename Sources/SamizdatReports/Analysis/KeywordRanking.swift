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
        /// Keywords passing the filters (the length of the whole list).
        var matched: Int
        /// The asked page of the list.
        var entries: [KeywordEntry]
    }

    /// The keyword list under these options, `offset` and `limit` applied; the entries' ranks are
    /// 1-based places in the whole list. Only the sort measure (and the p-value, when `maxP` < 1)
    /// is computed for every candidate; the page's entries get every measure.
    func rank(
        names: [String],
        order: AnalysisCache.NameOrder,
        polarity: KeywordPolarity,
        sort: KeywordSort,
        minFrequency: Int,
        maxP: Double,
        bonferroni: Bool,
        offset: Int,
        limit: Int
    ) -> Ranked {
        var tested = 0
        for type in target.indices where target[type] > 0 || reference[type] > 0 {
            tested += 1
        }
        guard targetTokens > 0, referenceTokens > 0 else {
            return Ranked(tested: tested, matched: 0, entries: [])
        }
        let c = Double(targetTokens)
        let d = Double(referenceTokens)
        var collector = TopRanked.Collector(wanted: offset + limit)
        var matched = 0
        let logs = LogLikelihoodBound.significandLogs
        logs.withUnsafeBufferPointer { logs in
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
                var g2: Double?
                if maxP < 1 {
                    let value = KeynessMeasures.signedG2(a: a, b: b, c: c, d: d)
                    guard pValue(g2: value, tested: tested, bonferroni: bonferroni) <= maxP else {
                        return
                    }
                    g2 = value
                }
                matched += 1
                // ranked by G²: its strength (|G²| in the polarity asked) is at most the bound
                if sort == .g2, g2 == nil, collector.excludes(bound: LogLikelihoodBound.unsignedG2(a, b, c - a, d - b, logs: logs)) {
                    return
                }
                let value: Double
                switch sort {
                case .g2:
                    value = g2 ?? KeynessMeasures.signedG2(a: a, b: b, c: c, d: d)
                case .logRatio:
                    value = KeynessMeasures.logRatio(a: a, b: b, c: c, d: d)
                case .percentDiff:
                    value = KeynessMeasures.percentDiff(a: a, b: b, c: c, d: d)
                case .bic:
                    value = KeynessMeasures.bic(g2: g2 ?? KeynessMeasures.signedG2(a: a, b: b, c: c, d: d), tokens: c + d)
                case .frequency:
                    value = Double(positive ? aCount : bCount)
                }
                collector.offer(
                    TopRanked.Candidate(score: Self.strength(value, sort: sort, polarity: polarity), rank: order.rankOfType[type], type: UInt32(type))
                )
            }
            if polarity == .positive, sort == .g2, maxP >= 1 {
                // positive keywords by G²: every positive type of count ≥ minFrequency matches;
                // the candidates are offered largest target count first, and those whose count
                // cannot reach the page under G² with no occurrence in the reference are skipped
                for type in targetTypes {
                    let aCount = Int(target[Int(type)])
                    if aCount >= minFrequency && aCount * referenceTokens > Int(reference[Int(type)]) * targetTokens {
                        matched += 1
                    }
                }
                let scan = CeilingScan(candidates: targetTypes, counts: target, minimum: max(1, minFrequency))
                scan.run(into: &collector) { count in
                    KeynessMeasures.g2(Double(count), 0, c - Double(count), d) + LogLikelihoodBound.roundingAllowance(c + d)
                } offer: { type, collector in
                    let aCount = Int(target[Int(type)])
                    let bCount = Int(reference[Int(type)])
                    guard aCount * referenceTokens > bCount * targetTokens else {
                        return
                    }
                    let a = Double(aCount)
                    let b = Double(bCount)
                    // G² = 2N·KL ≤ 2N·χ² divergence = 2 X² (Pearson's), without a logarithm
                    let cross = a * d - b * c
                    let pearson = (c + d) * cross * cross / ((a + b) * (c + d - a - b) * c * d)
                    if collector.excludes(bound: 2 * pearson + LogLikelihoodBound.roundingAllowance(c + d)) {
                        return
                    }
                    if collector.excludes(bound: LogLikelihoodBound.unsignedG2(a, b, c - a, d - b, logs: logs)) {
                        return
                    }
                    let value = KeynessMeasures.signedG2(a: a, b: b, c: c, d: d)
                    collector.offer(TopRanked.Candidate(score: value, rank: order.rankOfType[Int(type)], type: type))
                }
            } else if polarity == .positive {
                for type in targetTypes {
                    consider(Int(type))
                }
            } else {
                for type in target.indices where target[type] > 0 || reference[type] > 0 {
                    consider(type)
                }
            }
        }
        let best = collector.best()
        var entries: [KeywordEntry] = []
        if offset < best.count {
            for place in offset..<best.count {
                entries.append(
                    entry(
                        Int(best[place].type),
                        place: place,
                        names: names,
                        tested: tested,
                        bonferroni: bonferroni
                    )
                )
            }
        }
        return Ranked(tested: tested, matched: matched, entries: entries)
    }

    func pValue(g2: Double, tested: Int, bonferroni: Bool) -> Double {
        let pValue = KeynessMeasures.pValue(g2)
        return bonferroni ? KeynessMeasures.bonferroni(pValue, tests: tested) : pValue
    }

    /// Every measure of one type, at `place` (0-based) of the list.
    func entry(_ type: Int, place: Int, names: [String], tested: Int, bonferroni: Bool) -> KeywordEntry {
        let a = Double(target[type])
        let b = Double(reference[type])
        let c = Double(targetTokens)
        let d = Double(referenceTokens)
        let g2 = KeynessMeasures.signedG2(a: a, b: b, c: c, d: d)
        let twoCell = KeynessMeasures.twoCellLogLikelihood(a: a, b: b, c: c, d: d)
        return KeywordEntry(
            rank: place + 1,
            term: names[type],
            frequency: Int(target[type]),
            referenceFrequency: Int(reference[type]),
            perMillion: a / c * 1_000_000,
            referencePerMillion: b / d * 1_000_000,
            g2: g2,
            logLikelihood: g2 < 0 ? -twoCell : twoCell,
            pValue: pValue(g2: g2, tested: tested, bonferroni: bonferroni),
            logRatio: KeynessMeasures.logRatio(a: a, b: b, c: c, d: d),
            percentDiff: KeynessMeasures.percentDiff(a: a, b: b, c: c, d: d),
            bic: KeynessMeasures.bic(g2: g2, tokens: c + d)
        )
    }

    /// The sort key, larger = stronger (see `KeywordSort`): `value` is the sort measure.
    static func strength(_ value: Double, sort: KeywordSort, polarity: KeywordPolarity) -> Double {
        switch sort {
        case .bic, .frequency:
            return value
        case .g2, .logRatio, .percentDiff:
            break
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
