import SamizdatModel

/// The frequency list of a selection: each type's frequency, per million, range and DP over the
/// selection's documents, most frequent first, ties by name in code-point order.
public enum WordList {
    public static func compute(_ corpus: AnalysisCorpus, _ selection: CorpusSelection,
                               _ request: WordListRequest) -> WordListResponse {
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
        let sizes = sizedParts.map { Double($0.tokens) }
        var entries: [WordListResponse.Entry] = []
        let end = min(keys.count, request.offset + request.limit)
        if request.offset < end {
            for place in request.offset..<end {
                let type = order.typesInOrder[Int(keys[place] & 0xFFFF_FFFF)]
                let frequency = Int(counts.totals[Int(type)])
                let perPart = sizedParts.map { Double($0.count(of: type)) }
                let range = perPart.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
                let dp = DispersionStatistics.measures(counts: perPart, sizes: sizes).dp
                entries.append(WordListResponse.Entry(
                    rank: place + 1, term: table.names[Int(type)], frequency: frequency,
                    perMillion: Double(frequency) / Double(counts.tokens) * 1_000_000, range: range, dp: dp))
            }
        }
        return WordListResponse(unit: request.unit, tokens: counts.tokens, types: types, documents: sizedParts.count,
                                matched: keys.count, offset: request.offset, entries: entries)
    }
}

extension WordListResponse {
    /// The entries as CSV, the JSON entry fields as columns.
    public var csv: CSVTable {
        var table = CSVTable(header: ["rank", "term", "frequency", "per_million", "range", "dp"])
        for entry in entries {
            table.append([String(entry.rank), entry.term, String(entry.frequency), CSVTable.number(entry.perMillion),
                          String(entry.range), entry.dp.map(CSVTable.number) ?? ""])
        }
        return table
    }
}
