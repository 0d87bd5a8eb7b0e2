import Foundation
import SamizdatCorpus
import SamizdatModel
import Testing

@testable import SamizdatExtract

/// What ingest makes of a body before it stores anything: its format, declared or sniffed, and the
/// named refusals of docs/PROTOCOL.md.
@Suite struct FileValidationTests {
    static let book = TypesetBook.make(seed: 11, chapters: 1, paragraphsPerChapter: 4)

    func refusal(_ declared: String?, _ body: Data, maxBytes: Int = 1 << 26) -> ProtocolError.Code? {
        do {
            _ = try FileValidation.format(declared: declared, body: body, maxBytes: maxBytes)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func aPDFIsAPDFDeclaredOrNot() throws {
        let body = Data(Self.book.pdf)
        #expect(try FileValidation.format(declared: nil, body: body, maxBytes: 1 << 26) == .pdf)
        #expect(try FileValidation.format(declared: "pdf", body: body, maxBytes: 1 << 26) == .pdf)
        #expect(try FileValidation.format(declared: "PDF", body: body, maxBytes: 1 << 26) == .pdf)
    }

    @Test func textIsLeftToTheTextChecks() throws {
        #expect(try FileValidation.format(declared: nil, body: Data("plain words".utf8), maxBytes: 100) == .text)
        #expect(try FileValidation.format(declared: "text", body: Data("plain words".utf8), maxBytes: 100) == .text)
    }

    @Test func aFileThatIsNotWhatItClaimsIsUnsupported() {
        #expect(refusal("pdf", Data("plain words".utf8)) == .unsupportedFormat)
        #expect(refusal("epub", Data(Self.book.pdf)) == .unsupportedFormat)
        #expect(refusal("docx", Data("plain words".utf8)) == .unsupportedFormat)
    }

    @Test func webPagesAndEPUBsAreReadOrRefusedByName() {
        #expect(refusal(nil, Data("<!DOCTYPE html><html><body>x</body></html>".utf8)) == nil)
        #expect(refusal(nil, Data("<!DOCTYPE html><html><body><nav>Home</nav></body></html>".utf8)) == .damagedDocument)
        // a ZIP header naming the EPUB mimetype, and nothing after it: no container to open
        var epub = Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 22) + [8, 0, 0, 0])
        epub += Data("mimetypeapplication/epub+zip".utf8) + Data(repeating: 0, count: 40)
        #expect(DocumentFormat.sniff(epub) == .epub)
        #expect(refusal(nil, epub) == .damagedDocument)
    }

    @Test func aCutOffPDFIsDamagedAndATooLargeOneTooLarge() {
        #expect(refusal(nil, Data(Self.book.pdf.prefix(300))) == .damagedDocument)
        #expect(refusal("pdf", Data(Self.book.pdf), maxBytes: 100) == .tooLarge)
    }

    @Test func anEncryptedPDFIsEncrypted() throws {
        // An /Encrypt dictionary poppler cannot open without a password (a non-empty user password).
        var pdf = Array(PDFTypesetter().document(pages: [[]], labels: []))
        let trailer = Array("trailer\n<< /Size".utf8)
        let at = try #require(Self.find(trailer, in: pdf))
        let encrypt = Array(
            "trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O <0011223344556677889900112233445566778899001122334455667788990011> /U <0011223344556677889900112233445566778899001122334455667788990011> /P -4 >> /ID [<00112233445566778899001122334455> <00112233445566778899001122334455>] /Size"
                .utf8
        )
        pdf.replaceSubrange(at..<(at + trailer.count), with: encrypt)
        #expect(refusal(nil, Data(pdf)) == .encryptedDocument)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
