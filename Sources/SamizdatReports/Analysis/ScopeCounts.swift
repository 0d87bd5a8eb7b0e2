import SamizdatModel

/// The size of a selection in tokens (N) and the frequencies there of some types (C1), under
/// one unit.
///
/// A whole document adds its type index's counts; a part that keeps most of its document adds
/// the whole document and takes the tokens of the dropped blocks away; one that keeps little
/// counts the kept blocks' tokens.
struct ScopeCounts {
    /// The tokens in the selection.
    private(set) var tokens = 0
    /// Type id → frequency in the selection (kept exact for the wanted types only).
    private var frequencies: [UInt32]

    init(_ corpus: AnalysisCorpus, _ selection: CorpusSelection, table: UnitTable, wanted: [UInt32]) {
        frequencies = [UInt32](repeating: 0, count: table.count)
        for part in selection.parts {
            let document = corpus.documents[part.document]
            let filter = BlockFilter(part, region: selection.region)
            if filter.includesEverything {
                tokens += document.tokenCount
                addWholeDocument(document.typeIndex(table), wanted: wanted)
                continue
            }
            let kept = document.blocks.reduce(0) { sum, block in
                filter.includes(block) ? sum + Int(block.end - block.start) : sum
            }
            tokens += kept
            if kept == 0 {
                continue
            }
            if 2 * kept >= document.tokenCount {
                addWholeDocument(document.typeIndex(table), wanted: wanted)
                addBlocks(of: document, typeOfForm: table.typeOfForm, where: { !filter.includes($0) }, subtracting: true)
            } else {
                addBlocks(of: document, typeOfForm: table.typeOfForm, where: { filter.includes($0) }, subtracting: false)
            }
        }
    }

    /// The frequency of `type`, a wanted type, in the selection.
    func frequency(of type: UInt32) -> Int {
        Int(frequencies[Int(type)])
    }

    /// Adds a whole document's counts: of the wanted types one by one when they are few beside
    /// the document's types, else of every type.
    private mutating func addWholeDocument(_ index: TypeIndex, wanted: [UInt32]) {
        if wanted.count * 32 < index.types.count {
            for type in wanted {
                frequencies[Int(type)] &+= UInt32(index.count(of: type))
            }
            return
        }
        index.types.withUnsafeBufferPointer { types in
            index.starts.withUnsafeBufferPointer { starts in
                frequencies.withUnsafeMutableBufferPointer { counts in
                    for slot in 0..<types.count {
                        counts[Int(types[slot])] &+= starts[slot + 1] &- starts[slot]
                    }
                }
            }
        }
    }

    /// Adds (or takes away) every token of the blocks `choose` picks.
    private mutating func addBlocks(
        of document: AnalysisDocument,
        typeOfForm: [UInt32],
        where choose: (TextBlock) -> Bool,
        subtracting: Bool
    ) {
        let step: UInt32 = subtracting ? UInt32.max : 1
        document.forms.withUnsafeBufferPointer { forms in
            typeOfForm.withUnsafeBufferPointer { types in
                frequencies.withUnsafeMutableBufferPointer { counts in
                    for block in document.blocks where choose(block) {
                        for token in Int(block.start)..<Int(block.end) {
                            counts[Int(types[Int(forms[token])])] &+= step
                        }
                    }
                }
            }
        }
    }
}
