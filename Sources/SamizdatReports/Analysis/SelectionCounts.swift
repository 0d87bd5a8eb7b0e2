import SamizdatModel

/// One document's tokens in a selection, counted by type: from the document's cached type index
/// when the whole document counts, or from a scan of the blocks the selection keeps.
struct PartCounts {
    /// Index into `AnalysisCorpus.documents`.
    let document: Int
    /// Tokens of the document in the selection.
    let tokens: Int
    private let index: TypeIndex?
    private let sparseTypes: [UInt32]
    private let sparseCounts: [UInt32]

    init(document: Int, tokens: Int, index: TypeIndex) {
        self.document = document
        self.tokens = tokens
        self.index = index
        self.sparseTypes = []
        self.sparseCounts = []
    }

    init(document: Int, tokens: Int, types: [UInt32], counts: [UInt32]) {
        self.document = document
        self.tokens = tokens
        self.index = nil
        self.sparseTypes = types
        self.sparseCounts = counts
    }

    /// How often `type` occurs in the part.
    func count(of type: UInt32) -> Int {
        if let index {
            return index.count(of: type)
        }
        var low = 0
        var high = sparseTypes.count
        while low < high {
            let middle = (low + high) / 2
            if sparseTypes[middle] < type {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < sparseTypes.count && sparseTypes[low] == type ? Int(sparseCounts[low]) : 0
    }

    /// Calls `body` with each type present and its count, types ascending.
    func forEachType(_ body: (UInt32, UInt32) -> Void) {
        if let index {
            for slot in index.types.indices {
                body(index.types[slot], index.starts[slot + 1] &- index.starts[slot])
            }
        } else {
            for slot in sparseTypes.indices {
                body(sparseTypes[slot], sparseCounts[slot])
            }
        }
    }
}

/// A selection counted by type under one unit: each part's counts, and the total.
struct SelectionCounts {
    let parts: [PartCounts]
    /// Tokens in the selection.
    let tokens: Int
    /// Every type's count over the selection (index = type id).
    let totals: [UInt32]

    /// Counts `selection` of `corpus` under `table`'s unit. Whole documents (region `.all`, no
    /// sections) read their cached type index; others scan the blocks they keep. The totals of
    /// a selection of every whole document come from the corpus's cache.
    init(_ corpus: AnalysisCorpus, _ selection: CorpusSelection, _ table: UnitTable, needsTotals: Bool = true) {
        var parts: [PartCounts] = []
        parts.reserveCapacity(selection.parts.count)
        var scratch: [UInt32] = []
        var touched: [UInt32] = []
        var tokens = 0
        for part in selection.parts {
            let document = corpus.documents[part.document]
            if part.sections == nil, selection.region == .all {
                parts.append(PartCounts(document: part.document, tokens: document.tokenCount, index: document.typeIndex(table)))
                tokens += document.tokenCount
                continue
            }
            if scratch.isEmpty {
                scratch = [UInt32](repeating: 0, count: table.count)
            }
            let partTokens = Self.tokens(of: document, region: selection.region, sections: part.sections)
            let (types, counts) = Self.sparseCounts(
                document,
                table,
                region: selection.region,
                sections: part.sections,
                keptTokens: partTokens,
                scratch: &scratch,
                touched: &touched
            )
            parts.append(PartCounts(document: part.document, tokens: partTokens, types: types, counts: counts))
            tokens += partTokens
        }
        self.parts = parts
        self.tokens = tokens
        guard needsTotals else {
            self.totals = []
            return
        }
        let isEveryWholeDocument =
            selection.parts.count == corpus.documents.count
            && selection.parts.allSatisfy { $0.sections == nil }
        if isEveryWholeDocument {
            self.totals = corpus.cache.totals(corpus, table, region: selection.region).counts
        } else {
            var totals = [UInt32](repeating: 0, count: table.count)
            for part in parts {
                part.forEachType { type, count in
                    totals[Int(type)] &+= count
                }
            }
            self.totals = totals
        }
    }

    /// The counts of the blocks of `document` that `region` and `sections` keep, types ascending.
    /// When they keep most of it, the blocks left out are scanned and subtracted from the
    /// document's type index; otherwise the kept blocks are scanned and their types sorted.
    /// `scratch` (zeros, one per type) comes back zeroed.
    static func sparseCounts(
        _ document: AnalysisDocument,
        _ table: UnitTable,
        region: TextRegion,
        sections: Set<Int32>?,
        keptTokens: Int,
        scratch: inout [UInt32],
        touched: inout [UInt32]
    ) -> (types: [UInt32], counts: [UInt32]) {
        let subtracting = keptTokens * 2 > document.tokenCount
        touched.removeAll(keepingCapacity: true)
        scratch.withUnsafeMutableBufferPointer { scratch in
            table.typeOfForm.withUnsafeBufferPointer { typeOfForm in
                document.forms.withUnsafeBufferPointer { forms in
                    for block in document.blocks
                    where DocumentLayout.includes(block, region: region, sections: sections) != subtracting {
                        for token in Int(block.start)..<Int(block.end) {
                            let type = Int(typeOfForm[Int(forms[token])])
                            if scratch[type] == 0 {
                                touched.append(UInt32(type))
                            }
                            scratch[type] &+= 1
                        }
                    }
                }
            }
        }
        var types: [UInt32] = []
        var counts: [UInt32] = []
        if subtracting {
            let index = document.typeIndex(table)
            types.reserveCapacity(index.types.count)
            counts.reserveCapacity(index.types.count)
            for slot in index.types.indices {
                let type = index.types[slot]
                let count = (index.starts[slot + 1] &- index.starts[slot]) - scratch[Int(type)]
                if count > 0 {
                    types.append(type)
                    counts.append(count)
                }
            }
        } else {
            touched.sort()
            types = touched
            counts = touched.map { scratch[Int($0)] }
        }
        for type in touched {
            scratch[Int(type)] = 0
        }
        return (types, counts)
    }

    /// Adds the counts of `document`'s tokens in `region` and `sections` to `counts`; returns how
    /// many tokens that was.
    static func add(
        _ document: AnalysisDocument,
        _ table: UnitTable,
        region: TextRegion,
        sections: Set<Int32>?,
        into counts: inout [UInt32]
    ) -> Int {
        if region == .all, sections == nil {
            let index = document.typeIndex(table)
            for slot in index.types.indices {
                counts[Int(index.types[slot])] &+= index.starts[slot + 1] &- index.starts[slot]
            }
            return document.tokenCount
        }
        var tokens = 0
        counts.withUnsafeMutableBufferPointer { counts in
            table.typeOfForm.withUnsafeBufferPointer { typeOfForm in
                document.forms.withUnsafeBufferPointer { forms in
                    for block in document.blocks where DocumentLayout.includes(block, region: region, sections: sections) {
                        tokens += Int(block.end - block.start)
                        for token in Int(block.start)..<Int(block.end) {
                            counts[Int(typeOfForm[Int(forms[token])])] &+= 1
                        }
                    }
                }
            }
        }
        return tokens
    }

    /// The tokens of `document` that a part with `sections` counts in `region`.
    static func tokens(of document: AnalysisDocument, region: TextRegion, sections: Set<Int32>?) -> Int {
        if region == .all, sections == nil {
            return document.tokenCount
        }
        var tokens = 0
        for block in document.blocks where DocumentLayout.includes(block, region: region, sections: sections) {
            tokens += Int(block.end - block.start)
        }
        return tokens
    }
}
