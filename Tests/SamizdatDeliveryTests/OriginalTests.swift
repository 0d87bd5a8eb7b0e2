import Foundation
import GRDB
import SamizdatDelivery
import SamizdatModel
import Testing

/// A file's original bytes (a PDF) go into the journal in the accepting commit, come back byte for
/// byte with their format when the version is dispatched or after a restart, count as duplicates
/// by their hash, and go when the document is deleted.
@Suite struct OriginalTests {
    static let pdf = Data("%PDF-1.4\n% not a real one, the journal does not open it\n".utf8) + Data([0x00, 0xFF, 0x80, 0x0A])

    func accept(_ fixture: DeliveryFixture, _ bytes: Data, req: String? = nil) throws -> IngestOutcome {
        let request = IngestRequest(req: req, metadata: DocumentMetadata(title: "b", source: "b.pdf"), original: bytes, format: .pdf)
        return try fixture.core.accept([request])[0]
    }

    @Test func theOriginalComesBackByteForByteWithItsFormatAfterARestart() throws {
        let fixture = try DeliveryFixture()
        guard case .accepted(let key, let hash, let bytes, isNew: true) = try accept(fixture, Self.pdf) else {
            Issue.record("not accepted")
            return
        }
        #expect(hash == ContentHash.sha256(Self.pdf))
        #expect(bytes == Self.pdf.count)
        try fixture.restart()
        let document = try #require(try fixture.journal.document(key))
        #expect(document.format == .pdf)
        #expect(document.original == Self.pdf)
        #expect(document.text.isEmpty)
        #expect(WorkHeader(document: document, attempt: 1).format == .pdf)
    }

    @Test func theSameBytesAgainAreADuplicate() throws {
        let fixture = try DeliveryFixture()
        guard case .accepted(let key, _, _, _) = try accept(fixture, Self.pdf) else {
            Issue.record("not accepted")
            return
        }
        #expect(try accept(fixture, Self.pdf) == .duplicate(key))
    }

    @Test func deletingTheDocumentRemovesItsOriginal() throws {
        let fixture = try DeliveryFixture()
        guard case .accepted(let key, _, _, _) = try accept(fixture, Self.pdf) else {
            Issue.record("not accepted")
            return
        }
        #expect(try fixture.journal.delete(id: key.id))
        #expect(try fixture.journal.document(key) == nil)
        let count = try DatabaseQueue(path: fixture.journalPath).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM originals") }
        #expect(count == 0)
    }

    @Test func aTextHasNoFormatInItsWorkHeader() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("plain text stays text")
        let document = try #require(try fixture.journal.document(key))
        #expect(document.format == .text)
        #expect(document.original == nil)
        #expect(WorkHeader(document: document, attempt: 1).format == nil)
    }
}
