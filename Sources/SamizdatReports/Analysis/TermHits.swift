import SamizdatModel

/// A term's hits in one document of a selection, with the blocks the part keeps: the shared
/// walk of dispersion and trends.
struct TermHits {
    let layout: DocumentLayout
    /// Tokens of the document in the part.
    let tokens: Int
    /// For each block: its first token's place among the part's tokens, −1 when not kept.
    let blockStreamStarts: [Int]
    /// The hits in the kept blocks, ascending token indices, each with its block.
    let hits: [(token: UInt32, block: Int)]

    /// The hits of any of `types` in `document` within `region` and `sections`.
    init(_ document: AnalysisDocument, _ table: UnitTable, types: [UInt32], region: TextRegion, sections: Set<Int32>?) {
        let layout = DocumentLayout(document)
        var blockStreamStarts = [Int](repeating: -1, count: document.blocks.count)
        var tokens = 0
        for (index, block) in document.blocks.enumerated()
        where DocumentLayout.includes(block, region: region, sections: sections) {
            blockStreamStarts[index] = tokens
            tokens += Int(block.end - block.start)
        }
        let index = document.typeIndex(table)
        var positions: [UInt32] = []
        for type in Set(types) {
            positions.append(contentsOf: index.positions(of: type))
        }
        if Set(types).count > 1 {
            positions.sort()
        }
        var hits: [(token: UInt32, block: Int)] = []
        hits.reserveCapacity(positions.count)
        for position in positions {
            let block = layout.block(containing: position)
            if block < blockStreamStarts.count, blockStreamStarts[block] >= 0 {
                hits.append((position, block))
            }
        }
        self.layout = layout
        self.tokens = tokens
        self.blockStreamStarts = blockStreamStarts
        self.hits = hits
    }

    /// A hit's place among the part's tokens.
    func streamPosition(of hit: (token: UInt32, block: Int)) -> Int {
        blockStreamStarts[hit.block] + Int(hit.token - layout.document.blocks[hit.block].start)
    }
}
