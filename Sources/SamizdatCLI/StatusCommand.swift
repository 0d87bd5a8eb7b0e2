import ArgumentParser
import Foundation
import SamizdatModel

extension Samizdat {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts per state, backlog, workers and their heartbeats, failures, documents in the index."
        )

        @Flag(help: "Print the status as JSON.") var json = false
        @OptionGroup var services: ServiceOptions

        func run() async throws {
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
