import Foundation
import Testing

/// Nothing lost, nothing doubled: texts streamed while services are SIGKILLed and restarted.
@Suite(.serialized) struct FaultToleranceTests {
    /// Distinct texts of two paragraphs, each with a token of its own (`tokNNNN`).
    static func writeTexts(_ n: Int, to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let words = ["river", "stone", "letter", "archive", "winter", "harbour", "signal", "garden", "lantern", "ledger"]
        for i in 0..<n {
            let a = (0..<12).map { words[($0 * 7 + i) % words.count] }.joined(separator: " ")
            let b = (0..<9).map { words[($0 * 3 + i * 5) % words.count] }.joined(separator: " ")
            let text = "Text number \(i) carries tok\(String(format: "%04d", i)) and \(a).\n\nIts second paragraph says \(b), and ends here."
            try Data(text.utf8).write(to: dir.appendingPathComponent(String(format: "t%04d.txt", i)))
        }
    }

    static let fastRecovery = [
        "SAMIZDAT_INGEST_ACK_TIMEOUT_SECONDS": "4",
        "SAMIZDAT_INGEST_HEARTBEAT_MS": "300",
        "SAMIZDAT_INGEST_MAX_ATTEMPTS": "8",
        "SAMIZDAT_STATS_INTERVAL_SECONDS": "2",
    ]

    func status(_ h: Harness) throws -> (states: [String: Int], backlog: Int, documents: Int, paragraphs: Int) {
        let s = h.json(try h.cli(["status", "--json", "--timeout", "3"]).out)
        let p = s["pipeline"] as? [String: Any] ?? [:]
        let i = s["index"] as? [String: Any] ?? [:]
        return (p["states"] as? [String: Int] ?? [:], p["backlog"] as? Int ?? -1, i["documents"] as? Int ?? -1, i["paragraphs"] as? Int ?? -1)
    }

    @Test func killEachServiceWhileStreaming() throws {
        let h = try Harness(workers: 2, environment: Self.fastRecovery)
        defer { h.stop() }
        let n = 500
        let corpus = h.dir.appendingPathComponent("stream")
        try Self.writeTexts(n, to: corpus)
        #expect(try h.eventually(30) { try h.cli(["status", "--json", "--timeout", "2"]).status == 0 })

        let out = h.dir.appendingPathComponent("ingest.out")
        let client = try h.startCLI(["ingest", corpus.path, "--quiet", "--window", "8", "--timeout", "3", "--attempts", "10"], output: out)
        for service in ["segment", "index", "ingest"] {
            Thread.sleep(forTimeInterval: 0.7)
            let pids = h.childPIDs(service)
            #expect(!pids.isEmpty, "no \(service) process to kill")
            if let victim = pids.first { kill(victim, SIGKILL) }
        }
        client.waitUntilExit()
        let lines = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let accepted = Set(
            lines.split(separator: "\n").filter { $0.hasPrefix("accepted") }.map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
        )
        #expect(client.terminationStatus == 0, "ingest CLI failed: \(lines.suffix(2000))")
        #expect(accepted.count == n)

        // Every accepted text ends indexed exactly once: counts equal the inputs', nothing doubled.
        var last = (states: [String: Int](), backlog: -1, documents: -1, paragraphs: -1)
        let settled = try h.eventually(90) {
            last = try status(h)
            return last.states["indexed"] == n && last.backlog == 0 && last.documents == n
        }
        #expect(settled, "did not settle: \(last)\n\(h.logText.suffix(4000))")
        #expect(last.states["failed"] == 0)
        #expect(last.paragraphs == 2 * n, "paragraphs \(last.paragraphs), expected \(2 * n)")
        for i in stride(from: 0, to: n, by: 50) {
            let r = h.json(try h.cli(["search", String(format: "tok%04d", i), "--json"]).out)
            #expect(r["total_passages"] as? Int == 1, "tok\(i): \(r)")
        }
        let log = h.logText
        #expect(log.contains("exited (signal 9); restarting"))
    }

    @Test func survivingWorkerFinishesTheWork() throws {
        let h = try Harness(workers: 2, environment: Self.fastRecovery)
        defer { h.stop() }
        let n = 200
        let corpus = h.dir.appendingPathComponent("stream")
        try Self.writeTexts(n, to: corpus)
        #expect(try h.eventually(30) { try h.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        // Stop one worker for good (SIGSTOP: it holds its in-flight work and goes silent).
        let workers = h.childPIDs("segment")
        #expect(workers.count == 2)
        let out = h.dir.appendingPathComponent("ingest.out")
        let client = try h.startCLI(["ingest", corpus.path, "--quiet"], output: out)
        Thread.sleep(forTimeInterval: 0.3)
        kill(workers[0], SIGSTOP)
        client.waitUntilExit()
        #expect(client.terminationStatus == 0)
        var last = (states: [String: Int](), backlog: -1, documents: -1, paragraphs: -1)
        #expect(
            try h.eventually(60) {
                last = try status(h)
                return last.states["indexed"] == n && last.documents == n
            },
            "\(last)"
        )
        #expect(last.paragraphs == 2 * n)
        kill(workers[0], SIGCONT)
        #expect(h.logText.contains("\"event\":\"worker_lost\""))
    }

    @Test func textThatCannotBeSegmentedFailsWithItsReason() throws {
        let h = try Harness(workers: 1, environment: Self.fastRecovery)
        defer { h.stop() }
        let dir = h.dir.appendingPathComponent("mixed")
        try Self.writeTexts(5, to: dir)
        // Only printer slugs and page numbers: nothing is left once print artifacts are removed.
        let slugs = (1...30).map { "9999_Book.indd \($0)\n19/08/15 5:20 PM\n\($0)\n" }.joined(separator: "\n")
        try Data(slugs.utf8).write(to: dir.appendingPathComponent("slugs-only.txt"))
        #expect(try h.eventually(30) { try h.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let r = try h.cli(["ingest", dir.path, "--quiet"])
        #expect(r.status == 0, "\(r.err)")
        var last = (states: [String: Int](), backlog: -1, documents: -1, paragraphs: -1)
        #expect(
            try h.eventually(30) {
                last = try status(h)
                return last.states["indexed"] == 5 && last.states["failed"] == 1
            },
            "\(last)"
        )
        let s = try h.cli(["status"])
        #expect(s.out.contains("slugs-only.txt"))
        #expect(s.out.contains("no text left"))
    }
}
