import SamizdatModel

/// Where a selection part's tokens stand in one document: for each block, the place of its first
/// token among the part's tokens (−1 when the part leaves the block out), the part's tokens, and
/// its tokens per chapter. Whole documents keep one per region (`AnalysisDocument.blockMap(_:)`).
struct BlockMap: Sendable {
    /// Per block: its first token's place among the kept tokens, −1 when not kept.
    let streamStarts: [Int32]
    /// Per block: its chapter slot (the chapter's section index + 1; 0 outside every chapter).
    let chapterSlots: [Int32]
    /// Tokens kept.
    let tokens: Int
    /// Tokens kept per chapter slot.
    let chapterSizes: [Int]

    init(_ document: AnalysisDocument, region: TextRegion, sections: Set<Int32>?) {
        let layout = DocumentLayout(document)
        var streamStarts = [Int32](repeating: -1, count: document.blocks.count)
        var chapterSlots = [Int32](repeating: 0, count: document.blocks.count)
        var chapterSizes = [Int](repeating: 0, count: document.sections.count + 1)
        var tokens = 0
        for (index, block) in document.blocks.enumerated() {
            let slot = layout.chapter(ofSection: block.section) + 1
            chapterSlots[index] = slot
            guard DocumentLayout.includes(block, region: region, sections: sections) else {
                continue
            }
            streamStarts[index] = Int32(tokens)
            tokens += Int(block.end - block.start)
            chapterSizes[Int(slot)] += Int(block.end - block.start)
        }
        self.streamStarts = streamStarts
        self.chapterSlots = chapterSlots
        self.tokens = tokens
        self.chapterSizes = chapterSizes
    }

    /// The index of the block of `blocks` holding `token`.
    static func block(containing token: UInt32, in blocks: [TextBlock]) -> Int {
        blocks.partitionPoint { $0.end <= token }
    }
}
