import Foundation
import SamizdatModel
import Testing

@Suite struct SegmentedDocumentCodecTests {
    /// A document that uses every field, optionals both present and absent, and non-ASCII text.
    static let sample = SegmentedDocument(
        id: "d0123456789ab",
        version: 3,
        contentHash: String(repeating: "ab", count: 32),
        metadata: DocumentMetadata(title: "Kolyma Tales", author: "Varlam Shalamov", source: "kolyma.txt", externalID: "ext-7"),
        text: "Žižek, Claudín — “quoted”.\n\nA second paragraph (Orlov 2004: 5).",
        pages: [PageSpan(label: "vii", start: 0, end: 30), PageSpan(label: "", start: 30, end: 68)],
        sections: [
            Section(kind: .chapter, level: 1, title: "One", start: 0, end: 68, parent: nil, page: "vii"),
            Section(kind: .frontMatter, level: 2, title: "Ü", start: 0, end: 30, parent: 0, page: nil),
        ],
        paragraphs: [
            Paragraph(kind: .body, start: 0, end: 30, section: 1, page: "vii", lastPage: nil),
            Paragraph(kind: .blockQuote, start: 32, end: 68, section: nil, page: nil, lastPage: "viii"),
        ],
        sentences: [Sentence(start: 0, end: 30, paragraph: 0), Sentence(start: 32, end: 68, paragraph: 1)],
        notes: [Note(label: "1", text: "A note’s text.", marker: 12, section: 0, page: "vii"), Note(label: "*", text: "Unplaced.")],
        citations: [
            Citation(start: 50, end: 66, authors: ["Orlov"], year: "2004", pages: "5", ibid: false),
            Citation(start: 60, end: 64, authors: [], ibid: true),
        ],
        quotations: [Quotation(start: 15, end: 25, block: false), Quotation(start: 32, end: 68, block: true)],
        artifacts: [Artifact(kind: .pageNumber, line: 4, text: "13"), Artifact(kind: .runningHead, line: 9, text: "KOLYMA")],
        unmatchedMarkers: ["2"],
        unmatchedNotes: ["†"]
    )

    @Test func roundTripKeepsEveryField() throws {
        let encoded = SegmentedDocumentCodec.encode(Self.sample)
        #expect(try SegmentedDocumentCodec.decode(encoded) == Self.sample)
        let empty = SegmentedDocument(id: "d", version: -1, contentHash: "", metadata: DocumentMetadata(), text: "")
        #expect(try SegmentedDocumentCodec.decode(SegmentedDocumentCodec.encode(empty)) == empty)
        var extreme = Self.sample
        extreme.version = Int.max
        extreme.sentences = [Sentence(start: Int.min, end: Int.max, paragraph: 0)]
        #expect(try SegmentedDocumentCodec.decode(SegmentedDocumentCodec.encode(extreme)) == extreme)
    }

    @Test func smallerThanTheJSONForm() throws {
        let binary = SegmentedDocumentCodec.encode(Self.sample)
        let json = try WireCoding.encoder.encode(Self.sample)
        #expect(binary.count * 2 < json.count, "binary \(binary.count) bytes, JSON \(json.count)")
    }

    @Test func namedErrorsForOtherForms() {
        func refusal(_ data: Data) -> String {
            do {
                _ = try SegmentedDocumentCodec.decode(data)
                return "decoded"
            } catch {
                return error.message
            }
        }
        #expect(refusal(Data()).contains("too short"))
        #expect(refusal(Data("{\"id\":\"d\"}".utf8)).contains("is JSON"))
        var other = SegmentedDocumentCodec.encode(Self.sample)
        other[3] = 2
        #expect(refusal(other).contains("form version 2"))
        let encoded = SegmentedDocumentCodec.encode(Self.sample)
        #expect(refusal(encoded.prefix(4)).contains("id is cut off"))
        #expect(refusal(encoded.dropLast(1)).contains("more than the bytes left hold"))
        #expect(refusal(encoded + Data([0])).contains("followed by 1 more bytes"))
    }

    /// 100,000 mutated and random bodies through the decoder: each is a document or a
    /// ProtocolError, never a trap, and a forged count never allocates beyond the bytes given.
    @Test func fuzzDecoderNeverTraps() {
        var rng = SplitMix(seed: 11)
        let valid = [UInt8](SegmentedDocumentCodec.encode(Self.sample))
        var decoded = 0
        var refused = 0
        for round in 0..<100_000 {
            var bytes: [UInt8]
            if round % 4 != 3 {
                bytes = valid
                for _ in 0..<(1 + rng.next() % 4) {
                    switch rng.next() % 4 {
                    case 0 where !bytes.isEmpty: bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                    case 1 where !bytes.isEmpty: bytes.removeLast(Int(rng.next() % UInt64(bytes.count)))
                    case 2: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: Int(rng.next() % UInt64(bytes.count + 1)))
                    default:
                        if !bytes.isEmpty { bytes[Int(rng.next() % UInt64(bytes.count))] = 0xFF }
                    }
                }
            } else {
                bytes = Array("SZD".utf8) + [1] + (0..<(rng.next() % 48)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            do {
                _ = try SegmentedDocumentCodec.decode(Data(bytes))
                decoded += 1
            } catch {
                refused += 1
            }
        }
        #expect(decoded + refused == 100_000)
        #expect(refused > 50_000)
    }
}
