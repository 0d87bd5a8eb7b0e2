import Foundation
import Logging

extension Logger {
    /// Logs a named event with fields: `logger.event("accepted", "stored", ["doc": "…"])`.
    public func event(_ name: String, _ message: String, level: Logger.Level = .info, _ fields: Logger.Metadata = [:]) {
        var m = fields
        m["event"] = .string(name)
        log(level: level, "\(message)", metadata: m)
    }
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
