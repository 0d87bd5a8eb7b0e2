import Foundation
import Logging
import SamizdatModel
import Synchronization

/// A swift-log handler that writes one JSON object per line to stdout:
/// `ts, level, service, instance, event, msg` and then the event's own fields.
/// Metadata key `event` names the event; every other metadata key becomes a field.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let service: String
    let instance: String

    private static let output = Mutex(())

    public init(service: String, instance: String) {
        self.service = service
        self.instance = instance
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let line = Self.render(
            ts: Date(),
            level: event.level,
            service: service,
            instance: instance,
            message: "\(event.message)",
            fields: fields
        )
        Self.output.withLock { _ in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    public func log(
        level: Logger.Level,
        message: Logger.Message,
        metadata: Logger.Metadata?,
        source: String,
        file: String,
        function: String,
        line: UInt
    ) {
        log(event: LogEvent(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line))
    }

    /// The JSON line for one event; keys in a fixed order so logs diff well.
    static func render(ts: Date, level: Logger.Level, service: String, instance: String, message: String, fields: Logger.Metadata) -> String {
        var parts: [String] = []
        parts.append("\"ts\":\(quote(timestamp(ts)))")
        parts.append("\"level\":\(quote(level.rawValue))")
        parts.append("\"service\":\(quote(service))")
        parts.append("\"instance\":\(quote(instance))")
        var f = fields
        let event = f.removeValue(forKey: "event").map { "\($0)" } ?? "log"
        parts.append("\"event\":\(quote(event))")
        parts.append("\"msg\":\(quote(message))")
        for key in f.keys.sorted() {
            parts.append("\(quote(key)):\(json(f[key]!))")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// A field's value as JSON, keeping its type: a string is always a JSON string (`"007"`,
    /// `"-12"` alike), an integer or finite floating-point number a JSON number, a Bool a JSON
    /// boolean. Log numbers with `.int(…)`, `.number(…)` (or `.stringConvertible`), not as strings.
    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text):
            return quote(text)
        case .stringConvertible(let convertible):
            if let integer = convertible as? any BinaryInteger {
                return "\(integer)"
            }
            if let bool = convertible as? Bool {
                return bool ? "true" : "false"
            }
            if let number = convertible as? any BinaryFloatingPoint {
                let double = Double(number)
                return double.isFinite ? String(format: "%.3f", double) : quote("\(convertible)")
            }
            return quote("\(convertible)")
        case .array(let values):
            return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            return "{" + dictionary.keys.sorted().map { "\(quote($0)):\(json(dictionary[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String { JSONText.quote(s) }

    static func timestamp(_ date: Date) -> String {
        let f = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return date.formatted(f)
    }
}
