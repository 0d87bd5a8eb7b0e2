import SamizdatModel

extension Segmenter {
    /// Segments a document whose pages, page labels and line roles are already known (extracted
    /// from a PDF or an EPUB), building the same `SegmentedDocument` as `segment(_:)` without
    /// guessing pages, running heads, notes or headings from the text.
    ///
    /// Each page's lines are laid end to end; artifact lines become `artifacts`, note lines become
    /// the page's notes (linked to their markers in the body), heading lines the section tree, and
    /// a body line starts a paragraph exactly when `startsParagraph` says so (a paragraph runs on
    /// across a page turn, its line-end hyphens undone). Every paragraph, note and section carries
    /// the label of the page it was printed on. Where the markup names notes and their markers
    /// (`LaidOutLine.noteMarkers`, `noteStart`), each note is linked to its marker by that alone.
    ///
    /// - Throws: `SegmentationError` when the pages hold no text, or none is left once the
    ///   artifacts are removed.
    public func segment(
        pages: [LaidOutPage],
        id: String,
        version: Int,
        contentHash: String,
        metadata: DocumentMetadata
    ) throws -> SegmentedDocument {
        let input = KnownLayoutInput(pages: pages)
        let bytes = input.bytes
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }) else {
            throw SegmentationError(stage: "extract", reason: "the document's pages hold no text")
        }
        let lines = SourceLine.scan(bytes)
        guard lines.count == input.roles.count else {
            throw SegmentationError(
                stage: "extract",
                reason: "the laid-out lines did not survive being joined (\(lines.count) for \(input.roles.count))"
            )
        }
        let pageMap = PageMap(pageOfLine: input.pageOfLine, labels: pages.map(\.label))
        let notes = NoteApparatus(
            knownNoteLines: lines,
            bytes: bytes,
            roles: input.roles,
            pageOfLine: input.pageOfLine,
            starts: input.starts,
            noteStarts: input.noteStarts
        )
        let headings = Headings(knownLines: lines, bytes: bytes, roles: input.roles, levels: input.headingLevels)
        var assembly = Assembly(bytes: bytes, lines: lines, roles: input.roles, pageMap: pageMap, headings: headings, notes: notes)
        assembly.knownParagraphStarts = input.starts
        if input.notesAreLinked { assembly.linkedMarkers = input.linkedMarkers }
        if input.quotationsAreKnown { assembly.knownQuotations = input.quotations }
        assembly.run()
        return try Self.finish(
            assembly,
            id: id,
            version: version,
            contentHash: contentHash,
            metadata: metadata,
            artifacts: input.artifacts
        )
    }
}
