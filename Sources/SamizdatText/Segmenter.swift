import SamizdatModel

/// Turns a normalised Document into a SegmentedDocument. Pure: no I/O.
///
/// Stages, each over the same UTF-8 bytes: lines → print artifacts and page breaks (`PageLayout`)
/// → notes out of the body (`NoteApparatus`) → headings (`Headings`) → page labels (`PageMap`)
/// → paragraphs, clean text, page spans, sections and note markers (`Assembly`) → sentences,
/// citations, quotations.
public struct Segmenter: Sendable {
    public init() {}

    public func segment(_ document: Document) throws -> SegmentedDocument {
        let text = Normalizer.normalize(document.text)
        let b = Array(text.utf8)
        guard b.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }) else {
            throw SegmentationError(stage: "normalise", reason: "the text is empty")
        }
        let lines = SourceLine.scan(b)
        let layout = PageLayout(lines: lines, bytes: b)
        var roles = layout.roles
        let notes = NoteApparatus(lines: lines, bytes: b, roles: &roles)
        let headings = Headings(lines: lines, bytes: b, roles: &roles, notes: notes)
        let pageMap = PageMap(
            lineCount: lines.count,
            breaks: layout.breaks + notes.pageStarts,
            leadingSpaceLines: layout.leadingSpaceLines,
            anchors: layout.anchors,
            roles: roles
        )
        var assembly = Assembly(bytes: b, lines: lines, roles: roles, pageMap: pageMap, headings: headings, notes: notes)
        assembly.run()
        return try Self.finish(
            assembly,
            id: document.id,
            version: document.version,
            contentHash: document.contentHash,
            metadata: document.metadata,
            artifacts: layout.artifacts
        )
    }

    /// What every path does once paragraphs are assembled: sentences, citations and quotations over the
    /// clean text, and the document they make.
    static func finish(
        _ assembly: Assembly,
        id: String,
        version: Int,
        contentHash: String,
        metadata: DocumentMetadata,
        artifacts: [Artifact]
    ) throws -> SegmentedDocument {
        guard !assembly.out.isEmpty else {
            throw SegmentationError(stage: "segment", reason: "no text left once print artifacts were removed")
        }
        let clean = assembly.out
        var sentences: [Sentence] = []
        sentences.reserveCapacity(clean.count / 120)
        var ranges: [(Int, Int)] = []
        for (index, paragraph) in assembly.paragraphs.enumerated() where paragraph.kind != .heading {
            ranges.removeAll(keepingCapacity: true)
            SentenceSplitter.split(clean, paragraph.start, paragraph.end, into: &ranges)
            for (start, end) in ranges { sentences.append(Sentence(start: start, end: end, paragraph: index)) }
        }
        var citations: [Citation] = []
        CitationParser.parse(clean, paragraphs: assembly.paragraphs, into: &citations)
        var quotations: [Quotation] = []
        QuotationScanner.scan(clean, paragraphs: assembly.paragraphs, into: &quotations)

        return SegmentedDocument(
            id: id,
            version: version,
            contentHash: contentHash,
            metadata: metadata,
            text: String(decoding: clean, as: UTF8.self),
            pages: assembly.spans,
            sections: assembly.sections,
            paragraphs: assembly.paragraphs,
            sentences: sentences,
            notes: assembly.outputNotes,
            citations: citations,
            quotations: quotations,
            artifacts: artifacts,
            unmatchedMarkers: assembly.unmatchedMarkers,
            unmatchedNotes: assembly.unmatchedNotes
        )
    }
}
