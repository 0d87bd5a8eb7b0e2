import SamizdatModel

/// The collocates report: the types in windows around a node's occurrences, counted and scored
/// by every association measure (docs/STATISTICS.md, "Co-occurrence reports").
///
/// A window takes up to `left` tokens before and `right` tokens after each node occurrence in
/// the scope, never the node occurrence itself, clipped at the edges of its block (paragraph or
/// note) and, when `sentence` is set, of its sentence. A token inside two overlapping windows
/// counts twice, and other occurrences of the node count as collocates.
public enum Collocates {
    /// The collocates of `node` (a type id under `request.unit`, named `nodeName`) in
    /// `selection`, sorted by `request.sort` and paged. `request` should have passed `validate()`.
    public static func compute(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        node: UInt32,
        nodeName: String,
        _ request: CollocatesRequest
    ) -> CollocatesResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        var windows = WindowCounts(typeCount: table.count)
        var nodeFrequency = 0
        for part in selection.parts {
            let document = corpus.documents[part.document]
            let filter = BlockFilter(part, region: selection.region)
            let positions = document.typeIndex(table).positions(of: node)
            nodeFrequency += windows.add(
                document,
                positions: positions,
                filter: filter,
                typeOfForm: table.typeOfForm,
                left: request.left,
                right: request.right,
                sentence: request.sentence
            )
        }
        let candidates = windows.touched.filter { type in
            Int(windows.total[Int(type)]) >= request.minFrequency
        }
        // C1 and N: over whole documents of the whole corpus from the totals the corpus keeps,
        // else counted for this selection
        let wholeCorpus =
            selection.parts.count == corpus.documents.count && selection.parts.allSatisfy { $0.sections == nil }
        let totals = wholeCorpus ? corpus.cache.totals(corpus, table, region: selection.region) : nil
        let scope = wholeCorpus ? nil : ScopeCounts(corpus, selection, table: table, wanted: candidates)
        let scopeTokens = totals?.tokens ?? scope?.tokens ?? 0
        var entries: [CollocateEntry] = []
        entries.reserveCapacity(candidates.count)
        for type in candidates {
            let total = Int(windows.total[Int(type)])
            let leftCount = Int(windows.left[Int(type)])
            let collocateFrequency = totals.map { Int($0.counts[Int(type)]) } ?? scope?.frequency(of: type) ?? 0
            let contingency = Contingency(
                o11: Double(total),
                r1: Double(windows.windowTokens),
                c1: Double(collocateFrequency),
                n: Double(scopeTokens)
            )
            entries.append(
                CollocateEntry(
                    collocate: table.names[Int(type)],
                    cooccurrences: total,
                    left: leftCount,
                    right: total - leftCount,
                    collocateFrequency: collocateFrequency,
                    expected: contingency.e11,
                    mi: Association.mutualInformation(contingency),
                    mi3: Association.mi3(contingency),
                    tScore: Association.tScore(contingency),
                    zScore: Association.zScore(contingency),
                    logLikelihood: Association.logLikelihood(contingency),
                    logDice: Association.logDice(contingency, nodeFrequency: Double(nodeFrequency)),
                    dice: Association.dice(contingency, nodeFrequency: Double(nodeFrequency)),
                    deltaPCollocateGivenNode: Association.deltaPCollocateGivenNode(contingency),
                    deltaPNodeGivenCollocate: Association.deltaPNodeGivenCollocate(contingency)
                )
            )
        }
        let page = sortedPage(entries, by: request.sort, offset: request.offset, limit: request.limit)
        return CollocatesResponse(
            node: nodeName,
            unit: request.unit,
            left: request.left,
            right: request.right,
            sentence: request.sentence,
            sort: request.sort,
            nodeFrequency: nodeFrequency,
            windowTokens: windows.windowTokens,
            scopeTokens: scopeTokens,
            collocates: entries.count,
            offset: request.offset,
            entries: page
        )
    }

    /// `entries` sorted by `measure` descending, ties by collocate name in code-point order,
    /// then `offset..<offset + limit` of them.
    static func sortedPage(_ entries: [CollocateEntry], by measure: CollocationMeasure, offset: Int, limit: Int) -> [CollocateEntry] {
        let values = entries.map { $0.value(of: measure) }
        var order = Array(entries.indices)
        order.sort { first, second in
            if values[first] != values[second] {
                return values[first] > values[second]
            }
            return entries[first].collocate.utf8.lexicographicallyPrecedes(entries[second].collocate.utf8)
        }
        guard offset < order.count else {
            return []
        }
        return order[offset..<min(order.count, offset + limit)].map { entries[$0] }
    }
}

/// The collocation windows of one node: counts per type left of the node and in all, the types
/// seen, and R1.
struct WindowCounts {
    var left: [UInt32]
    var total: [UInt32]
    /// Types with a non-zero total, in order of first sight.
    var touched: [UInt32] = []
    var windowTokens = 0

    init(typeCount: Int) {
        left = [UInt32](repeating: 0, count: typeCount)
        total = [UInt32](repeating: 0, count: typeCount)
    }

    /// Counts the windows of the node occurrences at `positions` (ascending) that `filter`
    /// keeps, and returns how many it kept.
    mutating func add(
        _ document: AnalysisDocument,
        positions: ArraySlice<UInt32>,
        filter: BlockFilter,
        typeOfForm: [UInt32],
        left leftSpan: Int,
        right rightSpan: Int,
        sentence: Bool
    ) -> Int {
        guard !positions.isEmpty else {
            return 0
        }
        let blocks = document.blocks
        let everything = filter.includesEverything
        var blockSlot = 0
        var kept = 0
        var tokens = 0
        document.forms.withUnsafeBufferPointer { forms in
            typeOfForm.withUnsafeBufferPointer { types in
                left.withUnsafeMutableBufferPointer { leftCounts in
                    total.withUnsafeMutableBufferPointer { totalCounts in
                        for position in positions {
                            blockSlot = BlockFilter.block(containing: position, in: blocks, from: blockSlot)
                            let block = blocks[blockSlot]
                            if !everything && !filter.includes(block) {
                                continue
                            }
                            kept += 1
                            let here = Int(position)
                            var low = max(Int(block.start), here - leftSpan)
                            var high = min(Int(block.end), here + rightSpan + 1)
                            if sentence {
                                let bounds = BlockFilter.sentence(
                                    containing: position,
                                    starts: document.sentenceStarts,
                                    tokenCount: forms.count
                                )
                                low = max(low, bounds.start)
                                high = min(high, bounds.end)
                            }
                            tokens += high - low - 1
                            var token = low
                            while token < here {
                                let type = Int(types[Int(forms[token])])
                                if totalCounts[type] == 0 {
                                    touched.append(UInt32(type))
                                }
                                totalCounts[type] &+= 1
                                leftCounts[type] &+= 1
                                token += 1
                            }
                            token = here + 1
                            while token < high {
                                let type = Int(types[Int(forms[token])])
                                if totalCounts[type] == 0 {
                                    touched.append(UInt32(type))
                                }
                                totalCounts[type] &+= 1
                                token += 1
                            }
                        }
                    }
                }
            }
        }
        windowTokens += tokens
        return kept
    }
}
