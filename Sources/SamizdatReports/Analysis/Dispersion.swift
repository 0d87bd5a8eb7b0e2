import SamizdatModel

/// How one term (one or more types of a unit, counted together) spreads over a selection: over
/// its documents, its chapters and n equal parts of its token stream, with the hits for a plot.
public enum Dispersion {
    /// `types`: the term's type ids under `request.unit` (the index resolves `request.term`;
    /// empty when the term does not occur).
    ///
    /// Each document's block map (kept on the document for a whole document) places every hit
    /// of the cached type index in the stream and its chapter with one search among the blocks.
    public static func compute(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        _ request: DispersionRequest,
        types: [UInt32]
    ) -> DispersionResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        let distinctTypes = Array(Set(types)).sorted()
        let maps = selection.parts.map { part in
            part.sections == nil
                ? corpus.documents[part.document].blockMap(selection.region)
                : BlockMap(corpus.documents[part.document], region: selection.region, sections: part.sections)
        }
        let tokens = maps.reduce(0) { $0 + $1.tokens }
        let partCount = min(request.parts, tokens)
        var equalCounts = [Double](repeating: 0, count: partCount)
        var documentCounts: [Double] = []
        var documentSizes: [Double] = []
        var chapterCounts: [Double] = []
        var chapterSizes: [Double] = []
        var hits: [DispersionHit] = []
        var frequency = 0
        var streamBase = 0
        var countOfChapter: [Int] = []
        // a one-document scope: a strip per chapter slot with tokens, each block's start in its strip
        let oneDocument = selection.parts.count == 1 ? maps.first : nil
        var stripOfSlot: [Int] = []
        var stripStarts: [Int] = []
        var strips: [DispersionStrip] = []
        if let map = oneDocument, let part = selection.parts.first {
            let document = corpus.documents[part.document]
            let layout = DocumentLayout(document)
            stripOfSlot = [Int](repeating: -1, count: map.chapterSizes.count)
            stripStarts = [Int](repeating: 0, count: document.blocks.count)
            for (blockIndex, block) in document.blocks.enumerated() where map.streamStarts[blockIndex] >= 0 {
                let slot = Int(map.chapterSlots[blockIndex])
                if stripOfSlot[slot] < 0 {
                    stripOfSlot[slot] = strips.count
                    strips.append(DispersionStrip(chapter: layout.title(ofSection: Int32(slot) - 1), tokens: 0, hits: 0))
                }
                stripStarts[blockIndex] = strips[stripOfSlot[slot]].tokens
                strips[stripOfSlot[slot]].tokens += Int(block.end - block.start)
            }
        }
        for (part, map) in zip(selection.parts, maps) {
            let document = corpus.documents[part.document]
            let blocks = document.blocks
            let index = document.typeIndex(table)
            var positions: [UInt32] = []
            for type in distinctTypes {
                positions.append(contentsOf: index.positions(of: type))
            }
            if distinctTypes.count > 1 {
                positions.sort()
            }
            countOfChapter.removeAll(keepingCapacity: true)
            countOfChapter.append(contentsOf: repeatElement(0, count: map.chapterSizes.count))
            var documentHits = 0
            var layout: DocumentLayout?
            for position in positions {
                let blockIndex = BlockMap.block(containing: position, in: blocks)
                let blockStart = map.streamStarts[blockIndex]
                guard blockStart >= 0 else {
                    continue
                }
                let block = blocks[blockIndex]
                let streamPosition = streamBase + Int(blockStart) + Int(position - block.start)
                documentHits += 1
                countOfChapter[Int(map.chapterSlots[blockIndex])] += 1
                let strip = oneDocument == nil ? nil : stripOfSlot[Int(map.chapterSlots[blockIndex])]
                if let strip {
                    strips[strip].hits += 1
                }
                equalCounts[DispersionStatistics.equalPart(of: streamPosition, tokens: tokens, parts: partCount)] += 1
                guard hits.count < request.hitLimit else {
                    continue
                }
                let documentLayout = layout ?? DocumentLayout(document)
                layout = documentLayout
                hits.append(
                    DispersionHit(
                        document: document.id,
                        token: Int(position),
                        position: streamPosition,
                        offset: Int(document.offsets[Int(position)]),
                        page: documentLayout.page(ofToken: Int(position), inBlock: block),
                        region: block.kind == .note ? .note : .body,
                        section: documentLayout.title(ofSection: block.section),
                        chapter: documentLayout.title(ofSection: map.chapterSlots[blockIndex] - 1),
                        paragraph: block.kind == .body ? Int(block.index) : nil,
                        note: block.kind == .note ? Int(block.index) : nil,
                        strip: strip,
                        stripPosition: strip == nil ? nil : stripStarts[blockIndex] + Int(position - block.start)
                    )
                )
            }
            if map.tokens > 0 {
                documentCounts.append(Double(documentHits))
                documentSizes.append(Double(map.tokens))
            }
            for slot in map.chapterSizes.indices where map.chapterSizes[slot] > 0 {
                chapterCounts.append(Double(countOfChapter[slot]))
                chapterSizes.append(Double(map.chapterSizes[slot]))
            }
            frequency += documentHits
            streamBase += map.tokens
        }
        let equalSizes =
            partCount > 0
            ? DispersionStatistics.equalPartSizes(tokens: tokens, parts: partCount).map(Double.init) : []
        return DispersionResponse(
            term: request.term,
            unit: request.unit,
            frequency: frequency,
            tokens: tokens,
            perMillion: tokens > 0 ? Double(frequency) / Double(tokens) * 1_000_000 : 0,
            documents: DispersionStatistics.measures(counts: documentCounts, sizes: documentSizes),
            chapters: DispersionStatistics.measures(counts: chapterCounts, sizes: chapterSizes),
            equalParts: DispersionStatistics.measures(counts: equalCounts, sizes: equalSizes),
            hits: hits,
            truncated: frequency > hits.count,
            strips: strips
        )
    }
}
extension DispersionResponse {
    /// The hits as CSV, the JSON hit fields as columns.
    public var csv: CSVTable {
        var table = CSVTable(header: [
            "document", "token", "position", "offset", "page", "region", "section", "chapter", "paragraph", "note",
        ])
        for hit in hits {
            table.append([
                hit.document, String(hit.token), String(hit.position), String(hit.offset), hit.page ?? "",
                hit.region.rawValue, hit.section ?? "", hit.chapter ?? "", hit.paragraph.map(String.init) ?? "",
                hit.note.map(String.init) ?? "",
            ])
        }
        return table
    }
}
