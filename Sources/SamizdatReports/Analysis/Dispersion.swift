import SamizdatModel

/// How one term (one or more types of a unit, counted together) spreads over a selection: over
/// its documents, its chapters and n equal parts of its token stream, with the hits for a plot.
public enum Dispersion {
    /// `types`: the term's type ids under `request.unit` (the index resolves `request.term`;
    /// empty when the term does not occur).
    ///
    /// One pass per document: its blocks and the term's positions (from the cached type index)
    /// are walked side by side, so no hit is searched for.
    public static func compute(_ corpus: AnalysisCorpus, _ selection: CorpusSelection, _ request: DispersionRequest,
                               types: [UInt32]) -> DispersionResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        let distinctTypes = Array(Set(types)).sorted()
        var tokens = 0
        for part in selection.parts {
            tokens += SelectionCounts.tokens(of: corpus.documents[part.document], region: selection.region,
                                             sections: part.sections)
        }
        let partCount = min(request.parts, tokens)
        var equalCounts = [Double](repeating: 0, count: partCount)
        var documentCounts: [Double] = []
        var documentSizes: [Double] = []
        var chapterCounts: [Double] = []
        var chapterSizes: [Double] = []
        var hits: [DispersionHit] = []
        var frequency = 0
        var streamBase = 0
        for part in selection.parts {
            let document = corpus.documents[part.document]
            let layout = DocumentLayout(document)
            // chapter slot: the chapter's section index + 1, 0 for text outside every chapter
            var sizeOfChapter = [Int](repeating: 0, count: document.sections.count + 1)
            var countOfChapter = [Int](repeating: 0, count: document.sections.count + 1)
            var documentTokens = 0
            for block in document.blocks where DocumentLayout.includes(block, region: selection.region, sections: part.sections) {
                sizeOfChapter[Int(layout.chapter(ofSection: block.section)) + 1] += Int(block.end - block.start)
                documentTokens += Int(block.end - block.start)
            }
            let index = document.typeIndex(table)
            var positions: [UInt32] = []
            for type in distinctTypes {
                positions.append(contentsOf: index.positions(of: type))
            }
            if distinctTypes.count > 1 {
                positions.sort()
            }
            var documentHits = 0
            var blockIndex = 0
            var streamBefore = 0
            let blocks = document.blocks
            for position in positions {
                while blocks[blockIndex].end <= position {
                    if DocumentLayout.includes(blocks[blockIndex], region: selection.region, sections: part.sections) {
                        streamBefore += Int(blocks[blockIndex].end - blocks[blockIndex].start)
                    }
                    blockIndex += 1
                }
                let block = blocks[blockIndex]
                guard DocumentLayout.includes(block, region: selection.region, sections: part.sections) else {
                    continue
                }
                let streamPosition = streamBase + streamBefore + Int(position - block.start)
                documentHits += 1
                let chapter = layout.chapter(ofSection: block.section)
                countOfChapter[Int(chapter) + 1] += 1
                equalCounts[DispersionStatistics.equalPart(of: streamPosition, tokens: tokens, parts: partCount)] += 1
                guard hits.count < request.hitLimit else {
                    continue
                }
                hits.append(DispersionHit(
                    document: document.id, token: Int(position), position: streamPosition,
                    offset: Int(document.offsets[Int(position)]),
                    page: layout.page(ofToken: Int(position), inBlock: block),
                    region: block.kind == .note ? .note : .body,
                    section: layout.title(ofSection: block.section),
                    chapter: layout.title(ofSection: chapter)))
            }
            if documentTokens > 0 {
                documentCounts.append(Double(documentHits))
                documentSizes.append(Double(documentTokens))
            }
            for slot in sizeOfChapter.indices where sizeOfChapter[slot] > 0 {
                chapterCounts.append(Double(countOfChapter[slot]))
                chapterSizes.append(Double(sizeOfChapter[slot]))
            }
            frequency += documentHits
            streamBase += documentTokens
        }
        let equalSizes = partCount > 0
            ? DispersionStatistics.equalPartSizes(tokens: tokens, parts: partCount).map(Double.init) : []
        return DispersionResponse(
            term: request.term, unit: request.unit, frequency: frequency, tokens: tokens,
            perMillion: tokens > 0 ? Double(frequency) / Double(tokens) * 1_000_000 : 0,
            documents: DispersionStatistics.measures(counts: documentCounts, sizes: documentSizes),
            chapters: DispersionStatistics.measures(counts: chapterCounts, sizes: chapterSizes),
            equalParts: DispersionStatistics.measures(counts: equalCounts, sizes: equalSizes),
            hits: hits, truncated: frequency > hits.count)
    }
}
extension DispersionResponse {
    /// The hits as CSV, the JSON hit fields as columns.
    public var csv: CSVTable {
        var table = CSVTable(header: ["document", "token", "position", "offset", "page", "region", "section", "chapter"])
        for hit in hits {
            table.append([hit.document, String(hit.token), String(hit.position), String(hit.offset), hit.page ?? "",
                          hit.region.rawValue, hit.section ?? "", hit.chapter ?? ""])
        }
        return table
    }
}
