import SamizdatModel

/// The frequency list of a selection: each type's frequency, per million, range and DP over the
/// selection's documents, most frequent first, ties by name in code-point order.
public enum WordList {
    public static func compute(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        _ request: WordListRequest
    ) -> WordListResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        let isEveryWholeDocument =
            selection.parts.count == corpus.documents.count && selection.parts.allSatisfy { $0.sections == nil }
        let ranked =
            isEveryWholeDocument
            ? corpus.cache.rankedTypes(corpus, table, region: selection.region)
            : RankedTypes(corpus, selection, table)
        let stopped = request.stoplist ? Stoplist.stoppedTypes(corpus.vocabulary, table) : nil
        let prefix = request.prefix.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        let minimum = UInt32(clamping: request.minFrequency)
        let end = request.offset + request.limit
        var pageSlots: [Int] = []
        var matched = 0
        for slot in ranked.types.indices {
            let type = Int(ranked.types[slot])
            // most frequent first: none after this one is frequent enough
            guard ranked.frequencies[slot] >= minimum else {
                break
            }
            if let stopped, stopped[type] {
                continue
            }
            if let prefix, !table.names[type].utf8.starts(with: prefix) {
                continue
            }
            if matched >= request.offset && matched < end {
                pageSlots.append(slot)
            }
            matched += 1
        }
        var entries: [WordListResponse.Entry] = []
        entries.reserveCapacity(pageSlots.count)
        for (place, slot) in pageSlots.enumerated() {
            let frequency = Int(ranked.frequencies[slot])
            entries.append(
                WordListResponse.Entry(
                    rank: request.offset + place + 1,
                    term: table.names[Int(ranked.types[slot])],
                    frequency: frequency,
                    perMillion: Double(frequency) / Double(ranked.tokens) * 1_000_000,
                    range: ranked.ranges[slot],
                    dp: ranked.dps[slot]
                )
            )
        }
        return WordListResponse(
            unit: request.unit,
            tokens: ranked.tokens,
            types: ranked.types.count,
            documents: ranked.documents,
            matched: matched,
            offset: request.offset,
            entries: entries
        )
    }
}

/// Every type of a selection that occurs there, most frequent first (ties by name in code-point
/// order), with its frequency, range and DP over the selection's documents: the word list before
/// its filters and paging. The corpus keeps the one of every whole document per unit and region
/// (`AnalysisCache.rankedTypes`), so a word list of the corpus only filters and pages it.
struct RankedTypes: Sendable {
    var types: [UInt32]
    var frequencies: [UInt32]
    var ranges: [Int]
    var dps: [Double?]
    /// Tokens in the selection, and its documents holding at least one.
    var tokens: Int
    var documents: Int

    init(_ corpus: AnalysisCorpus, _ selection: CorpusSelection, _ table: UnitTable) {
        let counts = SelectionCounts(corpus, selection, table)
        let order = corpus.cache.nameOrder(table)
        var keys: [UInt64] = []
        for type in 0..<table.count where counts.totals[type] > 0 {
            // most frequent first, then by name
            keys.append(UInt64(UInt32.max - counts.totals[type]) << 32 | UInt64(order.rankOfType[type]))
        }
        keys.sort()
        let sizedParts = counts.parts.filter { $0.tokens > 0 }
        types = keys.map { order.typesInOrder[Int($0 & 0xFFFF_FFFF)] }
        frequencies = types.map { counts.totals[Int($0)] }
        let measured = WordList.dispersion(
            of: types,
            counts: counts,
            parts: sizedParts,
            typeCount: table.count,
            sweep: types.count > 32
        )
        ranges = measured.ranges
        dps = measured.dps
        tokens = counts.tokens
        documents = sizedParts.count
    }
}

extension WordList {
    /// The range and DP over `parts` of each of `types`. Without `sweep` (a short page) each type
    /// is looked up in each part; with it each part's types are swept once, with
    /// DP = ½ (1 + Σ over parts holding the type of (|vᵢ / f − sᵢ / N| − sᵢ / N)).
    static func dispersion(
        of types: [UInt32],
        counts: SelectionCounts,
        parts: [PartCounts],
        typeCount: Int,
        sweep: Bool
    ) -> (ranges: [Int], dps: [Double?]) {
        let sizes = parts.map { Double($0.tokens) }
        guard sweep else {
            var ranges: [Int] = []
            var dps: [Double?] = []
            for type in types {
                let perPart = parts.map { Double($0.count(of: type)) }
                let measures = DispersionStatistics.measures(counts: perPart, sizes: sizes)
                ranges.append(measures.range)
                dps.append(measures.dp)
            }
            return (ranges, dps)
        }
        var slotOfType = [Int32](repeating: -1, count: typeCount)
        for (slot, type) in types.enumerated() {
            slotOfType[Int(type)] = Int32(slot)
        }
        let frequencies = types.map { Double(counts.totals[Int($0)]) }
        var ranges = [Int](repeating: 0, count: types.count)
        var deviations = [Double](repeating: 0, count: types.count)
        let total = sizes.reduce(0, +)
        for part in parts {
            let share = Double(part.tokens) / total
            part.forEachType { type, count in
                let slot = Int(slotOfType[Int(type)])
                if slot >= 0 {
                    ranges[slot] += 1
                    deviations[slot] += abs(Double(count) / frequencies[slot] - share) - share
                }
            }
        }
        let dps: [Double?] = deviations.map { parts.count >= 2 ? ($0 + 1) / 2 : nil }
        return (ranges, dps)
    }
}

extension WordListResponse {
    /// The entries as CSV, the JSON entry fields as columns.
    public var csv: CSVTable {
        var table = CSVTable(header: ["rank", "term", "frequency", "per_million", "range", "dp"])
        for entry in entries {
            table.append([
                String(entry.rank), entry.term, String(entry.frequency), CSVTable.number(entry.perMillion),
                String(entry.range), entry.dp.map(CSVTable.number) ?? "",
            ])
        }
        return table
    }
}
