import SamizdatModel

/// The n-grams report: every run of n consecutive tokens inside one block (paragraph or note;
/// never across their boundary) of the selection, counted with its range (documents); or, with
/// a node, the clusters: the n-grams holding the node (at a given position, or anywhere, each
/// n-gram counted once however often it holds the node).
///
/// Each n-gram's type ids, and the ordinal of its selection part below them, are packed into
/// one unsigned integer (64 bits when they fit, else 128); the keys are radix sorted, and runs
/// of equal n-gram give frequency and range. Vocabularies too large even for 128 bits are
/// counted in a dictionary.
public enum NGrams {
    /// The n-grams (clusters of `node`, a type id under `request.unit`, when given) of
    /// `selection` that meet the request's filters, most frequent first, paged. `request` should
    /// have passed `validate()`.
    public static func compute(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        node: UInt32? = nil,
        _ request: NGramsRequest
    ) -> NGramsResponse {
        compute(corpus, selection, node: node, request, packing: .narrowest)
    }

    /// How n-grams are keyed while counted.
    enum Packing {
        /// The narrowest key that holds them: 64 bits, else 128, else a dictionary.
        case narrowest
        /// 128 bits when they fit, else a dictionary (tests use it to reach the wide path).
        case wide
        /// Arrays of type ids in a dictionary.
        case dictionary
    }

    /// `compute`, keyed as `packing` says.
    static func compute(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        node: UInt32?,
        _ request: NGramsRequest,
        packing: Packing
    ) -> NGramsResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        // the whole corpus's bigrams and trigrams, ranked once (`NGramTable`): by `prepare` once
        // asked for, else now, and asked for from then on
        if packing == .narrowest, node == nil, NGramTable.answers(request), CorpusPostings.covers(selection, corpus) {
            corpus.demand.askForNGramTable(unit: request.unit, length: request.n)
            return corpus.cache.prepareNGrams(corpus, table, length: request.n).response(request, names: table.names)
        }
        let counted = count(corpus, selection, node: node, request, table: table, packing: packing)
        let page = counted.page(names: table.names, offset: request.offset, limit: request.limit)
        return NGramsResponse(
            n: request.n,
            unit: request.unit,
            node: node.map { table.names[Int($0)] },
            nodePosition: request.nodePosition,
            tokens: counted.frequencies.reduce(0, +),
            types: counted.frequencies.count,
            offset: request.offset,
            entries: page
        )
    }

    /// The n-grams of `selection` that meet the request's filters, unordered.
    static func count(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        node: UInt32?,
        _ request: NGramsRequest,
        table: UnitTable,
        packing: Packing
    ) -> CountedNGrams {
        let typeBits = max(1, bitWidth(table.count - 1))
        let partBits = bitWidth(selection.parts.count - 1)
        let keyBits = request.n * typeBits + partBits
        let enumerator = StartEnumerator(
            corpus: corpus,
            selection: selection,
            table: table,
            length: request.n,
            node: node,
            nodePosition: request.nodePosition
        )
        if packing == .narrowest && keyBits <= 64 {
            return countPacked(UInt64.self, enumerator, typeBits: typeBits, partBits: partBits, request: request)
        } else if packing != .dictionary && keyBits <= 128 {
            return countPacked(UInt128.self, enumerator, typeBits: typeBits, partBits: partBits, request: request)
        } else {
            return countInDictionary(enumerator, request: request)
        }
    }

    /// The bits needed to write `value` (0 for 0).
    static func bitWidth(_ value: Int) -> Int {
        value <= 0 ? 0 : Int.bitWidth - value.leadingZeroBitCount
    }

    static func countPacked<Key: FixedWidthInteger & UnsignedInteger>(
        _ keyType: Key.Type,
        _ enumerator: StartEnumerator,
        typeBits: Int,
        partBits: Int,
        request: NGramsRequest
    ) -> CountedNGrams {
        let length = request.n
        var keys: [Key]
        if enumerator.node == nil {
            keys = enumerator.packedKeys(Key.self, typeBits: typeBits, partBits: partBits)
        } else {
            keys = []
            enumerator.forEachStart { part, forms, types, start in
                var key: Key = 0
                for offset in 0..<length {
                    key = key << typeBits | Key(types[Int(forms[start + offset])])
                }
                keys.append(key << partBits | Key(part))
            }
        }
        RadixSort.sort(&keys, bits: length * typeBits + partBits)
        var counted = CountedNGrams(length: length)
        appendRuns(keys, typeBits: typeBits, partBits: partBits, request: request, into: &counted)
        return counted
    }

    /// Appends each run of equal n-grams in the sorted `keys` that meets the request's filters
    /// to `counted`, with its frequency and range.
    /// `firstTypeBase` is added to each n-gram's first type id as the keys hold it.
    static func appendRuns<Key: FixedWidthInteger & UnsignedInteger>(
        _ keys: [Key],
        typeBits: Int,
        partBits: Int,
        request: NGramsRequest,
        firstTypeBase: UInt32 = 0,
        into counted: inout CountedNGrams
    ) {
        let length = request.n
        let typeMask = Key(1) << typeBits - 1
        let partMask = Key(1) << partBits - 1
        var ids = [UInt32](repeating: 0, count: length)
        var index = 0
        while index < keys.count {
            let gram = keys[index] >> partBits
            var lastPart = keys[index] & partMask
            var range = 1
            var end = index + 1
            while end < keys.count && keys[end] >> partBits == gram {
                let part = keys[end] & partMask
                if part != lastPart {
                    range += 1
                    lastPart = part
                }
                end += 1
            }
            let frequency = end - index
            if frequency >= request.minFrequency && range >= request.minRange {
                var rest = gram
                for offset in (0..<length).reversed() {
                    ids[offset] = UInt32(truncatingIfNeeded: rest & typeMask)
                    rest >>= typeBits
                }
                ids[0] += firstTypeBase
                counted.append(ids, frequency: frequency, range: range)
            }
            index = end
        }
    }

    /// The keys of one counting pass of `countEverything` at most.
    static let keysPerPass = 1 << 21

    /// The n-grams of every whole document of `corpus` (no node) that meet the request's
    /// filters, as `count` finds them, counted a range of first types at a time: each pass
    /// packs, sorts and tallies only the n-grams whose first type is in its range, the ranges cut
    /// so that a pass holds at most about `keysPerPass` keys (a single type may hold more). The
    /// keys, and the sort's scratch as long, are what counting holds at its peak; one pass over
    /// the corpus's tokens per range pays for holding a fraction of them.
    static func countEverything(
        _ corpus: AnalysisCorpus,
        _ request: NGramsRequest,
        table: UnitTable,
        keysPerPass: Int = keysPerPass
    ) -> CountedNGrams {
        let selection = CorpusSelection.everything(corpus)
        let typeBits = max(1, bitWidth(table.count - 1))
        let partBits = bitWidth(selection.parts.count - 1)
        guard request.n * typeBits + partBits <= 64 else {
            return count(corpus, selection, node: nil, request, table: table, packing: .narrowest)
        }
        let enumerator = StartEnumerator(
            corpus: corpus,
            selection: selection,
            table: table,
            length: request.n,
            node: nil,
            nodePosition: nil
        )
        // a type's tokens bound the n-grams it starts
        let weights = corpus.cache.totals(corpus, table, region: .all).counts
        var counted = CountedNGrams(length: request.n)
        var first = 0
        while first < table.count {
            var end = first
            var weight = 0
            while end < table.count, end == first || weight + Int(weights[end]) <= keysPerPass {
                weight += Int(weights[end])
                end += 1
            }
            if weight > 0 {
                var keys = enumerator.packedKeys(
                    UInt64.self,
                    typeBits: typeBits,
                    partBits: partBits,
                    firstTypes: UInt32(first)..<UInt32(end),
                    capacity: weight
                )
                // the first type is held less the range's first, so the sort's top bits vary
                let firstBits = bitWidth(end - 1 - first)
                RadixSort.sort(&keys, bits: (request.n - 1) * typeBits + firstBits + partBits)
                appendRuns(
                    keys,
                    typeBits: typeBits,
                    partBits: partBits,
                    request: request,
                    firstTypeBase: UInt32(first),
                    into: &counted
                )
            }
            first = end
        }
        return counted
    }

    static func countInDictionary(_ enumerator: StartEnumerator, request: NGramsRequest) -> CountedNGrams {
        let length = request.n
        var tallies: [[UInt32]: (frequency: Int, range: Int, lastPart: Int)] = [:]
        enumerator.forEachStart { part, forms, types, start in
            let gram = (start..<start + length).map { types[Int(forms[$0])] }
            if let tally = tallies[gram] {
                let range = tally.lastPart == part ? tally.range : tally.range + 1
                tallies[gram] = (tally.frequency + 1, range, part)
            } else {
                tallies[gram] = (1, 1, part)
            }
        }
        var counted = CountedNGrams(length: length)
        for (gram, tally) in tallies where tally.frequency >= request.minFrequency && tally.range >= request.minRange {
            counted.append(gram, frequency: tally.frequency, range: tally.range)
        }
        return counted
    }
}

/// The start of every n-gram (or cluster) of a selection, block by block.
struct StartEnumerator {
    var corpus: AnalysisCorpus
    var selection: CorpusSelection
    var table: UnitTable
    var length: Int
    var node: UInt32?
    var nodePosition: Int?

    /// The tokens of the selection's documents: at least the number of n-grams it holds.
    var scopeTokenBound: Int {
        selection.parts.reduce(0) { sum, part in
            sum + corpus.documents[part.document].tokenCount
        }
    }

    /// The packed key of every n-gram of the selection (no node), in selection order: its type
    /// ids, `typeBits` each, then the part's ordinal in `partBits`. Each block's keys roll along
    /// its tokens: the next key is the last one shifted by one type, with the new type added.
    func packedKeys<Key: FixedWidthInteger & UnsignedInteger>(_ keyType: Key.Type, typeBits: Int, partBits: Int) -> [Key] {
        var count = 0
        for part in selection.parts {
            let filter = BlockFilter(part, region: selection.region)
            for block in corpus.documents[part.document].blocks where filter.includes(block) {
                count += max(0, Int(block.end) - Int(block.start) - length + 1)
            }
        }
        // every type is a first type: the keys as packed below, with nothing taken off the first type
        return packedKeys(keyType, typeBits: typeBits, partBits: partBits, firstTypes: 0..<UInt32(table.names.count), capacity: count)
    }

    /// The packed keys (as `packedKeys(_:typeBits:partBits:)` packs them, but with the first
    /// type less `firstTypes.lowerBound`) of the n-grams whose first type is in `firstTypes`, in
    /// selection order; `capacity` must be at least their number.
    func packedKeys<Key: FixedWidthInteger & UnsignedInteger>(
        _ keyType: Key.Type,
        typeBits: Int,
        partBits: Int,
        firstTypes: Range<UInt32>,
        capacity: Int
    ) -> [Key] {
        let gramBits = length * typeBits
        let gramMask: Key = gramBits >= Key.bitWidth ? ~0 : (Key(1) << gramBits) - 1
        let firstShift = (length - 1) * typeBits
        let lowest = Key(firstTypes.lowerBound)
        let beyond = Key(firstTypes.upperBound)
        return [Key](unsafeUninitializedCapacity: capacity) { keys, initialized in
            var next = 0
            table.typeOfForm.withUnsafeBufferPointer { types in
                for (ordinal, part) in selection.parts.enumerated() {
                    let document = corpus.documents[part.document]
                    let filter = BlockFilter(part, region: selection.region)
                    let partKey = Key(ordinal)
                    document.forms.withUnsafeBufferPointer { forms in
                        for block in document.blocks where filter.includes(block) {
                            let start = Int(block.start)
                            let end = Int(block.end)
                            guard end - start >= length else {
                                continue
                            }
                            var gram: Key = 0
                            for token in start..<start + length - 1 {
                                gram = gram << typeBits | Key(types[Int(forms[token])])
                            }
                            for token in start + length - 1..<end {
                                gram = (gram << typeBits | Key(types[Int(forms[token])])) & gramMask
                                let first = gram >> firstShift
                                if first >= lowest && first < beyond {
                                    precondition(next < capacity, "n-gram keys beyond the capacity given")
                                    keys[next] = (gram &- lowest << firstShift) << partBits | partKey
                                    next += 1
                                }
                            }
                        }
                    }
                }
            }
            initialized = next
        }
    }

    /// Calls `body` with the part's ordinal, the document's forms, the unit's form → type table
    /// and the n-gram's first token, in selection order.
    func forEachStart(_ body: (Int, UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>, Int) -> Void) {
        table.typeOfForm.withUnsafeBufferPointer { types in
            for (ordinal, part) in selection.parts.enumerated() {
                let document = corpus.documents[part.document]
                let filter = BlockFilter(part, region: selection.region)
                document.forms.withUnsafeBufferPointer { forms in
                    if let node {
                        clusterStarts(document, filter: filter, node: node, types: types) { start in
                            body(ordinal, forms, types, start)
                        }
                        return
                    }
                    for block in document.blocks where filter.includes(block) {
                        var start = Int(block.start)
                        let last = Int(block.end) - length
                        while start <= last {
                            body(ordinal, forms, types, start)
                            start += 1
                        }
                    }
                }
            }
        }
    }

    /// The starts of the n-grams of `document` holding `node` at `nodePosition` (or anywhere,
    /// each n-gram once: at its first node occurrence).
    private func clusterStarts(
        _ document: AnalysisDocument,
        filter: BlockFilter,
        node: UInt32,
        types: UnsafeBufferPointer<UInt32>,
        _ body: (Int) -> Void
    ) {
        let blocks = document.blocks
        let forms = document.forms
        var blockSlot = 0
        for position in document.typeIndex(table).positions(of: node) {
            blockSlot = BlockFilter.block(containing: position, in: blocks, from: blockSlot)
            let block = blocks[blockSlot]
            guard filter.includes(block) else {
                continue
            }
            let here = Int(position)
            let earliest = nodePosition.map { here - ($0 - 1) } ?? here - length + 1
            let latest = nodePosition.map { here - ($0 - 1) } ?? here
            let first = max(earliest, Int(block.start))
            let last = min(latest, Int(block.end) - length)
            guard first <= last else {
                continue
            }
            for start in first...last {
                if nodePosition == nil && (start..<here).contains(where: { types[Int(forms[$0])] == node }) {
                    continue
                }
                body(start)
            }
        }
    }
}

/// The n-grams that met the filters: their type ids (`length` a row), frequencies and ranges.
struct CountedNGrams {
    var length: Int
    var types: [UInt32] = []
    var frequencies: [Int] = []
    var ranges: [Int] = []

    init(length: Int) {
        self.length = length
    }

    mutating func append(_ ids: [UInt32], frequency: Int, range: Int) {
        types.append(contentsOf: ids)
        frequencies.append(frequency)
        ranges.append(range)
    }

    /// Entries `offset..<offset + limit` by frequency descending, ties in code-point order of
    /// the words. Only the n-grams frequent enough to reach the page are sorted.
    func page(names: [String], offset: Int, limit: Int) -> [NGramEntry] {
        let count = frequencies.count
        let wanted = min(count, offset + limit)
        guard offset < wanted else {
            return []
        }
        var candidates: [Int]
        if wanted < count {
            let threshold = frequencyReaching(wanted)
            candidates = frequencies.indices.filter { frequencies[$0] >= threshold }
        } else {
            candidates = Array(frequencies.indices)
        }
        candidates.sort { first, second in
            if frequencies[first] != frequencies[second] {
                return frequencies[first] > frequencies[second]
            }
            return wordsPrecede(first, second, names: names)
        }
        return candidates[offset..<wanted].map { row in
            NGramEntry(
                words: types[row * length..<(row + 1) * length].map { names[Int($0)] },
                frequency: frequencies[row],
                range: ranges[row]
            )
        }
    }

    /// The highest frequency that at least `rank` n-grams reach.
    private func frequencyReaching(_ rank: Int) -> Int {
        let highest = frequencies.max() ?? 0
        var histogram = [Int](repeating: 0, count: highest + 1)
        for frequency in frequencies {
            histogram[frequency] += 1
        }
        var reached = 0
        var frequency = highest
        while frequency > 0 {
            reached += histogram[frequency]
            if reached >= rank {
                return frequency
            }
            frequency -= 1
        }
        return 0
    }

    /// True when row `first`'s words come before row `second`'s in code-point order.
    private func wordsPrecede(_ first: Int, _ second: Int, names: [String]) -> Bool {
        for offset in 0..<length {
            let firstType = types[first * length + offset]
            let secondType = types[second * length + offset]
            if firstType == secondType {
                continue
            }
            let firstName = names[Int(firstType)].utf8
            let secondName = names[Int(secondType)].utf8
            if firstName.lexicographicallyPrecedes(secondName) {
                return true
            }
            if secondName.lexicographicallyPrecedes(firstName) {
                return false
            }
        }
        return false
    }
}
