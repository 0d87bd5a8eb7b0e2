import Foundation
import Logging
import Synchronization
import Testing

@testable import SamizdatService

@Suite("JSONLogHandler")
struct JSONLogHandlerTests {
    static let epoch = Date(timeIntervalSince1970: 0)

    func parse(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func oneObjectWithTheFixedKeysFirst() throws {
        let line = JSONLogHandler.render(
            ts: Self.epoch,
            level: .info,
            service: "ingest",
            instance: "vm-42",
            message: "text accepted",
            fields: ["event": "accepted", "doc.id": "d-1", "bytes.in": .int(1234), "duration.ms": .number(3.25)]
        )
        #expect(!line.contains("\n"))
        #expect(
            line.hasPrefix(
                #"{"ts":"1970-01-01T00:00:00.000Z","level":"info","service":"ingest","instance":"vm-42","event":"accepted","msg":"text accepted","#
            )
        )
        let o = try parse(line)
        #expect(o["ts"] as? String == "1970-01-01T00:00:00.000Z")
        #expect(o["level"] as? String == "info")
        #expect(o["service"] as? String == "ingest")
        #expect(o["instance"] as? String == "vm-42")
        #expect(o["event"] as? String == "accepted")
        #expect(o["msg"] as? String == "text accepted")
        #expect(o["doc.id"] as? String == "d-1")
        // Numbers logged as numbers are JSON numbers; dotted keys stay flat keys.
        #expect(o["bytes.in"] as? Int == 1234)
        #expect(o["duration.ms"] as? Double == 3.25)
        #expect(line.contains(#""bytes.in":1234,"doc.id":"d-1","duration.ms":3.250}"#))
        #expect(Set(o.keys) == ["ts", "level", "service", "instance", "event", "msg", "doc.id", "bytes.in", "duration.ms"])
    }

    @Test func fieldsFollowInKeyOrder() throws {
        let line = JSONLogHandler.render(
            ts: Self.epoch,
            level: .warning,
            service: "s",
            instance: "i",
            message: "m",
            fields: ["zeta": "1", "alpha": "2", "event": "e", "mid": "x"]
        )
        let a = try #require(line.range(of: "\"alpha\""))
        let m = try #require(line.range(of: "\"mid\""))
        let z = try #require(line.range(of: "\"zeta\""))
        #expect(a.lowerBound < m.lowerBound && m.lowerBound < z.lowerBound)
        #expect(try parse(line)["level"] as? String == "warning")
    }

    @Test func withoutAnEventTheEventIsLog() throws {
        let o = try parse(JSONLogHandler.render(ts: Self.epoch, level: .debug, service: "s", instance: "i", message: "plain", fields: [:]))
        #expect(o["event"] as? String == "log")
        #expect(o.count == 6)
    }

    @Test func quotesNewlinesAndControlCharactersAreEscaped() throws {
        let nasty = "say \"hi\"\nthen\\leave\r\tnow \u{01} é 漢 🙂"
        let line = JSONLogHandler.render(
            ts: Self.epoch,
            level: .error,
            service: "se\"rvice",
            instance: "in\nstance",
            message: nasty,
            fields: ["event": "fail\"ed", "error": .string(nasty), "we\"ird\nkey": "v"]
        )
        #expect(!line.contains("\n"))
        #expect(!line.contains("\r"))
        #expect(!line.contains("\t"))
        #expect(line.contains(#"\"hi\""#))
        #expect(line.contains(#"\n"#))
        #expect(line.contains(#"\u0001"#))
        let o = try parse(line)
        #expect(o["msg"] as? String == nasty)
        #expect(o["error"] as? String == nasty)
        #expect(o["service"] as? String == "se\"rvice")
        #expect(o["instance"] as? String == "in\nstance")
        #expect(o["event"] as? String == "fail\"ed")
        #expect(o["we\"ird\nkey"] as? String == "v")
    }

    @Test func stringsStayStringsWhateverTheyLookLike() throws {
        let o = try parse(
            JSONLogHandler.render(
                ts: Self.epoch,
                level: .info,
                service: "s",
                instance: "i",
                message: "m",
                fields: [
                    "lead": "007", "plus": "+5", "neg": "-12", "float": "1.5", "big": "99999999999999999999", "true": "true",
                    "number": .int(-12),
                ]
            )
        )
        #expect(o["lead"] as? String == "007")
        #expect(o["plus"] as? String == "+5")
        #expect(o["neg"] as? String == "-12")
        #expect(o["true"] as? String == "true")
        #expect(o["number"] as? Int == -12)
        #expect(o["float"] as? String == "1.5")
        #expect(o["big"] as? String == "99999999999999999999")
    }

    @Test func convertibleArrayAndDictionaryValues() throws {
        let fields: Logger.Metadata = [
            "count": .stringConvertible(42),
            "ratio": .stringConvertible(0.25),
            "ok": .stringConvertible(true),
            "list": .array(["a", "2", .stringConvertible(3)]),
            "map": .dictionary(["b": "x\"y", "a": "1"]),
        ]
        let line = JSONLogHandler.render(ts: Self.epoch, level: .notice, service: "s", instance: "i", message: "m", fields: fields)
        let o = try parse(line)
        #expect(o["count"] as? Int == 42)
        #expect(o["ratio"] as? Double == 0.25)
        #expect(o["ok"] as? Bool == true)
        let list = try #require(o["list"] as? [Any])
        #expect(list.count == 3)
        #expect(list[0] as? String == "a")
        #expect(list[1] as? String == "2")
        #expect(list[2] as? Int == 3)
        let map = try #require(o["map"] as? [String: Any])
        #expect(map["a"] as? String == "1")
        #expect(map["b"] as? String == "x\"y")
        #expect(line.contains(#""map":{"a":"1","b":"x\"y"}"#))
    }

    @Test func nonFiniteDoubleIsAStringNotInvalidJSON() throws {
        let o = try parse(
            JSONLogHandler.render(
                ts: Self.epoch,
                level: .info,
                service: "s",
                instance: "i",
                message: "m",
                fields: ["rate": .stringConvertible(Double.infinity), "nan": .stringConvertible(Double.nan)]
            )
        )
        #expect(o["rate"] as? String == "inf")
        #expect(o["nan"] as? String == "nan")
    }

    @Test func timestampIsUTCWithMilliseconds() {
        let t = Date(timeIntervalSince1970: 1_800_000_000.25)  // exact in binary: no rounding question
        let line = JSONLogHandler.render(ts: t, level: .info, service: "s", instance: "i", message: "m", fields: [:])
        #expect(line.hasPrefix(#"{"ts":"2027-01-15T08:00:00.250Z""#))
    }

    @Test func loggerEventPutsTheNameInTheEventField() {
        let recorder = MetadataRecorder()
        let logger = Logger(label: "test") { _ in recorder }
        logger.event("accepted", "text accepted", level: .notice, ["doc": "d"])
        let got = recorder.entries.withLock { $0 }
        #expect(got.count == 1)
        #expect(got.first?.level == .notice)
        #expect(got.first?.message == "text accepted")
        #expect(got.first?.metadata["event"] == "accepted")
        #expect(got.first?.metadata["doc"] == "d")
    }
}

/// A log handler that keeps what it is given, to look at `Logger.event`'s output without stdout.
struct MetadataRecorder: LogHandler {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    let entries = Entries()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        entries.withLock { $0.append(Entry(level: event.level, message: "\(event.message)", metadata: event.metadata ?? [:])) }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        entries.withLock { $0.append(Entry(level: level, message: "\(message)", metadata: metadata ?? [:])) }
    }
}

final class Entries: Sendable {
    private let store = Mutex<[MetadataRecorder.Entry]>([])
    func withLock<R>(_ body: (inout [MetadataRecorder.Entry]) -> R) -> R { store.withLock { body(&$0) } }
}
