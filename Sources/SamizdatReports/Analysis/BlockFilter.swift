import SamizdatModel

/// Which blocks of one document a selection part counts: those of its sections (all when the
/// part has none) in its region.
struct BlockFilter {
    var sections: Set<Int32>?
    var region: TextRegion

    init(_ part: CorpusSelection.Part, region: TextRegion) {
        self.sections = part.sections
        self.region = region
    }

    /// True when every block counts (the whole document, body and notes).
    var includesEverything: Bool {
        sections == nil && region == .all
    }

    func includes(_ block: TextBlock) -> Bool {
        DocumentLayout.includes(block, region: region, sections: sections)
    }

    /// The index of the block holding token `position`: the last block starting at or before it,
    /// searched from `lowerBound` on (positions visited in ascending order may pass the previous
    /// answer). The blocks just after `lowerBound` are tried first, doubling the step, so that
    /// a run of nearby positions reads few blocks; then a binary search between the last two tries.
    static func block(containing position: UInt32, in blocks: [TextBlock], from lowerBound: Int = 0) -> Int {
        var low = lowerBound
        var step = 1
        // first block starting after `position`, then the one before it
        while low + step < blocks.count, blocks[low + step].start <= position {
            low += step
            step *= 2
        }
        let high = min(low + step, blocks.count)
        var after = low + 1
        var end = high
        while after < end {
            let middle = (after + end) / 2
            if blocks[middle].start <= position {
                after = middle + 1
            } else {
                end = middle
            }
        }
        return max(after - 1, lowerBound)
    }

    /// The sentence holding token `position`: its first token and the token after its last
    /// (`tokenCount` for the last sentence). A document without sentence starts is one sentence.
    static func sentence(containing position: UInt32, starts: [UInt32], tokenCount: Int) -> (start: Int, end: Int) {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= position {
                low = middle + 1
            } else {
                high = middle
            }
        }
        let start = low > 0 ? Int(starts[low - 1]) : 0
        let end = low < starts.count ? Int(starts[low]) : tokenCount
        return (start, end)
    }
}
