import SamizdatModel

/// The bigrams or trigrams of the whole corpus (every document whole, body and notes) under one
/// unit, of frequency `floor` or more, ranked as the n-grams report ranks them: frequency
/// descending, ties in code-point order of the words.
///
/// `AnalysisCorpus.prepare` builds the tables for n = 2 and 3 (`lengths`) with the corpus's other
/// precomputed counts, off the request path; an n-grams report over the whole corpus with no node
/// and a minimum frequency of at least `floor` then reads its page and totals from a table
/// instead of counting every n-gram of the corpus. Reports for other scopes, lengths, nodes or a
/// minimum frequency below `floor` count as before.
struct NGramTable: Sendable {
    /// The lengths `prepare` builds tables for.
    static let lengths = 2...3
    /// The least frequency a table keeps (the report's default minimum frequency).
    static let floor = 2

    /// The documents it was built from (compared by identity before use).
    let documents: [AnalysisDocument]
    let length: Int
    let typeCount: Int
    /// Each row's type ids (`length` a row), in rank order.
    let types: [UInt32]
    let frequencies: [UInt32]
    let ranges: [UInt32]
    /// `tokensBefore[row]`: the frequencies of the rows before `row`, summed (one entry more
    /// than rows).
    let tokensBefore: [Int]

    /// The n-grams of length `length` of every whole document of `corpus` under `table`.
    static func build(_ corpus: AnalysisCorpus, _ table: UnitTable, length: Int, keysPerPass: Int = NGrams.keysPerPass) -> NGramTable {
        let request = NGramsRequest(n: length, unit: table.unit, minFrequency: floor, minRange: 1)
        let counted = NGrams.countEverything(corpus, request, table: table, keysPerPass: keysPerPass)
        let rankOfType = corpus.cache.nameOrder(table).rankOfType
        let order = counted.frequencies.indices.sorted { first, second in
            if counted.frequencies[first] != counted.frequencies[second] {
                return counted.frequencies[first] > counted.frequencies[second]
            }
            // the words in code-point order: their types' places in name order, word by word
            for offset in 0..<length {
                let firstRank = rankOfType[Int(counted.types[first * length + offset])]
                let secondRank = rankOfType[Int(counted.types[second * length + offset])]
                if firstRank != secondRank {
                    return firstRank < secondRank
                }
            }
            return false
        }
        var types: [UInt32] = []
        types.reserveCapacity(counted.types.count)
        var frequencies: [UInt32] = []
        frequencies.reserveCapacity(order.count)
        var ranges: [UInt32] = []
        ranges.reserveCapacity(order.count)
        var tokensBefore = [0]
        tokensBefore.reserveCapacity(order.count + 1)
        for row in order {
            types.append(contentsOf: counted.types[row * length..<(row + 1) * length])
            frequencies.append(UInt32(counted.frequencies[row]))
            ranges.append(UInt32(counted.ranges[row]))
            tokensBefore.append(tokensBefore[tokensBefore.count - 1] + counted.frequencies[row])
        }
        return NGramTable(
            documents: corpus.documents,
            length: length,
            typeCount: table.count,
            types: types,
            frequencies: frequencies,
            ranges: ranges,
            tokensBefore: tokensBefore
        )
    }

    /// True when a table of `request.n` holds every n-gram `request` (without a node, over the
    /// whole corpus) can list.
    static func answers(_ request: NGramsRequest) -> Bool {
        lengths.contains(request.n) && request.minFrequency >= floor
    }

    /// The response to `request` (which `answers`), its entries named by `names`.
    func response(_ request: NGramsRequest, names: [String]) -> NGramsResponse {
        // rows of frequency ≥ minFrequency: a prefix of the ranking
        var low = 0
        var high = frequencies.count
        while low < high {
            let middle = (low + high) / 2
            if Int(frequencies[middle]) >= request.minFrequency {
                low = middle + 1
            } else {
                high = middle
            }
        }
        let frequent = low
        var matched = 0
        var tokens = 0
        var page: [NGramEntry] = []
        let end = request.offset + request.limit
        func add(_ row: Int) {
            page.append(
                NGramEntry(
                    words: types[row * length..<(row + 1) * length].map { names[Int($0)] },
                    frequency: Int(frequencies[row]),
                    range: Int(ranges[row])
                )
            )
        }
        if request.minRange <= 1 {
            matched = frequent
            tokens = tokensBefore[frequent]
            if request.offset < frequent {
                for row in request.offset..<min(frequent, end) {
                    add(row)
                }
            }
        } else {
            for row in 0..<frequent where Int(ranges[row]) >= request.minRange {
                if matched >= request.offset && matched < end {
                    add(row)
                }
                matched += 1
                tokens += Int(frequencies[row])
            }
        }
        return NGramsResponse(
            n: request.n,
            unit: request.unit,
            node: nil,
            nodePosition: request.nodePosition,
            tokens: tokens,
            types: matched,
            offset: request.offset,
            entries: page
        )
    }
}
