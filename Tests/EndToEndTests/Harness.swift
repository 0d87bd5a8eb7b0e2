import Foundation
import SamizdatService
import Testing

/// Runs the real executables: finds them beside the test bundle, picks free loopback ports,
/// keeps data in a temporary directory and stops everything at the end.
final class Harness: @unchecked Sendable {
    let bin: String
    let dir: URL
    let basePort: Int
    let httpPort: Int
    private var up: Process?
    let log: URL

    init(workers: Int = 2, environment: [String: String] = [:]) throws {
        bin = try Self.binDirectory()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        basePort = try LoopbackPorts.freeRange(count: 7)
        httpPort = try LoopbackPorts.freeRange(count: 1, avoiding: basePort..<(basePort + 7))
        log = dir.appendingPathComponent("up.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "\(bin)/samizdat")
        p.arguments = [
            "up", "--data-dir", dir.appendingPathComponent("data").path, "--base-port", "\(basePort)",
            "--http-port", "\(httpPort)", "--workers", "\(workers)", "--bin-dir", bin,
        ]
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = try FileHandle(forWritingTo: log)
        p.standardOutput = out
        p.standardError = out
        try p.run()
        up = p
    }

    var ingestEndpoint: String { "tcp://127.0.0.1:\(basePort)" }
    /// The CurveZMQ keys `samizdat up` made: every service's, and the admin client key `client.key`.
    var keysDirectory: String { dir.appendingPathComponent("data/keys").path }
    var indexQueriesEndpoint: String { "tcp://127.0.0.1:\(basePort + 4)" }
    /// A key of this stack's directory: the admin client's, or a service's (`report`, `segment`, …).
    func credentials(_ name: String = "client") throws -> ClientCredentials {
        try ClientCredentials.load(directory: keysDirectory, name: name)
    }

    /// The environment the CLI runs with: this stack's keys.
    var cliEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.merging(["SAMIZDAT_KEYS": keysDirectory]) { $1 }
    }
    var reportEndpoint: String { "tcp://127.0.0.1:\(basePort + 6)" }

    /// Runs the CLI against this pipeline; returns exit status, stdout and stderr.
    @discardableResult
    func cli(_ args: [String], stdin: Data? = nil) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "\(bin)/samizdat")
        p.arguments = args + ["--ingest", ingestEndpoint, "--report", reportEndpoint]
        if ["segment", "corpus", "ping", "keys"].contains(args.first ?? "") { p.arguments = args }
        p.environment = cliEnvironment
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        if let stdin {
            let inp = Pipe()
            p.standardInput = inp
            try p.run()
            inp.fileHandleForWriting.write(stdin)
            try inp.fileHandleForWriting.close()
        } else {
            p.standardInput = FileHandle.nullDevice
            try p.run()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Polls until `check` holds or `seconds` pass.
    func eventually(_ seconds: Double = 30, _ check: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try check() { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return try check()
    }

    func json(_ s: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any] ?? [:]
    }

    /// Pids of `samizdat up`'s children running `samizdat-NAME`.
    func childPIDs(_ name: String) -> [Int32] {
        guard let up else { return [] }
        return LoopbackPorts.childPIDs(of: up.processIdentifier, service: name)
    }

    /// Starts the CLI without waiting; read its output after `waitUntilExit`.
    func startCLI(_ args: [String], output: URL) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "\(bin)/samizdat")
        p.arguments = args + ["--ingest", ingestEndpoint, "--report", reportEndpoint]
        p.environment = cliEnvironment
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let h = try FileHandle(forWritingTo: output)
        p.standardOutput = h
        p.standardError = h
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// SIGTERM to `samizdat up`, which stops its children; returns whether all stopped in time.
    @discardableResult
    func stop() -> Bool {
        guard let p = up, p.isRunning else { return true }
        p.terminate()
        let deadline = Date().addingTimeInterval(20)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            return false
        }
        return true
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: dir)
    }

    static func binDirectory() throws -> String {
        if let d = ProcessInfo.processInfo.environment["SAMIZDAT_BIN_DIR"] { return d }
        var candidates: [String] = []
        if let exe = Bundle.main.executablePath { candidates.append((exe as NSString).deletingLastPathComponent) }
        candidates.append((CommandLine.arguments[0] as NSString).deletingLastPathComponent)
        candidates.append(Bundle.main.bundlePath)
        candidates.append((Bundle.main.bundlePath as NSString).deletingLastPathComponent)
        for c in candidates where FileManager.default.isExecutableFile(atPath: "\(c)/samizdat-ingest") { return c }
        throw HarnessError("cannot find the samizdat executables near \(candidates); build first or set SAMIZDAT_BIN_DIR")
    }

}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
