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
        let everyDocument = selection.parts.count == corpus.documents.count
        let clipped =
            everyDocument && selection.region == .all && !request.sentence
            && request.left <= CorpusPostings.clipLimit && request.right <= CorpusPostings.clipLimit
            && selection.parts.allSatisfy { $0.sections == nil }
        if clipped, let postings = corpus.cache.postings(corpus, table) {
            // every whole document, windows of at most `clipLimit` a side: the edges from the
            // postings' clips, the windows gathered in batches
            nodeFrequency = windows.addEveryWindow(
                corpus,
                postings,
                node: node,
                typeOfForm: table.unit == .form ? nil : table.typeOfForm,
                left: request.left,
                right: request.right
            )
        } else if everyDocument, let postings = corpus.cache.postings(corpus, table) {
            // only the documents holding the node: its entries in the corpus postings
            var cursor = postings.typeStarts[Int(node)]
            for entry in postings.entryStarts[Int(node)]..<postings.entryStarts[Int(node) + 1] {
                let documentIndex = Int(postings.entryDocuments[entry])
                let count = Int(postings.entryCounts[entry])
                nodeFrequency += windows.add(
                    corpus.documents[documentIndex],
                    positions: postings.positions[cursor..<cursor + count],
                    base: UInt32(postings.documentStarts[documentIndex]),
                    filter: BlockFilter(selection.parts[documentIndex], region: selection.region),
                    typeOfForm: table.typeOfForm,
                    left: request.left,
                    right: request.right,
                    sentence: request.sentence
                )
                cursor += count
            }
        } else {
            for part in selection.parts {
                let document = corpus.documents[part.document]
                nodeFrequency += windows.add(
                    document,
                    positions: document.typeIndex(table).positions(of: node),
                    base: 0,
                    filter: BlockFilter(part, region: selection.region),
                    typeOfForm: table.typeOfForm,
                    left: request.left,
                    right: request.right,
                    sentence: request.sentence
                )
            }
        }
        let candidates = windows.touched.filter { type in
            Int(windows.total[Int(type)]) >= request.minFrequency
        }
        // C1 and N: over whole documents of the whole corpus from the totals the corpus keeps,
        // else counted for this selection
        let wholeCorpus = everyDocument && selection.parts.allSatisfy { $0.sections == nil }
        let totals = wholeCorpus ? corpus.cache.totals(corpus, table, region: selection.region) : nil
        let scope = wholeCorpus ? nil : ScopeCounts(corpus, selection, table: table, wanted: candidates)
        let scopeTokens = totals?.tokens ?? scope?.tokens ?? 0
        let windowTokens = Double(windows.windowTokens)
        func contingency(_ type: UInt32) -> (table: Contingency, collocateFrequency: Int) {
            let collocateFrequency = totals.map { Int($0.counts[Int(type)]) } ?? scope?.frequency(of: type) ?? 0
            let cells = Contingency(
                o11: Double(windows.total[Int(type)]),
                r1: windowTokens,
                c1: Double(collocateFrequency),
                n: Double(scopeTokens)
            )
            return (cells, collocateFrequency)
        }
        // the sort measure of every candidate that can reach the page (ranked by G², a candidate
        // whose bound cannot is skipped); every measure of the page's only
        let order = corpus.cache.nameOrder(table)
        var collector = TopRanked.Collector(wanted: request.offset + request.limit)
        let nodeCount = Double(nodeFrequency)
        // ranked by G²: no O22 clipped at 0 (N ≥ R1 + C1 for every candidate) lets a candidate's
        // O11 bound its G² (`CeilingScan`)
        var ceilingHolds = request.sort == .g2
        if ceilingHolds {
            for type in candidates where contingency(type).collocateFrequency + windows.windowTokens > scopeTokens {
                ceilingHolds = false
                break
            }
        }
        LogLikelihoodBound.significandLogs.withUnsafeBufferPointer { logs in
            order.rankOfType.withUnsafeBufferPointer { rankOfType in
                if ceilingHolds {
                    let scan = CeilingScan(candidates: candidates, counts: windows.total, minimum: max(1, request.minFrequency))
                    scan.run(into: &collector) { count in
                        // G² of a collocate seen only in the windows, with every other token
                        // of the scope outside them
                        let observed = Double(count)
                        let outside = Double(scopeTokens) - windowTokens + observed
                        return KeynessMeasures.g2(observed, windowTokens - observed, 0, outside)
                            + LogLikelihoodBound.roundingAllowance(Double(scopeTokens) + observed)
                    } offer: { type, collector in
                        let cells = contingency(type).table
                        let bound = cells.o11 >= cells.e11 ? LogLikelihoodBound.unsignedG2(cells.o11, cells.o12, cells.o21, cells.o22, logs: logs) : 0
                        if collector.excludes(bound: bound) {
                            return
                        }
                        let value = Association.logLikelihood(cells)
                        collector.offer(TopRanked.Candidate(score: value, rank: rankOfType[Int(type)], type: type))
                    }
                    return
                }
                for type in candidates {
                    let cells = contingency(type).table
                    if request.sort == .g2 {
                        // signed G² is at most the bound when attracted, at most 0 when repelled
                        let bound = cells.o11 >= cells.e11 ? LogLikelihoodBound.unsignedG2(cells.o11, cells.o12, cells.o21, cells.o22, logs: logs) : 0
                        if collector.excludes(bound: bound) {
                            continue
                        }
                    }
                    let value = measure(request.sort, cells, nodeFrequency: nodeCount)
                    collector.offer(TopRanked.Candidate(score: value, rank: rankOfType[Int(type)], type: type))
                }
            }
        }
        let best = collector.best()
        var page: [CollocateEntry] = []
        if request.offset < best.count {
            for place in request.offset..<best.count {
                let type = best[place].type
                let (cells, collocateFrequency) = contingency(type)
                let total = Int(windows.total[Int(type)])
                let leftCount = Int(windows.left[Int(type)])
                page.append(
                    CollocateEntry(
                        collocate: table.names[Int(type)],
                        cooccurrences: total,
                        left: leftCount,
                        right: total - leftCount,
                        collocateFrequency: collocateFrequency,
                        expected: cells.e11,
                        mi: Association.mutualInformation(cells),
                        mi3: Association.mi3(cells),
                        tScore: Association.tScore(cells),
                        zScore: Association.zScore(cells),
                        logLikelihood: Association.logLikelihood(cells),
                        logDice: Association.logDice(cells, nodeFrequency: Double(nodeFrequency)),
                        dice: Association.dice(cells, nodeFrequency: Double(nodeFrequency)),
                        deltaPCollocateGivenNode: Association.deltaPCollocateGivenNode(cells),
                        deltaPNodeGivenCollocate: Association.deltaPNodeGivenCollocate(cells)
                    )
                )
            }
        }
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
            collocates: candidates.count,
            offset: request.offset,
            entries: page
        )
    }

    /// The value of `measure` for one collocate, as `CollocateEntry.value(of:)` reads it.
    static func measure(_ measure: CollocationMeasure, _ cells: Contingency, nodeFrequency: Double) -> Double {
        switch measure {
        case .frequency: cells.o11
        case .mi: Association.mutualInformation(cells)
        case .mi3: Association.mi3(cells)
        case .t: Association.tScore(cells)
        case .z: Association.zScore(cells)
        case .g2: Association.logLikelihood(cells)
        case .logDice: Association.logDice(cells, nodeFrequency: nodeFrequency)
        case .dice: Association.dice(cells, nodeFrequency: nodeFrequency)
        case .deltaP: Association.deltaPCollocateGivenNode(cells)
        }
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

    /// Counts the windows of every occurrence of `node` in the corpus of `postings` (each
    /// document whole, body and notes), `left` and `right` at most `CorpusPostings.clipLimit`;
    /// returns the node's frequency. `typeOfForm` nil: the forms are the types.
    ///
    /// Each window's edges come from the postings' clips, with no search among the blocks. The
    /// windows' tokens are first copied, a batch of windows at a time, into a buffer, so that the
    /// memory reads of many windows (each far from the last) are under way at once; the counting
    /// then reads the buffer.
    mutating func addEveryWindow(
        _ corpus: AnalysisCorpus,
        _ postings: CorpusPostings,
        node: UInt32,
        typeOfForm: [UInt32]?,
        left leftSpan: Int,
        right rightSpan: Int
    ) -> Int {
        if !postings.stream.isEmpty {
            return addEveryWindow(postings, node: node, left: leftSpan, right: rightSpan)
        }
        let span = leftSpan + rightSpan
        let batch = 64
        var buffer = [UInt32](repeating: 0, count: batch * max(span, 1))
        var leftCounts = [Int](repeating: 0, count: batch)
        var rightCounts = [Int](repeating: 0, count: batch)
        let identity: [UInt32] = []
        let types = typeOfForm ?? identity
        let mapsForms = typeOfForm != nil
        var tokens = 0
        var cursor = postings.typeStarts[Int(node)]
        let entries = postings.entryStarts[Int(node)]..<postings.entryStarts[Int(node) + 1]
        buffer.withUnsafeMutableBufferPointer { buffer in
            types.withUnsafeBufferPointer { types in
                postings.clips.withUnsafeBufferPointer { clips in
                    postings.positions.withUnsafeBufferPointer { positions in
                        left.withUnsafeMutableBufferPointer { leftTotals in
                            total.withUnsafeMutableBufferPointer { totals in
                                for entry in entries {
                                    let documentIndex = Int(postings.entryDocuments[entry])
                                    let count = Int(postings.entryCounts[entry])
                                    let base = UInt32(postings.documentStarts[documentIndex])
                                    corpus.documents[documentIndex].forms.withUnsafeBufferPointer { forms in
                                        var first = cursor
                                        let end = cursor + count
                                        while first < end {
                                            let last = min(end, first + batch)
                                            // gather: each window's tokens, left side then right side
                                            for slot in 0..<(last - first) {
                                                let place = first + slot
                                                let here = Int(positions[place] &- base)
                                                let clip = Int(clips[place])
                                                let before = min(leftSpan, clip >> 4)
                                                let after = min(rightSpan, clip & 0xF)
                                                leftCounts[slot] = before
                                                rightCounts[slot] = after
                                                var out = slot * span
                                                var token = here - before
                                                while token < here {
                                                    buffer[out] = forms[token]
                                                    out += 1
                                                    token += 1
                                                }
                                                token = here + 1
                                                while token <= here + after {
                                                    buffer[out] = forms[token]
                                                    out += 1
                                                    token += 1
                                                }
                                            }
                                            // count
                                            for slot in 0..<(last - first) {
                                                let start = slot * span
                                                let leftEnd = start + leftCounts[slot]
                                                let windowEnd = leftEnd + rightCounts[slot]
                                                tokens += windowEnd - start
                                                var index = start
                                                while index < windowEnd {
                                                    let form = Int(buffer[index])
                                                    let type = mapsForms ? Int(types[form]) : form
                                                    if totals[type] == 0 {
                                                        touched.append(UInt32(type))
                                                    }
                                                    totals[type] &+= 1
                                                    if index < leftEnd {
                                                        leftTotals[type] &+= 1
                                                    }
                                                    index += 1
                                                }
                                            }
                                            first = last
                                        }
                                    }
                                    cursor += count
                                }
                            }
                        }
                    }
                }
            }
        }
        windowTokens += tokens
        return postings.typeStarts[Int(node) + 1] - postings.typeStarts[Int(node)]
    }

    /// `addEveryWindow` from the postings' 16-bit stream of types: each window's tokens read at
    /// its corpus positions, a batch of windows gathered before they are counted.
    mutating func addEveryWindow(_ postings: CorpusPostings, node: UInt32, left leftSpan: Int, right rightSpan: Int) -> Int {
        let span = max(leftSpan + rightSpan, 1)
        let batch = 64
        var buffer = [UInt16](repeating: 0, count: batch * span)
        var leftEnds = [Int](repeating: 0, count: batch)
        var windowEnds = [Int](repeating: 0, count: batch)
        var tokens = 0
        let first = postings.typeStarts[Int(node)]
        let end = postings.typeStarts[Int(node) + 1]
        buffer.withUnsafeMutableBufferPointer { buffer in
            postings.stream.withUnsafeBufferPointer { stream in
                postings.clips.withUnsafeBufferPointer { clips in
                    postings.positions.withUnsafeBufferPointer { positions in
                        left.withUnsafeMutableBufferPointer { leftTotals in
                            total.withUnsafeMutableBufferPointer { totals in
                                var start = first
                                while start < end {
                                    let last = min(end, start + batch)
                                    // gather: each window's tokens, left side then right side
                                    for slot in 0..<(last - start) {
                                        let here = Int(positions[start + slot])
                                        let clip = Int(clips[start + slot])
                                        let before = min(leftSpan, clip >> 4)
                                        let after = min(rightSpan, clip & 0xF)
                                        var out = slot * span
                                        var token = here - before
                                        while token < here {
                                            buffer[out] = stream[token]
                                            out += 1
                                            token += 1
                                        }
                                        leftEnds[slot] = out
                                        token = here + 1
                                        while token <= here + after {
                                            buffer[out] = stream[token]
                                            out += 1
                                            token += 1
                                        }
                                        windowEnds[slot] = out
                                    }
                                    // count
                                    for slot in 0..<(last - start) {
                                        let windowStart = slot * span
                                        let leftEnd = leftEnds[slot]
                                        let windowEnd = windowEnds[slot]
                                        tokens += windowEnd - windowStart
                                        var index = windowStart
                                        while index < leftEnd {
                                            let type = Int(buffer[index])
                                            if totals[type] == 0 {
                                                touched.append(UInt32(type))
                                            }
                                            totals[type] &+= 1
                                            leftTotals[type] &+= 1
                                            index += 1
                                        }
                                        while index < windowEnd {
                                            let type = Int(buffer[index])
                                            if totals[type] == 0 {
                                                touched.append(UInt32(type))
                                            }
                                            totals[type] &+= 1
                                            index += 1
                                        }
                                    }
                                    start = last
                                }
                            }
                        }
                    }
                }
            }
        }
        windowTokens += tokens
        return end - first
    }

    /// Counts the windows of the node occurrences at `positions` (ascending; token indices of
    /// `document` plus `base`) that `filter` keeps, and returns how many it kept.
    mutating func add(
        _ document: AnalysisDocument,
        positions: ArraySlice<UInt32>,
        base: UInt32,
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
                        for stored in positions {
                            let position = stored &- base
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
