import Foundation
import Logging

extension Logger {
    /// Logs a named event with fields: `logger.event("accepted", "stored", ["doc.id": "…", "bytes.in": .int(12)])`.
    public func event(_ name: String, _ message: String, level: Logger.Level = .info, _ fields: Logger.Metadata = [:]) {
        var m = fields
        m["event"] = .string(name)
        log(level: level, "\(message)", metadata: m)
    }
}

extension Logger.MetadataValue {
    /// An integer field: a JSON number in the log line.
    public static func int(_ value: Int) -> Logger.MetadataValue { .stringConvertible(value) }
    /// A floating-point field: a JSON number with three decimals (a string when not finite).
    public static func number(_ value: Double) -> Logger.MetadataValue { .stringConvertible(value) }
    /// A Boolean field: a JSON `true` or `false`.
    public static func bool(_ value: Bool) -> Logger.MetadataValue { .stringConvertible(value) }
}

public enum SamizdatLogging {
    /// Bootstraps swift-log once per process with the JSON handler.
    public static func bootstrap(service: String, instance: String, level: Logger.Level) {
        LoggingSystem.bootstrap { _ in
            var h = JSONLogHandler(service: service, instance: instance)
            h.logLevel = level
            return h
        }
    }

    /// Host name plus pid: unique per replica, stable in its logs.
    public static var defaultInstance: String {
        "\(ProcessInfo.processInfo.hostName.split(separator: ".").first ?? "host")-\(getpid())"
    }
}
