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
        if CorpusPostings.covers(selection, corpus), let postings = corpus.cache.postings(corpus, table) {
            return overCorpus(corpus, postings, request, types: distinctTypes)
        }
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
        return response(
            request,
            frequency: frequency,
            tokens: tokens,
            documents: DispersionStatistics.measures(counts: documentCounts, sizes: documentSizes),
            chapters: DispersionStatistics.measures(counts: chapterCounts, sizes: chapterSizes),
            equalCounts: equalCounts,
            hits: hits,
            strips: strips
        )
    }

    /// The response both ways of counting end with: the measures over documents and chapters,
    /// the equal parts' measures from their counts and the stream's length.
    static func response(
        _ request: DispersionRequest,
        frequency: Int,
        tokens: Int,
        documents: DispersionMeasures,
        chapters: DispersionMeasures,
        equalCounts: [Double],
        hits: [DispersionHit],
        strips: [DispersionStrip]
    ) -> DispersionResponse {
        let partCount = equalCounts.count
        let equalSizes =
            partCount > 0
            ? DispersionStatistics.equalPartSizes(tokens: tokens, parts: partCount).map(Double.init) : []
        return DispersionResponse(
            term: request.term,
            unit: request.unit,
            frequency: frequency,
            tokens: tokens,
            perMillion: tokens > 0 ? Double(frequency) / Double(tokens) * 1_000_000 : 0,
            documents: documents,
            chapters: chapters,
            equalParts: DispersionStatistics.measures(counts: equalCounts, sizes: equalSizes),
            hits: hits,
            truncated: frequency > hits.count,
            strips: strips
        )
    }
}
extension Dispersion {
    /// `compute` over every whole document of the corpus, from its postings: each type's counts
    /// per document come from its document entries, its counts per equal part from a search of
    /// the part boundaries among its corpus positions (or a pass over them when they are fewer),
    /// and only documents with several chapters place their hits in a chapter one by one. The
    /// measures over documents and chapters visit only the parts holding the term.
    static func overCorpus(
        _ corpus: AnalysisCorpus,
        _ postings: CorpusPostings,
        _ request: DispersionRequest,
        types: [UInt32]
    ) -> DispersionResponse {
        let tokens = postings.tokens
        let partCount = min(request.parts, tokens)
        var equalCounts = [Double](repeating: 0, count: partCount)
        var documentCounts = [Double](repeating: 0, count: postings.documentSizes.count)
        var chapterCounts = [Double](repeating: 0, count: postings.chapterSizes.count)
        // the documents and chapters holding the term, each once
        var heldDocuments: [Int] = []
        var heldChapters: [Int] = []
        var frequency = 0
        for type in types {
            let first = postings.typeStarts[Int(type)]
            let end = postings.typeStarts[Int(type) + 1]
            frequency += end - first
            var cursor = first
            for entry in postings.entryStarts[Int(type)]..<postings.entryStarts[Int(type) + 1] {
                let document = Int(postings.entryDocuments[entry])
                let count = Int(postings.entryCounts[entry])
                let sized = Int(postings.sizedDocument[document])
                if documentCounts[sized] == 0 {
                    heldDocuments.append(sized)
                }
                documentCounts[sized] += Double(count)
                let chapterBase = postings.chapterStarts[document]
                if postings.chapterStarts[document + 1] - chapterBase == 1 {
                    if chapterCounts[chapterBase] == 0 {
                        heldChapters.append(chapterBase)
                    }
                    chapterCounts[chapterBase] += Double(count)
                } else {
                    addChapterCounts(
                        postings,
                        document: document,
                        positions: postings.positions[cursor..<cursor + count],
                        into: &chapterCounts,
                        held: &heldChapters
                    )
                }
                cursor += count
            }
            addEqualPartCounts(postings.positions[first..<end], tokens: tokens, parts: partCount, into: &equalCounts)
        }
        let hits = request.hitLimit > 0 ? corpusHits(corpus, postings, types: types, limit: request.hitLimit) : []
        return response(
            request,
            frequency: frequency,
            tokens: tokens,
            documents: DispersionStatistics.measures(
                parts: heldDocuments,
                counts: documentCounts,
                sizes: postings.documentSizes,
                tokens: postings.documentTokens,
                smallest: postings.smallestDocument
            ),
            chapters: DispersionStatistics.measures(
                parts: heldChapters,
                counts: chapterCounts,
                sizes: postings.chapterSizes,
                tokens: postings.chapterTokens,
                smallest: postings.smallestChapter
            ),
            equalCounts: equalCounts,
            hits: hits,
            strips: []
        )
    }

    /// Adds the hits at corpus `positions` (ascending, all in `document`, a document of several
    /// chapters) to the counts of its chapters, placing each in its run of the postings.
    static func addChapterCounts(
        _ postings: CorpusPostings,
        document: Int,
        positions: ArraySlice<UInt32>,
        into counts: inout [Double],
        held: inout [Int]
    ) {
        let runs = postings.runPositions[postings.runStarts[document]..<postings.runStarts[document + 1]]
        var run = runs.startIndex
        for position in positions {
            // the last run starting at or before the hit: the previous hit's run unless the next
            // run starts at or before it, else searched from there
            if run + 1 < runs.endIndex, runs[run + 1] <= position {
                run = runs.partitionPoint(from: run + 1) { $0 <= position } - 1
            }
            let chapter = Int(postings.runChapters[run])
            if counts[chapter] == 0 {
                held.append(chapter)
            }
            counts[chapter] += 1
        }
    }

    /// Adds the hits at stream `positions` (ascending) to the counts of `parts` equal parts of
    /// `tokens` tokens.
    static func addEqualPartCounts(_ positions: ArraySlice<UInt32>, tokens: Int, parts: Int, into counts: inout [Double]) {
        guard parts > 0, !positions.isEmpty else {
            return
        }
        guard positions.count > parts * 16 else {
            for position in positions {
                counts[DispersionStatistics.equalPart(of: Int(position), tokens: tokens, parts: parts)] += 1
            }
            return
        }
        let base = tokens / parts
        let longer = tokens % parts
        var previous = positions.startIndex
        for part in 0..<parts {
            let end = UInt32((part + 1) * base + min(part + 1, longer))
            let next = positions.partitionPoint(from: previous) { $0 < end }
            counts[part] += Double(next - previous)
            previous = next
        }
    }

    /// The first `limit` hits of `types` in corpus order, each placed as `compute` places it.
    static func corpusHits(_ corpus: AnalysisCorpus, _ postings: CorpusPostings, types: [UInt32], limit: Int) -> [DispersionHit] {
        var holding: [Int] = []
        for type in types {
            for entry in postings.entryStarts[Int(type)]..<postings.entryStarts[Int(type) + 1] {
                holding.append(Int(postings.entryDocuments[entry]))
            }
        }
        if types.count > 1 {
            holding = Array(Set(holding)).sorted()
        }
        var hits: [DispersionHit] = []
        for documentIndex in holding {
            guard hits.count < limit else {
                break
            }
            let document = corpus.documents[documentIndex]
            let start = postings.documentStarts[documentIndex]
            let end = UInt32(postings.documentStarts[documentIndex + 1])
            var positions: [UInt32] = []
            for type in types {
                let all = postings.positions[postings.typeStarts[Int(type)]..<postings.typeStarts[Int(type) + 1]]
                let low = all.partitionPoint { Int($0) < start }
                let high = all.partitionPoint(from: low) { $0 < end }
                positions.append(contentsOf: all[low..<high])
            }
            if types.count > 1 {
                positions.sort()
            }
            let layout = DocumentLayout(document)
            let map = document.blockMap(.all)
            let blocks = document.blocks
            for position in positions {
                guard hits.count < limit else {
                    break
                }
                let token = UInt32(Int(position) - start)
                let blockIndex = BlockMap.block(containing: token, in: blocks)
                let block = blocks[blockIndex]
                hits.append(
                    DispersionHit(
                        document: document.id,
                        token: Int(token),
                        position: Int(position),
                        offset: Int(document.offsets[Int(token)]),
                        page: layout.page(ofToken: Int(token), inBlock: block),
                        region: block.kind == .note ? .note : .body,
                        section: layout.title(ofSection: block.section),
                        chapter: layout.title(ofSection: map.chapterSlots[blockIndex] - 1),
                        paragraph: block.kind == .body ? Int(block.index) : nil,
                        note: block.kind == .note ? Int(block.index) : nil
                    )
                )
            }
        }
        return hits
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
