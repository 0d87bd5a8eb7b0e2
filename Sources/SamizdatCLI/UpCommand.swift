import ArgumentParser
import Foundation
import SamizdatService
import Synchronization

extension Samizdat {
    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole pipeline locally: ingest, index, report and segment workers as child processes on loopback.",
            discussion: """
                Each service's log lines are prefixed with its name. A service that dies is restarted (with backoff),
                as compose's restart policy would. Ctrl-C or SIGTERM stops them all cleanly.
                """
        )

        @Option(help: "Data directory: ingest's journal and index's store live under it.") var dataDir = "./data"
        @Option(help: "First of seven consecutive ZeroMQ ports (ingest client, work, acks; index intake, queries, events; report client).")
        var basePort = 5550
        @Option(help: "report's HTTP port.") var httpPort = 8080
        @Option(help: "Segment workers to run.") var workers = 2
        @Option(help: "Directory holding the samizdat-* executables (default: beside this one).") var binDir: String?
        @Flag(help: "Plain sockets without CurveZMQ keys: anyone who reaches a port may ingest, query and delete.")
        var insecure = false

        func validate() throws {
            guard (1...65528).contains(basePort) else { throw ValidationError("--base-port must leave room for seven ports") }
            guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        }

        func run() async throws {
            let bin = binDir ?? Self.executableDirectory()
            for s in ["ingest", "segment", "index", "report"] where !FileManager.default.isExecutableFile(atPath: "\(bin)/samizdat-\(s)") {
                throw ValidationError("cannot find \(bin)/samizdat-\(s); build with `swift build` or pass --bin-dir")
            }
            // a port held by another process would have the services restarted forever while the
            // CLI talks to whatever holds it: refuse to start instead
            let ports = [
                (basePort, "ingest client"), (basePort + 1, "ingest work"), (basePort + 2, "ingest acks"), (basePort + 3, "index intake"),
                (basePort + 4, "index queries"), (basePort + 5, "index events"), (basePort + 6, "report client"), (httpPort, "report HTTP"),
            ]
            let taken = ports.filter { !LoopbackPorts.isFree($0.0) }
            if !taken.isEmpty {
                let names = taken.map { "\($0.0) (\($0.1))" }.joined(separator: ", ")
                throw fail(
                    UpError(
                        "port\(taken.count == 1 ? "" : "s") \(names) on 127.0.0.1 \(taken.count == 1 ? "is" : "are") in use: stop what holds \(taken.count == 1 ? "it" : "them") (another `samizdat up`?) or choose --base-port and --http-port"
                    )
                )
            }
            let data = URL(fileURLWithPath: dataDir).standardizedFileURL.path
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let p = basePort
            let host = "127.0.0.1"
            func at(_ n: Int) -> String { "tcp://\(host):\(p + n)" }
            // CurveZMQ keys per data directory, made once and kept: the services' key pairs, and an admin
            // client key `client.key` for the CLI on this machine.
            let keysDirectory = data + "/keys"
            var security = ["SAMIZDAT_INSECURE": "true"]
            if !insecure {
                do { _ = try KeyDirectory.generate(directory: keysDirectory, client: "client", role: .admin) } catch { throw fail(error) }
                security = ["SAMIZDAT_KEYS_DIR": keysDirectory]
            }
            let common = security.merging([
                "SAMIZDAT_INGEST_CLIENT": at(0), "SAMIZDAT_INGEST_WORK": at(1), "SAMIZDAT_INGEST_ACKS": at(2),
                "SAMIZDAT_INDEX_INTAKE": at(3), "SAMIZDAT_INDEX_QUERIES": at(4), "SAMIZDAT_INDEX_EVENTS": at(5),
                "SAMIZDAT_REPORT_CLIENT": at(6),
                "SAMIZDAT_SEGMENT_INGEST": at(1), "SAMIZDAT_SEGMENT_INDEX": at(3), "SAMIZDAT_SEGMENT_ACKS": at(2),
                "SAMIZDAT_INDEX_ACKS": at(2),
                "SAMIZDAT_REPORT_INGEST": at(0), "SAMIZDAT_REPORT_INDEX": at(4), "SAMIZDAT_REPORT_EVENTS": at(5),
                "SAMIZDAT_REPORT_HTTP_HOST": host, "SAMIZDAT_REPORT_HTTP_PORT": "\(httpPort)",
            ]) { $1 }
            var specs = [
                ChildSpec(
                    name: "ingest",
                    executable: "\(bin)/samizdat-ingest",
                    environment: common.merging(["SAMIZDAT_DATA_DIR": data + "/ingest", "SAMIZDAT_INSTANCE": "ingest"]) { $1 }
                ),
                ChildSpec(
                    name: "index",
                    executable: "\(bin)/samizdat-index",
                    environment: common.merging(["SAMIZDAT_DATA_DIR": data + "/index", "SAMIZDAT_INSTANCE": "index"]) { $1 }
                ),
                ChildSpec(name: "report", executable: "\(bin)/samizdat-report", environment: common.merging(["SAMIZDAT_INSTANCE": "report"]) { $1 }),
            ]
            for i in 1...workers {
                specs.append(
                    ChildSpec(
                        name: "segment-\(i)",
                        executable: "\(bin)/samizdat-segment",
                        environment: common.merging(["SAMIZDAT_INSTANCE": "segment-\(i)"]) { $1 }
                    )
                )
            }
            let supervisor = Supervisor(specs: specs)
            let keysLine =
                insecure
                ? "  --insecure: plain sockets, no keys (use the CLI with --insecure)"
                : "  keys    \(keysDirectory)   (the CLI reads client.key there: export SAMIZDAT_KEYS=\(keysDirectory))"
            supervisor.say(
                """
                samizdat up: data in \(data)
                \(keysLine)
                  ingest  client \(at(0))   (samizdat ingest --ingest \(at(0)) …)
                  report  client \(at(6))   http://\(host):\(httpPort)/   /metrics   /healthz
                  index   queries \(at(4))  events \(at(5))
                  segment ×\(workers)
                Ctrl-C stops everything.
                """
            )
            await supervisor.run()
        }

        static func executableDirectory() -> String {
            let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
            return (URL(fileURLWithPath: path).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
        }
    }
}

/// Why `samizdat up` cannot start.
struct UpError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

struct ChildSpec: Sendable {
    var name: String
    var executable: String
    var environment: [String: String]
}

/// Starts the children, prefixes their output, restarts the ones that die, and stops them all on a signal.
final class Supervisor: Sendable {
    let specs: [ChildSpec]
    private let running = Mutex<[String: Process]>([:])
    private let stopping = Atomic<Bool>(false)
    private let out = Mutex(())
    private let width: Int

    init(specs: [ChildSpec]) {
        self.specs = specs
        width = specs.map(\.name.count).max() ?? 6
    }

    func say(_ text: String, prefix: String = "up") {
        out.withLock { _ in
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                FileHandle.standardOutput.write(Data("\(prefix.padding(toLength: width, withPad: " ", startingAt: 0)) | \(line)\n".utf8))
            }
        }
    }

    func run() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        // Cancelled at the end: this also keeps the sources alive (an optimised build would
        // otherwise release them right after setup, and the signals would never be seen).
        defer {
            for source in signals {
                source.cancel()
            }
        }
        let (stream, cont) = AsyncStream<Int32>.makeStream()
        for (s, n) in zip(signals, [SIGINT, SIGTERM]) {
            s.setEventHandler { cont.yield(n) }
            s.resume()
        }
        await withTaskGroup(of: Void.self) { group in
            for spec in specs { group.addTask { await self.keepRunning(spec) } }
            for await sig in stream {
                say("received \(sig == SIGINT ? "SIGINT" : "SIGTERM"); stopping all services")
                stopping.store(true, ordering: .releasing)
                // Workers first, so they stop asking for work; then the rest.
                let procs = running.withLock { $0 }
                for (name, p) in procs where name.hasPrefix("segment") && p.isRunning { p.terminate() }
                try? await Task.sleep(for: .milliseconds(300))
                for (_, p) in procs where p.isRunning { p.terminate() }
                let deadline = ContinuousClock.now + .seconds(8)
                while ContinuousClock.now < deadline, running.withLock({ $0.values.contains { $0.isRunning } }) {
                    try? await Task.sleep(for: .milliseconds(100))
                }
                for (name, p) in running.withLock({ $0 }) where p.isRunning {
                    say("\(name) did not stop in time; killing it")
                    kill(p.processIdentifier, SIGKILL)
                }
                break
            }
            cont.finish()
            await group.waitForAll()
        }
        say("all services stopped")
    }

    private func keepRunning(_ spec: ChildSpec) async {
        var backoff = Duration.milliseconds(500)
        while !stopping.load(ordering: .acquiring) {
            let started = ContinuousClock.now
            let status = await runOnce(spec)
            if stopping.load(ordering: .acquiring) { break }
            if ContinuousClock.now - started > .seconds(30) { backoff = .milliseconds(500) }
            say("\(spec.name) exited (\(status)); restarting in \(backoff)", prefix: "up")
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(10))
        }
    }

    private func runOnce(_ spec: ChildSpec) async -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: spec.executable)
        p.environment = ProcessInfo.processInfo.environment.merging(spec.environment) { $1 }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        let buffer = Mutex(Data())
        pipe.fileHandleForReading.readabilityHandler = { [self] h in
            let chunk = h.availableData
            let lines: [String] = buffer.withLock { b in
                b.append(chunk)
                var out: [String] = []
                while let nl = b.firstIndex(of: 0x0A) {
                    out.append(String(decoding: b[b.startIndex..<nl], as: UTF8.self))
                    b.removeSubrange(b.startIndex...nl)
                }
                if chunk.isEmpty, !b.isEmpty {
                    out.append(String(decoding: b, as: UTF8.self))
                    b.removeAll()
                }
                return out
            }
            for l in lines { say(l, prefix: spec.name) }
            if chunk.isEmpty { h.readabilityHandler = nil }
        }
        return await withCheckedContinuation { (c: CheckedContinuation<String, Never>) in
            p.terminationHandler = { proc in
                let why = proc.terminationReason == .uncaughtSignal ? "signal \(proc.terminationStatus)" : "status \(proc.terminationStatus)"
                c.resume(returning: why)
            }
            do {
                try p.run()
                running.withLock { $0[spec.name] = p }
            } catch {
                p.terminationHandler = nil
                c.resume(returning: "could not start: \(error)")
            }
        }
    }
}
