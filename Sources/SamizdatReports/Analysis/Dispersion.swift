import SamizdatModel

/// How one term (one or more types of a unit, counted together) spreads over a selection: over
/// its documents, its chapters and n equal parts of its token stream, with the hits for a plot.
public enum Dispersion {
    /// `types`: the term's type ids under `request.unit` (the index resolves `request.term`;
    /// empty when the term does not occur).
    public static func compute(_ corpus: AnalysisCorpus, _ selection: CorpusSelection, _ request: DispersionRequest,
                               types: [UInt32]) -> DispersionResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        var documentCounts: [Double] = []
        var documentSizes: [Double] = []
        var chapterCounts: [Double] = []
        var chapterSizes: [Double] = []
        var walks: [TermHits] = []
        var streamBase = 0
        var streamBases: [Int] = []
        for part in selection.parts {
            let document = corpus.documents[part.document]
            let walk = TermHits(document, table, types: types, region: selection.region, sections: part.sections)
            walks.append(walk)
            streamBases.append(streamBase)
            streamBase += walk.tokens
            if walk.tokens > 0 {
                documentCounts.append(Double(walk.hits.count))
                documentSizes.append(Double(walk.tokens))
            }
            // chapters: keyed by the chapter's section index, −1 for text outside every chapter
            var sizeOfChapter: [Int32: Int] = [:]
            for (index, block) in document.blocks.enumerated() where walk.blockStreamStarts[index] >= 0 {
                sizeOfChapter[walk.layout.chapter(ofSection: block.section), default: 0] += Int(block.end - block.start)
            }
            var countOfChapter: [Int32: Int] = [:]
            for hit in walk.hits {
                countOfChapter[walk.layout.chapter(ofSection: document.blocks[hit.block].section), default: 0] += 1
            }
            for (chapter, size) in sizeOfChapter.sorted(by: { $0.key < $1.key }) where size > 0 {
                chapterCounts.append(Double(countOfChapter[chapter] ?? 0))
                chapterSizes.append(Double(size))
            }
        }
        let tokens = streamBase
        let partCount = min(request.parts, tokens)
        var equalCounts = [Double](repeating: 0, count: partCount)
        var hits: [DispersionHit] = []
        var frequency = 0
        for (walkIndex, walk) in walks.enumerated() {
            let document = walk.layout.document
            for hit in walk.hits {
                let position = streamBases[walkIndex] + walk.streamPosition(of: hit)
                frequency += 1
                if partCount > 0 {
                    equalCounts[DispersionStatistics.equalPart(of: position, tokens: tokens, parts: partCount)] += 1
                }
                guard hits.count < request.hitLimit else {
                    continue
                }
                let block = document.blocks[hit.block]
                hits.append(DispersionHit(
                    document: document.id, token: Int(hit.token), position: position,
                    offset: Int(document.offsets[Int(hit.token)]),
                    page: walk.layout.page(ofToken: Int(hit.token), inBlock: block),
                    region: block.kind == .note ? .note : .body,
                    section: walk.layout.title(ofSection: block.section),
                    chapter: walk.layout.title(ofSection: walk.layout.chapter(ofSection: block.section))))
            }
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
