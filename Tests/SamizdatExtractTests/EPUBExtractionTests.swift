import Foundation
import SamizdatCorpus
import SamizdatModel
import SamizdatText
import Testing

@testable import SamizdatExtract

/// Books written as EPUBs at test time from the generator's prose (`EPUBBook`), read back through
/// ZIPFoundation and libxml2 and segmented from their pages, against the answers the writer kept.
@Suite struct EPUBExtractionTests {
    static func segmented(_ book: EPUBBook) throws -> SegmentedDocument {
        let extracted = try EPUBExtractor().extract(book.epub)
        return try Segmenter().segment(
            pages: extracted.pages,
            id: "book",
            version: 1,
            contentHash: ContentHash.sha256(book.epub),
            metadata: DocumentMetadata(title: book.title)
        )
    }

    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test(arguments: EPUBBook.PageMarking.allCases)
    func everyParagraphComesBackWholeWithItsPrintedPage(marking: EPUBBook.PageMarking) throws {
        let book = try EPUBBook.make(seed: 11, pages: marking)
        let document = try Self.segmented(book)
        let paragraphs = document.paragraphs.filter { $0.kind != .heading }
        #expect(paragraphs.count == book.paragraphs.count)
        for (index, truth) in book.paragraphs.enumerated() where index < paragraphs.count {
            #expect(Self.words(document.text(of: paragraphs[index])) == truth.text, "paragraph \(index)")
            #expect(paragraphs[index].page == truth.page, "paragraph \(index) starts on '\(truth.page)'")
            #expect((paragraphs[index].kind == .blockQuote) == truth.blockQuotation, "paragraph \(index)")
        }
        if marking == .none {
            #expect(document.pages.allSatisfy { $0.label.isEmpty })
        } else {
            #expect(try EPUBExtractor().extract(book.epub).pages.map(\.label) == book.pageLabels)
            #expect(book.pageLabels.first == "i")
        }
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func pageLabelsComeFromThePageList(seed: UInt64) throws {
        let book = try EPUBBook.make(seed: seed, pages: .pageList)
        let document = try Self.segmented(book)
        // every printed page comes back; the text's page spans cover the body (the last pages hold only endnotes)
        #expect(try EPUBExtractor().extract(book.epub).pages.map(\.label) == book.pageLabels)
        #expect(book.pageLabels.first == "i")
        #expect(book.pageLabels.contains("1"))
        let spans = document.pages.map(\.label)
        #expect(spans == Array(book.pageLabels.prefix(spans.count)))
        let paragraphs = document.paragraphs.filter { $0.kind != .heading }
        let wrong = zip(paragraphs, book.paragraphs).filter { $0.0.page != $0.1.page }.count
        #expect(wrong == 0)
        #expect(paragraphs.contains { $0.lastPage != nil }, "some paragraph runs over a page turn")
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func headingsAreTheStructure(seed: UInt64) throws {
        let book = try EPUBBook.make(seed: seed)
        let document = try Self.segmented(book)
        #expect(document.sections.map(\.title) == book.headings)
        #expect(document.sections.first?.kind == .frontMatter)
        #expect(document.sections.filter { $0.kind == .chapter }.count == 4)
        #expect(document.sections.last?.kind == .backMatter)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func notesAreLinkedToTheirMarkersAndOutOfTheBody(seed: UInt64) throws {
        let book = try EPUBBook.make(seed: seed)
        let document = try Self.segmented(book)
        #expect(book.notes.contains { $0.isEndnote })
        #expect(book.notes.contains { !$0.isEndnote })
        #expect(document.notes.count == book.notes.count)
        let bytes = Array(document.text.utf8)
        for (note, truth) in zip(document.notes, book.notes) {
            #expect(note.label == truth.label)
            #expect(Self.words(note.text) == truth.text, "note \(truth.label)")
            #expect(note.page == truth.page, "note \(truth.label) printed on \(truth.page)")
            guard let marker = note.marker else {
                Issue.record("note \(truth.label) is not linked")
                continue
            }
            let before = String(decoding: bytes[..<marker], as: UTF8.self)
            #expect(before.hasSuffix(truth.anchor), "note \(truth.label)'s marker follows '\(truth.anchor)'")
            let opening = truth.text.split(separator: " ").prefix(6).joined(separator: " ")
            #expect(!document.text.contains(opening), "note \(truth.label) left in the body")
        }
        #expect(document.unmatchedMarkers.isEmpty)
        #expect(document.unmatchedNotes.isEmpty)
    }

    @Test func anEndnoteSitsInTheChapterOfItsMarker() throws {
        let book = try EPUBBook.make(seed: 12)
        let document = try Self.segmented(book)
        for (note, truth) in zip(document.notes, book.notes) where truth.isEndnote {
            let section = try #require(note.section)
            var chapter = section
            while let parent = document.sections[chapter].parent { chapter = parent }
            #expect(document.sections[chapter].kind == .chapter)
        }
    }

    @Test func bytesThatAreNotAnEPUBAreUnsupported() throws {
        #expect {
            _ = try EPUBExtractor().extract(Array("just text".utf8))
        } throws: { error in
            guard case ExtractionError.unsupportedFormat = error else { return false }
            return true
        }
        let plainZip = try EPUBContainerWriter.write(entries: [("a.txt", Array("text".utf8))], mimetype: nil)
        #expect(throws: ExtractionError.self) { try EPUBExtractor().check(plainZip) }
    }

    @Test func aCutOffEPUBIsDamaged() throws {
        let book = try EPUBBook.make(seed: 11)
        #expect {
            _ = try EPUBExtractor().extract(Array(book.epub.prefix(book.epub.count / 2)))
        } throws: { error in
            guard case ExtractionError.damagedDocument = error else { return false }
            return true
        }
    }

    @Test func anEPUBWithNoPackageDocumentIsDamaged() throws {
        let missingPackage = try EPUBContainerWriter.write(entries: [
            ("META-INF/container.xml", Array(Self.container.utf8))
        ])
        #expect(throws: ExtractionError.damagedDocument(reason: "the EPUB has no package document (OEBPS/content.opf)")) {
            try EPUBExtractor().check(missingPackage)
        }
        let noContainer = try EPUBContainerWriter.write(entries: [("OEBPS/content.opf", Array("<package/>".utf8))])
        #expect(throws: ExtractionError.damagedDocument(reason: "the EPUB has no container file (META-INF/container.xml)")) {
            try EPUBExtractor().check(noContainer)
        }
    }

    @Test func anEPUBWithDRMIsEncrypted() throws {
        let encryption = """
            <encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
              <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
              <enc:CipherData><enc:CipherReference URI="OEBPS/text/chapter-1.xhtml"/></enc:CipherData></enc:EncryptedData>
            </encryption>
            """
        let encrypted = try EPUBContainerWriter.write(entries: [
            ("META-INF/container.xml", Array(Self.container.utf8)),
            ("META-INF/encryption.xml", Array(encryption.utf8)),
        ])
        #expect(throws: ExtractionError.encryptedDocument) { try EPUBExtractor().check(encrypted) }
        let fonts = encryption.replacingOccurrences(of: "http://www.w3.org/2001/04/xmlenc#aes128-cbc", with: "http://www.idpf.org/2008/embedding")
        let obfuscatedFonts = try EPUBContainerWriter.write(entries: [
            ("META-INF/container.xml", Array(Self.container.utf8)),
            ("META-INF/encryption.xml", Array(fonts.utf8)),
        ])
        #expect(throws: ExtractionError.damagedDocument(reason: "the EPUB has no package document (OEBPS/content.opf)")) {
            try EPUBExtractor().check(obfuscatedFonts)
        }
    }

    @Test func ingestSniffsAndChecksAnEPUB() throws {
        let book = try EPUBBook.make(seed: 11)
        #expect(DocumentFormat.sniff(book.epub) == .epub)
        #expect(try FileValidation.format(declared: nil, body: Data(book.epub), maxBytes: 10_000_000) == .epub)
        #expect(try FileValidation.format(declared: "epub", body: Data(book.epub), maxBytes: 10_000_000) == .epub)
        #expect(throws: ProtocolError.self) {
            try FileValidation.format(declared: "epub", body: Data(book.epub.prefix(2000)), maxBytes: 10_000_000)
        }
    }

    static let container = """
        <?xml version="1.0"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
        </container>
        """
}
