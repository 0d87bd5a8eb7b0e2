import Foundation
import SamizdatIndex
import SamizdatService
import ZeroMQ

/// A test hook: `SAMIZDAT_TEST_COMMIT_PAUSE_MS` holds each write transaction open that long.
func commitPauseMs() throws -> Int {
    guard let value = ProcessInfo.processInfo.environment["SAMIZDAT_TEST_COMMIT_PAUSE_MS"] else { return 0 }
    guard let milliseconds = Int(value), milliseconds >= 0 else {
        throw IndexStartError("SAMIZDAT_TEST_COMMIT_PAUSE_MS must be a whole number of milliseconds ≥ 0, not '\(value)'")
    }
    return milliseconds
}

/// Why index cannot start.
struct IndexStartError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

await ServiceMain.run(service: .index) { config, logger, context, security in
    try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)
    let pause = try commitPauseMs()
    if pause > 0 {
        logger.event("test_hook", "every commit holds its transaction open \(pause) ms", level: .warning, ["pause.ms": .int(pause)])
    }
    let store = try CorpusStore(path: config.dataDir + "/index.sqlite", commitPauseMs: pause)
    let metrics = IndexMetrics()
    return [
        // the writer first: it binds the inproc endpoint the query thread connects to
        LoopService(name: "index-writer") { stop in
            try IndexLoop(config: config, logger: logger, store: store, context: context, security: security, metrics: metrics).run(stop: stop)
        },
        LoopService(name: "index-queries") { stop in
            try QueryLoop(config: config, logger: logger, store: store, context: context, security: security, metrics: metrics).run(stop: stop)
        },
    ]
}
