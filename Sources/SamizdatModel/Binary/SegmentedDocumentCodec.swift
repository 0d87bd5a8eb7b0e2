import Foundation

/// The compact binary form of a `SegmentedDocument`, the body of `segmented` (segment → index;
/// docs/PROTOCOL.md, "The segmented document, binary form"): the magic `SZD`, a version byte,
/// then every field in declaration order as `BinaryWriter` writes them. Its offsets are varints,
/// so a document travels in little more than its text's size, and it is read in one pass
/// without Foundation's JSON coders.
public enum SegmentedDocumentCodec {
    /// The version this build writes and reads.
    public static let version: UInt8 = 1
    static let magic: [UInt8] = Array("SZD".utf8)

    public static func encode(_ document: SegmentedDocument) -> Data {
        var writer = BinaryWriter(capacity: document.text.utf8.count + 16 * document.sentences.count + 64 * document.paragraphs.count + 256)
        writer.raw(magic)
        writer.byte(version)
        writer.string(document.id)
        writer.signed(document.version)
        writer.string(document.contentHash)
        writer.string(document.metadata.title)
        writer.string(document.metadata.author)
        writer.string(document.metadata.source)
        writer.optionalString(document.metadata.externalID)
        writer.string(document.text)
        writer.count(document.pages.count)
        for page in document.pages {
            writer.string(page.label)
            writer.signed(page.start)
            writer.signed(page.end)
        }
        writer.count(document.sections.count)
        for section in document.sections {
            writer.string(section.kind.rawValue)
            writer.signed(section.level)
            writer.string(section.title)
            writer.signed(section.start)
            writer.signed(section.end)
            writer.optionalSigned(section.parent)
            writer.optionalString(section.page)
        }
        writer.count(document.paragraphs.count)
        for paragraph in document.paragraphs {
            writer.string(paragraph.kind.rawValue)
            writer.signed(paragraph.start)
            writer.signed(paragraph.end)
            writer.optionalSigned(paragraph.section)
            writer.optionalString(paragraph.page)
            writer.optionalString(paragraph.lastPage)
        }
        writer.count(document.sentences.count)
        for sentence in document.sentences {
            writer.signed(sentence.start)
            writer.signed(sentence.end)
            writer.signed(sentence.paragraph)
        }
        writer.count(document.notes.count)
        for note in document.notes {
            writer.string(note.label)
            writer.string(note.text)
            writer.optionalSigned(note.marker)
            writer.optionalSigned(note.section)
            writer.optionalString(note.page)
        }
        writer.count(document.citations.count)
        for citation in document.citations {
            writer.signed(citation.start)
            writer.signed(citation.end)
            writer.count(citation.authors.count)
            for author in citation.authors {
                writer.string(author)
            }
            writer.optionalString(citation.year)
            writer.optionalString(citation.pages)
            writer.bool(citation.ibid)
        }
        writer.count(document.quotations.count)
        for quotation in document.quotations {
            writer.signed(quotation.start)
            writer.signed(quotation.end)
            writer.bool(quotation.block)
        }
        writer.count(document.artifacts.count)
        for artifact in document.artifacts {
            writer.string(artifact.kind.rawValue)
            writer.signed(artifact.line)
            writer.string(artifact.text)
        }
        writer.count(document.unmatchedMarkers.count)
        for marker in document.unmatchedMarkers {
            writer.string(marker)
        }
        writer.count(document.unmatchedNotes.count)
        for note in document.unmatchedNotes {
            writer.string(note)
        }
        return Data(writer.bytes)
    }

    /// Reads a document `encode` wrote. Anything else — another version, JSON, cut-off or
    /// trailing bytes, a bad value — is a `ProtocolError` naming the field and byte offset.
    public static func decode(_ data: Data) throws(ProtocolError) -> SegmentedDocument {
        var reader = BinaryReader(data, what: "segmented body")
        guard data.count >= 4 else {
            throw ProtocolError(.badHeader, "segmented body: \(data.count) bytes, too short for the form's magic and version")
        }
        let head = try reader.raw(3, "magic")
        guard Array(head) == magic else {
            let json = data.first == UInt8(ascii: "{")
            throw ProtocolError(
                .badHeader,
                json
                    ? "segmented body is JSON (a segment older than this index); index takes the binary form SZD version \(version)"
                    : "segmented body does not start with the magic 'SZD'"
            )
        }
        let found = try reader.byte("version")
        guard found == version else {
            throw ProtocolError(.badHeader, "segmented body is form version \(found); this index reads version \(version)")
        }
        let id = try reader.string("id")
        let documentVersion = try reader.signed("version")
        let contentHash = try reader.string("content_hash")
        let metadata = DocumentMetadata(
            title: try reader.string("metadata.title"),
            author: try reader.string("metadata.author"),
            source: try reader.string("metadata.source"),
            externalID: try reader.optionalString("metadata.external_id")
        )
        let text = try reader.string("text")
        var pages: [PageSpan] = []
        for _ in 0..<(try reader.count("pages", minimumBytes: 3)) {
            pages.append(
                PageSpan(label: try reader.string("pages.label"), start: try reader.signed("pages.start"), end: try reader.signed("pages.end"))
            )
        }
        var sections: [Section] = []
        for _ in 0..<(try reader.count("sections", minimumBytes: 7)) {
            sections.append(
                Section(
                    kind: try reader.choice("sections.kind", as: SectionKind.self),
                    level: try reader.signed("sections.level"),
                    title: try reader.string("sections.title"),
                    start: try reader.signed("sections.start"),
                    end: try reader.signed("sections.end"),
                    parent: try reader.optionalSigned("sections.parent"),
                    page: try reader.optionalString("sections.page")
                )
            )
        }
        var paragraphs: [Paragraph] = []
        let paragraphCount = try reader.count("paragraphs", minimumBytes: 6)
        paragraphs.reserveCapacity(paragraphCount)
        for _ in 0..<paragraphCount {
            paragraphs.append(
                Paragraph(
                    kind: try reader.choice("paragraphs.kind", as: ParagraphKind.self),
                    start: try reader.signed("paragraphs.start"),
                    end: try reader.signed("paragraphs.end"),
                    section: try reader.optionalSigned("paragraphs.section"),
                    page: try reader.optionalString("paragraphs.page"),
                    lastPage: try reader.optionalString("paragraphs.last_page")
                )
            )
        }
        var sentences: [Sentence] = []
        let sentenceCount = try reader.count("sentences", minimumBytes: 3)
        sentences.reserveCapacity(sentenceCount)
        for _ in 0..<sentenceCount {
            sentences.append(
                Sentence(
                    start: try reader.signed("sentences.start"),
                    end: try reader.signed("sentences.end"),
                    paragraph: try reader.signed("sentences.paragraph")
                )
            )
        }
        var notes: [Note] = []
        for _ in 0..<(try reader.count("notes", minimumBytes: 5)) {
            notes.append(
                Note(
                    label: try reader.string("notes.label"),
                    text: try reader.string("notes.text"),
                    marker: try reader.optionalSigned("notes.marker"),
                    section: try reader.optionalSigned("notes.section"),
                    page: try reader.optionalString("notes.page")
                )
            )
        }
        var citations: [Citation] = []
        for _ in 0..<(try reader.count("citations", minimumBytes: 6)) {
            let start = try reader.signed("citations.start")
            let end = try reader.signed("citations.end")
            var authors: [String] = []
            for _ in 0..<(try reader.count("citations.authors")) {
                authors.append(try reader.string("citations.authors"))
            }
            citations.append(
                Citation(
                    start: start,
                    end: end,
                    authors: authors,
                    year: try reader.optionalString("citations.year"),
                    pages: try reader.optionalString("citations.pages"),
                    ibid: try reader.bool("citations.ibid")
                )
            )
        }
        var quotations: [Quotation] = []
        for _ in 0..<(try reader.count("quotations", minimumBytes: 3)) {
            quotations.append(
                Quotation(
                    start: try reader.signed("quotations.start"),
                    end: try reader.signed("quotations.end"),
                    block: try reader.bool("quotations.block")
                )
            )
        }
        var artifacts: [Artifact] = []
        for _ in 0..<(try reader.count("artifacts", minimumBytes: 3)) {
            artifacts.append(
                Artifact(
                    kind: try reader.choice("artifacts.kind", as: ArtifactKind.self),
                    line: try reader.signed("artifacts.line"),
                    text: try reader.string("artifacts.text")
                )
            )
        }
        var unmatchedMarkers: [String] = []
        for _ in 0..<(try reader.count("unmatched_markers")) {
            unmatchedMarkers.append(try reader.string("unmatched_markers"))
        }
        var unmatchedNotes: [String] = []
        for _ in 0..<(try reader.count("unmatched_notes")) {
            unmatchedNotes.append(try reader.string("unmatched_notes"))
        }
        guard reader.remaining == 0 else {
            throw reader.failure("the end", "is followed by \(reader.remaining) more bytes")
        }
        return SegmentedDocument(
            id: id,
            version: documentVersion,
            contentHash: contentHash,
            metadata: metadata,
            text: text,
            pages: pages,
            sections: sections,
            paragraphs: paragraphs,
            sentences: sentences,
            notes: notes,
            citations: citations,
            quotations: quotations,
            artifacts: artifacts,
            unmatchedMarkers: unmatchedMarkers,
            unmatchedNotes: unmatchedNotes
        )
    }
}
