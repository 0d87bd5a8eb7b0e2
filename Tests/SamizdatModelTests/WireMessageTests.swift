import Foundation
import Testing

@testable import SamizdatModel

@Suite struct WireMessageTests {
    func frames(_ parts: String...) -> [Data] { parts.map { Data($0.utf8) } }

    @Test func roundTripAddsVersionAndKeepsFields() throws {
        let m = try WireMessage(.ingest, IngestHeader(req: "r1", title: "T", externalID: "x"), body: [Data("text".utf8)])
        let back = try WireMessage.decode(m.frames)
        #expect(back.kind == .ingest)
        #expect(back.body == [Data("text".utf8)])
        let h = try back.header(as: IngestHeader.self)
        #expect(h == IngestHeader(req: "r1", title: "T", externalID: "x"))
        let object = try #require(try JSONSerialization.jsonObject(with: back.header) as? [String: Any])
        #expect(object["v"] as? Int == 1)
        #expect(object["external_id"] as? String == "x")
        #expect(back.requestID == "r1")
    }

    @Test func emptyHeaderStillCarriesVersion() throws {
        struct Empty: Encodable {}
        let m = try WireMessage(.ping, Empty())
        #expect(String(decoding: m.header, as: UTF8.self) == "{\"v\":1}")
        _ = try WireMessage.decode(m.frames)
    }

    @Test(arguments: [
        ([] as [String], ProtocolError.Code.truncatedMessage),
        (["ingest"], .truncatedMessage),
        (["nonsense", "{\"v\":1}"], .unknownKind),
        (["ingest", "not json"], .badHeader),
        (["ingest", "[1,2]"], .badHeader),
        (["ingest", "{}"], .wrongVersion),
        (["ingest", "{\"v\":\"1\"}"], .wrongVersion),
        (["ingest", "{\"v\":true}"], .wrongVersion),
        (["ingest", "{\"v\":2}"], .wrongVersion),
    ])
    func malformedMessagesGetNamedErrors(parts: [String], code: ProtocolError.Code) {
        #expect(throws: ProtocolError.self) { try WireMessage.decode(parts.map { Data($0.utf8) }) }
        do { _ = try WireMessage.decode(parts.map { Data($0.utf8) }) } catch { #expect(error.code == code) }
    }

    @Test func wrongFieldTypeNamesTheField() throws {
        let m = try WireMessage.decode(frames("ingest", "{\"v\":1,\"title\":5}"))
        do {
            _ = try m.header(as: IngestHeader.self)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .badHeader)
            #expect(error.message.contains("title"))
        }
    }

    @Test func requestIDSurvivesAMalformedHeader() {
        #expect(WireMessage.requestID(inFrames: frames("bogus", "{\"req\":\"abc\"}")) == "abc")
        #expect(WireMessage.requestID(inFrames: frames("bogus", "garbage")) == nil)
    }

    @Test func envelopeSplitsDealerAndReqRoutes() {
        let id = Data([0, 1, 2])
        let (e1, r1) = Envelope.split([id, Data("ping".utf8), Data("{}".utf8)])
        #expect(e1.route == [id])
        #expect(r1.count == 2)
        let (e2, r2) = Envelope.split([id, Data(), Data("ping".utf8), Data("{}".utf8)])
        #expect(e2.route == [id, Data()])
        #expect(r2.count == 2)
    }

    /// 100,000 random and mutated messages through the decoder: each is a message or a ProtocolError, never a crash.
    @Test func fuzzDecoderNeverTraps() throws {
        var rng = SplitMix(seed: 7)
        let valid = try WireMessage(.ingest, IngestHeader(req: "r", title: "t"), body: [Data("hello".utf8)]).frames
        var decoded = 0
        var refused = 0
        for i in 0..<100_000 {
            var fs: [Data]
            if i % 2 == 0 {
                fs = valid
                for _ in 0..<(1 + rng.next() % 4) {
                    let f = Int(rng.next() % UInt64(fs.count))
                    var bytes = [UInt8](fs[f])
                    switch rng.next() % 4 {
                    case 0 where !bytes.isEmpty: bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                    case 1 where !bytes.isEmpty: bytes.removeLast(Int(rng.next() % UInt64(bytes.count)))
                    case 2: bytes.append(UInt8(truncatingIfNeeded: rng.next()))
                    default: fs.removeLast(Int(rng.next() % UInt64(fs.count)))
                    }
                    if f < fs.count { fs[f] = Data(bytes) }
                    if fs.isEmpty { break }
                }
            } else {
                fs = (0..<(rng.next() % 4)).map { _ in Data((0..<(rng.next() % 24)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }) }
            }
            do {
                let m = try WireMessage.decode(fs)
                _ = try? m.header(as: IngestHeader.self)
                decoded += 1
            } catch { refused += 1 }
        }
        #expect(decoded + refused == 100_000)
        #expect(refused > 50_000)
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
