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
        let counts = SelectionCounts(corpus, selection, table)
        let order = corpus.cache.nameOrder(table)
        let stopped = request.stoplist ? Stoplist.stoppedTypes(corpus.vocabulary, table) : nil
        let prefix = request.prefix.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        let minimum = UInt32(clamping: request.minFrequency)
        var keys: [UInt64] = []
        var types = 0
        for type in 0..<table.count {
            let frequency = counts.totals[type]
            guard frequency > 0 else {
                continue
            }
            types += 1
            guard frequency >= minimum else {
                continue
            }
            if let stopped, stopped[type] {
                continue
            }
            if let prefix, !table.names[type].utf8.starts(with: prefix) {
                continue
            }
            // most frequent first, then by name
            keys.append(UInt64(UInt32.max - frequency) << 32 | UInt64(order.rankOfType[type]))
        }
        keys.sort()
        let sizedParts = counts.parts.filter { $0.tokens > 0 }
        let end = min(keys.count, request.offset + request.limit)
        let pageTypes =
            request.offset < end
            ? (request.offset..<end).map { order.typesInOrder[Int(keys[$0] & 0xFFFF_FFFF)] } : []
        let (ranges, dps) = dispersion(
            of: pageTypes,
            counts: counts,
            parts: sizedParts,
            typeCount: table.count,
            sweep: pageTypes.count > 32
        )
        var entries: [WordListResponse.Entry] = []
        for (slot, type) in pageTypes.enumerated() {
            let frequency = Int(counts.totals[Int(type)])
            entries.append(
                WordListResponse.Entry(
                    rank: request.offset + slot + 1,
                    term: table.names[Int(type)],
                    frequency: frequency,
                    perMillion: Double(frequency) / Double(counts.tokens) * 1_000_000,
                    range: ranges[slot],
                    dp: dps[slot]
                )
            )
        }
        return WordListResponse(
            unit: request.unit,
            tokens: counts.tokens,
            types: types,
            documents: sizedParts.count,
            matched: keys.count,
            offset: request.offset,
            entries: entries
        )
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
