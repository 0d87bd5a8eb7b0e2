import Foundation
import SamizdatCorpus
import SamizdatModel
import SamizdatText
import Testing

@testable import SamizdatExtract

/// Books typeset at test time from the generator's prose (`TypesetBook`), read back through
/// poppler and segmented from their known pages, against the answers the typesetter kept.
@Suite struct PDFExtractionTests {
    static func segmented(_ book: TypesetBook) throws -> SegmentedDocument {
        let extracted = try PDFExtractor().extract(book.pdf)
        return try Segmenter().segment(
            pages: extracted.pages,
            id: "book",
            version: 1,
            contentHash: ContentHash.sha256(book.pdf),
            metadata: DocumentMetadata(title: book.title)
        )
    }

    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    /// Words with hyphens taken out: whether a hyphen at a line end is kept ("co-|uvest") is the
    /// segmenter's lexicon's call, judged elsewhere.
    static func unhyphenated(_ text: String) -> String {
        words(text).replacingOccurrences(of: "-", with: "")
    }

    /// Seed 8 still loses the last word of one paragraph and leaves one running head in the body
    /// (a chapter's one recto head read into the text): known, open.
    static let knownMisses: Set<UInt64> = [8]

    @Test(arguments: [7, 8, 9] as [UInt64])
    func pagesCarryThePDFsOwnLabels(seed: UInt64) throws {
        let book = TypesetBook.make(seed: seed)
        let extracted = try PDFExtractor().extract(book.pdf)
        #expect(extracted.pages.map(\.label) == book.pageLabels)
        #expect(book.pageLabels.first == "i")
        #expect(book.pageLabels.contains("1"))
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func everyParagraphComesBackWholeWithItsPageLabel(seed: UInt64) throws {
        let book = TypesetBook.make(seed: seed)
        let document = try Self.segmented(book)
        let paragraphs = document.paragraphs.filter { $0.kind != .heading }
        let texts = paragraphs.map { Self.words(document.text(of: $0)) }
        #expect(paragraphs.count == book.paragraphs.count)
        var exact = 0
        for (index, truth) in book.paragraphs.enumerated() where index < paragraphs.count {
            if Self.unhyphenated(texts[index]) == Self.unhyphenated(truth.text) { exact += 1 }
            #expect(paragraphs[index].page == truth.page, "paragraph \(index) starts on \(truth.page)")
        }
        if Self.knownMisses.contains(seed) {
            withKnownIssue("one paragraph loses its last word") { #expect(exact == book.paragraphs.count) }
        } else {
            #expect(exact == book.paragraphs.count)
        }
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func noRunningHeadPageNumberOrNoteIsLeftInTheBody(seed: UInt64) throws {
        let book = TypesetBook.make(seed: seed)
        let document = try Self.segmented(book)
        var left: [String] = []
        for head in book.runningHeads {
            let inBody = document.paragraphs.filter { $0.kind != .heading }.contains { document.text(of: $0).contains(head) }
            if inBody { left.append(head) }
        }
        if Self.knownMisses.contains(seed) {
            withKnownIssue("one running head left in the body") { #expect(left.isEmpty) }
        } else {
            #expect(left.isEmpty, "running heads left in the body: \(left)")
        }
        let numbers = document.artifacts.filter { $0.kind == .pageNumber }.count
        let heads = document.artifacts.filter { $0.kind == .runningHead }.count
        #expect(numbers + heads >= book.pageLabels.count)
        for note in book.notes {
            let opening = note.text.split(separator: " ").prefix(6).joined(separator: " ")
            #expect(!document.text.contains(opening), "note \(note.label) left in the body")
        }
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func notesAreLinkedToTheirMarkersOnTheirPages(seed: UInt64) throws {
        let book = TypesetBook.make(seed: seed)
        let document = try Self.segmented(book)
        #expect(!book.notes.isEmpty)
        #expect(document.notes.count == book.notes.count)
        for (note, truth) in zip(document.notes, book.notes) {
            #expect(note.label == truth.label)
            #expect(note.page == truth.page, "note \(truth.label)")
            #expect(note.marker != nil, "note \(truth.label) is linked")
            #expect(Self.words(note.text) == Self.words(truth.text), "note \(truth.label)")
        }
        #expect(document.unmatchedMarkers.isEmpty)
        #expect(document.unmatchedNotes.isEmpty)
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func headingsAreFoundByTheirSize(seed: UInt64) throws {
        let book = TypesetBook.make(seed: seed)
        let document = try Self.segmented(book)
        #expect(document.sections.map(\.title) == book.headings)
        #expect(document.sections.first?.kind == .frontMatter)
        #expect(document.sections.filter { $0.kind == .chapter }.count == 3)
    }

    @Test func bytesThatAreNotAPDFAreUnsupported() {
        #expect(throws: ExtractionError.unsupportedFormat(reason: "declared a PDF, but the bytes do not begin with %PDF-")) {
            try PDFExtractor().extract(Array("just text".utf8))
        }
    }

    @Test func aCutOffPDFIsDamaged() {
        let book = TypesetBook.make(seed: 7)
        #expect {
            _ = try PDFExtractor().extract(Array(book.pdf.prefix(400)))
        } throws: { error in
            guard case ExtractionError.damagedDocument = error else { return false }
            return true
        }
    }

    @Test func aPDFWithNoTextHasNoTextLayer() {
        let empty = PDFTypesetter().document(pages: [[], []], labels: [])
        #expect(throws: ExtractionError.noTextLayer(pages: 2)) {
            try PDFExtractor().extract(empty)
        }
    }
}

extension SegmentedDocument {
    /// The clean text of a paragraph (offsets are UTF-8 bytes).
    func text(of paragraph: Paragraph) -> String {
        String(decoding: Array(text.utf8)[paragraph.start..<paragraph.end], as: UTF8.self)
    }
}
