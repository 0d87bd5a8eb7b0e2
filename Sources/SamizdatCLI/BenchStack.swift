import Foundation
import SamizdatService

/// A private pipeline for a bench: `samizdat up` on free loopback ports with a temporary data
/// directory (removed by `stop`), fed with `samizdat ingest`.
final class BenchStack {
    let directory: URL
    let basePort: Int
    let httpPort: Int
    private let up: Process

    init(workers: Int) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        basePort = try LoopbackPorts.freeRange(count: 7)
        httpPort = try LoopbackPorts.freeRange(count: 1, avoiding: basePort..<(basePort + 7))
        up = Process()
        up.executableURL = Self.executable
        up.arguments = [
            "up", "--data-dir", directory.appendingPathComponent("data").path, "--base-port", "\(basePort)", "--http-port", "\(httpPort)",
            "--workers", "\(workers)",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["SAMIZDAT_LOG_LEVEL"] = environment["SAMIZDAT_LOG_LEVEL"] ?? "warning"
        up.environment = environment
        let log = directory.appendingPathComponent("up.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        up.standardOutput = handle
        up.standardError = handle
        try up.run()
    }

    /// The keys `samizdat up` made for this stack.
    var keysDirectory: String { directory.appendingPathComponent("data/keys").path }

    static var executable: URL {
        URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
    }

    /// Sends `files` with `samizdat ingest` and waits for it; a text refused is an error.
    func ingest(_ files: [String]) throws {
        let ingest = Process()
        ingest.executableURL = Self.executable
        ingest.arguments =
            ["ingest", "--quiet", "--ingest", "tcp://127.0.0.1:\(basePort)", "--report", "tcp://127.0.0.1:\(basePort + 6)"] + files
        ingest.standardOutput = FileHandle.nullDevice
        ingest.environment = ProcessInfo.processInfo.environment.merging(["SAMIZDAT_KEYS": keysDirectory]) { $1 }
        try ingest.run()
        ingest.waitUntilExit()
        guard ingest.terminationStatus == 0 else {
            throw BenchError("samizdat ingest refused some of the \(files.count) texts (exit \(ingest.terminationStatus))")
        }
    }

    /// SIGTERM to `up` (it stops its services), SIGKILL after 20 s; removes the data directory.
    func stop() {
        if up.isRunning {
            up.terminate()
        }
        let until = Date().addingTimeInterval(20)
        while up.isRunning && Date() < until {
            usleep(100_000)
        }
        if up.isRunning {
            kill(up.processIdentifier, SIGKILL)
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
