import ArgumentParser
import Foundation
import SamizdatModel
import SamizdatService

extension Samizdat {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts per state, backlog, workers and their heartbeats, failures, documents in the index."
        )

        @Flag(help: "Print the status as JSON.") var json = false
        @Flag(help: "A live view: rates, backlog, workers and p99s from the services' metrics, every --interval seconds until Ctrl-C.")
        var watch = false
        @Option(help: "Seconds between two frames of --watch.") var interval: Double = 1
        @Option(help: "With --watch: stop after this many frames (0: until Ctrl-C).") var frames: Int = 0
        @OptionGroup var services: ServiceOptions

        func validate() throws {
            if watch && json {
                throw ValidationError("--watch and --json exclude each other")
            }
            if !(interval > 0 && interval <= 3600) {
                throw ValidationError("--interval must be more than 0 and at most 3600 seconds, not \(interval)")
            }
            if frames < 0 {
                throw ValidationError("--frames must be 0 (no limit) or more, not \(frames)")
            }
            if !watch && frames != 0 {
                throw ValidationError("--frames needs --watch")
            }
        }

        func run() async throws {
            if watch {
                let client: RequestClient
                do { client = try services.client(.report, endpoint: services.report) } catch { throw fail(error) }
                await StatusWatch(
                    client: client,
                    timeout: services.timeoutDuration,
                    interval: .milliseconds(Int(interval * 1000)),
                    frames: frames,
                    isTTY: Terminal.isTTY
                )
                .run()
                await client.close()
                return
            }
            let s: SystemStatus
            do { s = try await services.ask(.status, as: SystemStatus.self) } catch { throw fail(error) }
            if json {
                try printJSON(s)
                return
            }
            if let p = s.pipeline {
                let order = ["accepted", "dispatched", "indexed", "failed"]
                print("texts     " + order.map { "\($0) \(p.states[$0] ?? 0)" }.joined(separator: "   "))
                print(
                    "backlog   \(p.backlog)   redeliveries \(p.redeliveries)   accepted/s \(String(format: "%.1f", p.acceptedPerSecond))   indexed/s \(String(format: "%.1f", p.indexedPerSecond))"
                )
                print("workers   \(p.workers.count)")
                for w in p.workers {
                    print(
                        "  \(w.id.padding(toLength: 28, withPad: " ", startingAt: 0)) heartbeat \(w.lastHeartbeatMsAgo) ms ago   in flight \(w.inFlight)   credit \(w.credit)   done \(w.processed)"
                    )
                }
                if !p.failures.isEmpty {
                    print("failures")
                    for f in p.failures { print("  \(f.doc) v\(f.version) \(f.source): [\(f.stage)] \(f.reason)") }
                }
            }
            if let i = s.index {
                print(
                    "index     \(i.documents) documents   \(i.paragraphs) paragraphs   \(i.sentences) sentences   \(i.tokens) tokens   \(i.types) types"
                )
            }
            for (service, reason) in s.unavailable.sorted(by: { $0.key < $1.key }) {
                print("\(service.padding(toLength: 9, withPad: " ", startingAt: 0)) UNAVAILABLE: \(reason)")
            }
            if !s.unavailable.isEmpty { throw ExitCode(1) }
        }
    }
}
