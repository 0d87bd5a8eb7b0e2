/// Every type's tokens over the whole corpus under one counting unit: an inverted index over the
/// concatenated token streams of the documents (in corpus order, body and notes), with each
/// type's documents and counts there, and each document's chapter sizes.
///
/// Built once per corpus and unit from the documents' type indexes (`AnalysisCache.postings`),
/// it lets dispersion read a term's counts per document and per equal part without visiting
/// documents that lack it, and lets collocates visit only the documents that hold the node.
/// Corpus positions are 32-bit: a corpus of 2³² tokens or more has none (`build` returns nil)
/// and the reports take their per-document paths.
struct CorpusPostings: Sendable {
    /// The documents it was built from (compared by identity before use).
    let documents: [AnalysisDocument]
    let typeCount: Int
    /// `documentStarts[d]`: the tokens of the documents before document d; the last entry is the
    /// corpus's tokens.
    let documentStarts: [Int]
    /// `typeStarts[t]..<typeStarts[t + 1]`: type t's corpus positions in `positions` (and its
    /// entries in `entryDocuments` / `entryCounts` are `entryStarts[t]..<entryStarts[t + 1]`).
    let typeStarts: [Int]
    /// Corpus positions (document start + token index), grouped by type, ascending in a type.
    let positions: [UInt32]
    /// Parallel to `positions`: how far the token's block (paragraph or note) reaches around it,
    /// tokens before it in the high four bits and after it in the low four, each at most
    /// `clipLimit`. A collocation window of at most `clipLimit` tokens a side reads its edges here
    /// rather than searching the document's blocks.
    let clips: [UInt8]
    /// The type of every token of the corpus (the documents' streams concatenated, in corpus
    /// order) in 16 bits, when the unit has at most 2¹⁶ types; else empty. Half the size of the
    /// documents' 32-bit form streams, it fits a large last-level cache (15.7 MB on the 50 MB
    /// bench corpus), so the collocation windows read there instead of in the documents.
    let stream: [UInt16]
    let entryStarts: [Int]
    /// Per type, the documents holding it (ascending) and its count in each.
    let entryDocuments: [UInt32]
    let entryCounts: [UInt32]
    /// `chapterStarts[d]..<chapterStarts[d + 1]`: document d's chapters of at least one token
    /// (slots ascending as `BlockMap.chapterSizes` numbers them), with their sizes in tokens.
    let chapterStarts: [Int]
    let chapterSizes: [Double]
    /// The sums and the least of `chapterSizes` and of `documentSizes`.
    let chapterTokens: Double
    let smallestChapter: Double
    let documentTokens: Double
    let smallestDocument: Double
    /// `runStarts[d]..<runStarts[d + 1]`: for a document of several chapters, its runs of tokens
    /// in one chapter, in token order: each run's first corpus position and its chapter (an index
    /// into `chapterSizes`). A document of one chapter has none.
    let runStarts: [Int]
    let runPositions: [UInt32]
    let runChapters: [Int32]
    /// The sizes of the documents of at least one token, in corpus order.
    let documentSizes: [Double]
    /// For each document, its place in `documentSizes` (−1 when empty).
    let sizedDocument: [Int32]

    /// The largest reach `clips` records (a reach beyond it reads as `clipLimit`).
    static let clipLimit = 15

    /// The corpus's tokens.
    var tokens: Int { documentStarts[documents.count] }

    /// The index of `corpus` under `table`'s unit, nil when the corpus holds 2³² tokens or more.
    static func build(_ corpus: AnalysisCorpus, _ table: UnitTable) -> CorpusPostings? {
        let documents = corpus.documents
        var documentStarts = [Int](repeating: 0, count: documents.count + 1)
        for (index, document) in documents.enumerated() {
            documentStarts[index + 1] = documentStarts[index] + document.tokenCount
        }
        guard documentStarts[documents.count] <= Int(UInt32.max) else {
            return nil
        }
        let indexes = documents.map { $0.typeIndex(table) }
        var typeStarts = [Int](repeating: 0, count: table.count + 1)
        var entryStarts = [Int](repeating: 0, count: table.count + 1)
        for index in indexes {
            for slot in index.types.indices {
                let type = Int(index.types[slot])
                typeStarts[type + 1] += index.count(atSlot: slot)
                entryStarts[type + 1] += 1
            }
        }
        for type in 0..<table.count {
            typeStarts[type + 1] += typeStarts[type]
            entryStarts[type + 1] += entryStarts[type]
        }
        var positions = [UInt32](repeating: 0, count: typeStarts[table.count])
        var clips = [UInt8](repeating: 0, count: typeStarts[table.count])
        var documentClips: [UInt8] = []
        var entryDocuments = [UInt32](repeating: 0, count: entryStarts[table.count])
        var entryCounts = [UInt32](repeating: 0, count: entryStarts[table.count])
        var nextPosition = typeStarts
        var nextEntry = entryStarts
        positions.withUnsafeMutableBufferPointer { positions in
            for (document, index) in indexes.enumerated() {
                let base = UInt32(documentStarts[document])
                documentClips.removeAll(keepingCapacity: true)
                documentClips.append(contentsOf: repeatElement(0, count: documents[document].tokenCount))
                for block in documents[document].blocks {
                    for token in Int(block.start)..<Int(block.end) {
                        let before = min(token - Int(block.start), clipLimit)
                        let after = min(Int(block.end) - 1 - token, clipLimit)
                        documentClips[token] = UInt8(before << 4 | after)
                    }
                }
                index.positions.withUnsafeBufferPointer { local in
                    for slot in index.types.indices {
                        let type = Int(index.types[slot])
                        let first = Int(index.starts[slot])
                        let end = Int(index.starts[slot + 1])
                        var place = nextPosition[type]
                        for token in first..<end {
                            positions[place] = base &+ local[token]
                            clips[place] = documentClips[Int(local[token])]
                            place += 1
                        }
                        nextPosition[type] = place
                        entryDocuments[nextEntry[type]] = UInt32(document)
                        entryCounts[nextEntry[type]] = UInt32(end - first)
                        nextEntry[type] += 1
                    }
                }
            }
        }
        var stream: [UInt16] = []
        if table.count <= Int(UInt16.max) + 1 {
            stream.reserveCapacity(documentStarts[documents.count])
            table.typeOfForm.withUnsafeBufferPointer { types in
                for document in documents {
                    for form in document.forms {
                        stream.append(UInt16(truncatingIfNeeded: types[Int(form)]))
                    }
                }
            }
        }
        var chapterStarts = [Int](repeating: 0, count: documents.count + 1)
        var chapterSizes: [Double] = []
        var documentSizes: [Double] = []
        var sizedDocument = [Int32](repeating: -1, count: documents.count)
        var runStarts = [Int](repeating: 0, count: documents.count + 1)
        var runPositions: [UInt32] = []
        var runChapters: [Int32] = []
        for (index, document) in documents.enumerated() {
            let map = document.blockMap(.all)
            var chapterOfSlot = [Int32](repeating: -1, count: map.chapterSizes.count)
            for (slot, size) in map.chapterSizes.enumerated() where size > 0 {
                chapterOfSlot[slot] = Int32(chapterSizes.count)
                chapterSizes.append(Double(size))
            }
            chapterStarts[index + 1] = chapterSizes.count
            if chapterStarts[index + 1] - chapterStarts[index] > 1 {
                for (blockIndex, block) in document.blocks.enumerated() where block.end > block.start {
                    let chapter = chapterOfSlot[Int(map.chapterSlots[blockIndex])]
                    if runChapters.count == runStarts[index] || runChapters.last != chapter {
                        runPositions.append(UInt32(documentStarts[index]) + block.start)
                        runChapters.append(chapter)
                    }
                }
            }
            runStarts[index + 1] = runChapters.count
            if map.tokens > 0 {
                sizedDocument[index] = Int32(documentSizes.count)
                documentSizes.append(Double(map.tokens))
            }
        }
        return CorpusPostings(
            documents: documents,
            typeCount: table.count,
            documentStarts: documentStarts,
            typeStarts: typeStarts,
            positions: positions,
            clips: clips,
            stream: stream,
            entryStarts: entryStarts,
            entryDocuments: entryDocuments,
            entryCounts: entryCounts,
            chapterStarts: chapterStarts,
            chapterSizes: chapterSizes,
            chapterTokens: chapterSizes.reduce(0, +),
            smallestChapter: chapterSizes.min() ?? 0,
            documentTokens: documentSizes.reduce(0, +),
            smallestDocument: documentSizes.min() ?? 0,
            runStarts: runStarts,
            runPositions: runPositions,
            runChapters: runChapters,
            documentSizes: documentSizes,
            sizedDocument: sizedDocument
        )
    }

    /// The corpus frequency of `type`.
    func frequency(of type: UInt32) -> Int {
        typeStarts[Int(type) + 1] - typeStarts[Int(type)]
    }

    /// True when `selection` counts every document of the corpus whole, in every region: the
    /// selection these postings describe.
    static func covers(_ selection: CorpusSelection, _ corpus: AnalysisCorpus) -> Bool {
        selection.region == .all
            && selection.parts.count == corpus.documents.count
            && selection.parts.allSatisfy { $0.sections == nil }
    }
}
