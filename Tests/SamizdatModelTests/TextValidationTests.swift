import Foundation
import Testing

@testable import SamizdatModel

@Suite struct TextValidationTests {
    func code(_ body: [UInt8], max: Int = 1000) -> ProtocolError.Code? {
        do {
            _ = try TextValidation.text(from: Data(body), maxBytes: max)
            return nil
        } catch { return error.code }
    }

    @Test func acceptsUTF8() throws {
        #expect(try TextValidation.text(from: Data("Žižek, Claudín — “quoted”".utf8), maxBytes: 1000) == "Žižek, Claudín — “quoted”")
    }

    @Test func namesEachRefusal() {
        #expect(code([]) == .emptyText)
        #expect(code(Array(" \n\t ".utf8)) == .emptyText)
        #expect(code(Array("ab".utf8) + [0] + Array("c".utf8)) == .binaryContent)
        #expect(code(Array("abc".utf8) + [0xC3]) == .invalidUTF8)
        #expect(code(Array(repeating: UInt8(ascii: "a"), count: 11), max: 10) == .tooLarge)
    }

    @Test func invalidUTF8ReportsTheFirstBadByte() {
        let bytes = Array("Zürich ".utf8) + [0xE9] + Array(" x".utf8)  // latin-1 é
        do { _ = try TextValidation.text(from: Data(bytes), maxBytes: 100) } catch {
            #expect(error.code == .invalidUTF8)
            #expect(error.offset == 8)
        }
        #expect(TextValidation.firstInvalidUTF8(Array("ok ü".utf8)) == nil)
        #expect(TextValidation.firstInvalidUTF8([0x61, 0xED, 0xA0, 0x80]) == 1)  // encoded surrogate
    }

    @Test func metadataChecks() {
        #expect(throws: ProtocolError.self) { try TextValidation.check(IngestHeader(title: String(repeating: "x", count: 5000))) }
        #expect(throws: ProtocolError.self) { try TextValidation.check(IngestHeader(author: "a\u{7}b")) }
        #expect(throws: ProtocolError.self) { try TextValidation.check(IngestHeader(externalID: "")) }
        #expect(throws: Never.self) { try TextValidation.check(IngestHeader(title: "Fine\ttitle", externalID: "e1")) }
    }
}

@Suite struct SegmentedDocumentTests {
    @Test func pageLookupAndSlices() {
        let doc = SegmentedDocument(
            id: "d",
            version: 1,
            contentHash: "",
            metadata: DocumentMetadata(),
            text: "één twee drie",
            pages: [PageSpan(label: "vii", start: 0, end: 5), PageSpan(label: "1", start: 5, end: 15)]
        )
        #expect(doc.page(at: 0) == "vii")
        #expect(doc.page(at: 5) == "1")
        #expect(doc.page(at: 14) == "1")
        #expect(doc.slice(0, 5) == "één")
    }

    @Test func contentHashIsSHA256() {
        #expect(ContentHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite struct JSONTextTests {
    @Test func quotesEscapeQuotesBackslashesAndControlCharacters() throws {
        let s = "a \"b\" \\ c\nd\re\tf\u{1}g\u{1F}h Žižek “x”"
        let quoted = JSONText.quote(s)
        #expect(quoted == #""a \"b\" \\ c\nd\re\tf\u0001g\u001fh Žižek “x”""#)
        // what a JSON parser reads back is the string itself
        let back = try JSONDecoder().decode(String.self, from: Data(quoted.utf8))
        #expect(back == s)
        var bytes: [UInt8] = []
        JSONText.appendQuoted(s, to: &bytes)
        #expect(bytes == Array(quoted.utf8))
    }
}
