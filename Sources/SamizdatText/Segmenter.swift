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
        guard !assembly.out.isEmpty else {
            throw SegmentationError(stage: "segment", reason: "no text left once print artifacts were removed")
        }

        let clean = assembly.out
        var sentences: [Sentence] = []
        sentences.reserveCapacity(clean.count / 120)
        var ranges: [(Int, Int)] = []
        for (k, p) in assembly.paragraphs.enumerated() where p.kind != .heading {
            ranges.removeAll(keepingCapacity: true)
            SentenceSplitter.split(clean, p.start, p.end, into: &ranges)
            for (s, e) in ranges { sentences.append(Sentence(start: s, end: e, paragraph: k)) }
        }
        var citations: [Citation] = []
        CitationParser.parse(clean, paragraphs: assembly.paragraphs, into: &citations)
        var quotations: [Quotation] = []
        QuotationScanner.scan(clean, paragraphs: assembly.paragraphs, into: &quotations)

        return SegmentedDocument(
            id: document.id,
            version: document.version,
            contentHash: document.contentHash,
            metadata: document.metadata,
            text: String(decoding: clean, as: UTF8.self),
            pages: assembly.spans,
            sections: assembly.sections,
            paragraphs: assembly.paragraphs,
            sentences: sentences,
            notes: assembly.outputNotes,
            citations: citations,
            quotations: quotations,
            artifacts: layout.artifacts,
            unmatchedMarkers: assembly.unmatchedMarkers,
            unmatchedNotes: assembly.unmatchedNotes
        )
    }
}
