import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Whether `python3` has prometheus_client (the test of its parser is skipped where it has not).
let pythonHasPrometheusClient: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import prometheus_client.parser"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// report's `/metrics`, the services' JSON logs and `status --watch`, on the real executables.
@Suite(.serialized) struct MetricsTests {
    func scrape(_ harness: Harness) async throws -> String {
        let url = try #require(URL(string: "http://127.0.0.1:\(harness.httpPort)/metrics"))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func metricsParseCountersOnlyGrowAcrossADeleteAndLogsKeepTypes() async throws {
        let harness = try Harness(workers: 1)
        defer { harness.stop() }
        #expect(
            try harness.eventually(30) { try harness.cli(["status", "--json", "--timeout", "2"]).status == 0 },
            "services did not come up: \(harness.logText.suffix(3000))"
        )
        let names = try PipelineTests.writeFixtures(to: harness.dir.appendingPathComponent("corpus"))
        let ingest = try harness.cli(["ingest", harness.dir.appendingPathComponent("corpus").path, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.err)")
        let again = try harness.cli(["ingest", harness.dir.appendingPathComponent("corpus/alpha.txt").path, "--quiet"])
        #expect(again.out.hasPrefix("duplicate"))
        let empty = harness.dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        #expect(try harness.cli(["ingest", empty.path, "--quiet"]).status != 0)

        // Everything indexed, and the worker's heartbeat has carried its counts to ingest.
        var text = ""
        var before = try StrictExposition("")
        let settled = try await eventually(30) {
            text = try await scrape(harness)
            before = try StrictExposition(text)
            return before.sum("samizdat_index_applied_total", ["outcome": "applied"]) == Double(names.count)
                && before.sum("samizdat_segment_texts_total") == Double(names.count)
                && before.sum("samizdat_ingest_indexed_total") == Double(names.count)
        }
        #expect(settled, "counts did not settle:\n\(text)\n\(harness.logText.suffix(3000))")

        // What each service recorded, labelled with the service.
        #expect(before.sum("samizdat_ingest_accepted_total", ["service": "ingest"]) == Double(names.count))
        #expect(before.sum("samizdat_ingest_duplicates_total") == 1)
        #expect(before.sum("samizdat_ingest_refused_total", ["reason": "empty_text"]) == 1)
        #expect(before.sum("samizdat_ingest_dispatched_total") == Double(names.count))
        #expect(before.sum("samizdat_ingest_accepted_bytes_total") > 0)
        #expect(before.sum("samizdat_ingest_journal_commit_duration_seconds_count") >= 1)
        #expect(before.sum("samizdat_segment_duration_seconds_count", ["service": "segment"]) == Double(names.count))
        #expect(before.sum("samizdat_index_apply_duration_seconds_count", ["service": "index"]) >= 1)
        #expect(before.sum("samizdat_index_documents") == Double(names.count))
        #expect(before.sum("samizdat_report_backend_up") == 2)
        #expect(before.types["samizdat_index_query_duration_seconds"] == "histogram")

        // prometheus_client's own parser reads the same text, where python has it.
        if pythonHasPrometheusClient {
            let parsed = try pythonParse(text)
            #expect(parsed.status == 0, "\(parsed.output)")
            #expect(parsed.output.contains("samizdat_ingest_accepted counter"), "\(parsed.output)")
        } else {
            print("skipped the prometheus_client check: python3 cannot import prometheus_client (pip install prometheus_client)")
        }

        // A search is timed by index and by report's HTTP server.
        _ = try harness.cli(["search", "Zorblax"])

        // Delete a document: counters never fall, and the delete itself is counted.
        let search = harness.json(try harness.cli(["search", "Zorblax", "--json"]).out)
        let documentID = try #require((search["documents"] as? [[String: Any]])?.first?["document_id"] as? String)
        let deleted = try harness.cli(["delete", documentID])
        #expect(deleted.status == 0, "\(deleted.err)")
        let after = try StrictExposition(try await scrape(harness))
        let afterValues = after.values
        for sample in before.samples where sample.name.hasSuffix("_total") || sample.name.hasSuffix("_count") || sample.name.hasSuffix("_bucket") {
            let key = StrictExposition.key(sample.name, sample.labels)
            let later = try #require(afterValues[key], "\(key) vanished after the delete")
            #expect(later >= sample.value, "\(key) fell from \(sample.value) to \(later)")
        }
        #expect(after.sum("samizdat_ingest_deleted_total") == before.sum("samizdat_ingest_deleted_total") + 1)
        #expect(after.sum("samizdat_index_documents") == Double(names.count - 1))
        #expect(after.sum("samizdat_index_query_duration_seconds_count", ["kind": "search"]) >= 2)
        #expect(after.sum("samizdat_report_http_request_duration_seconds_count", ["route": "/metrics"]) >= 1)

        // JSON logs: each field keeps its type, keys are dotted.
        let accepted = try #require(
            harness.logText.split(separator: "\n").first { $0.hasPrefix("ingest") && $0.contains("\"event\":\"accepted\"") },
            "no accepted line in the log"
        )
        let json = try #require(line(accepted))
        #expect(json["doc.id"] is String)
        #expect(json["doc.version"] as? Int == 1)
        #expect((json["bytes.in"] as? Int ?? 0) > 0)
        #expect(json["doc.source"] is String)
        #expect(json["duration.ms"] is Double)
        #expect(json["doc"] == nil && json["bytes"] == nil)
    }

    @Test func aScrapeWithIndexStoppedStillAnswersAndSaysSo() async throws {
        let harness = try Harness(workers: 1, environment: ["SAMIZDAT_REPORT_TIMEOUT_MS": "1000"])
        defer { harness.stop() }
        #expect(try harness.eventually(30) { try harness.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let index = try #require(harness.childPIDs("index").first)
        kill(index, SIGSTOP)
        defer { kill(index, SIGCONT) }
        let scrape = try StrictExposition(try await scrape(harness))
        #expect(scrape.sum("samizdat_report_backend_up", ["backend": "index"]) == 0)
        #expect(scrape.sum("samizdat_report_backend_up", ["backend": "ingest"]) == 1)
        #expect(scrape.types["samizdat_ingest_accepted_total"] == "counter")
        #expect(scrape.types["samizdat_index_documents"] == nil)
        #expect(harness.logText.contains("\"event\":\"metrics_unavailable\""))
    }

    @Test func statusWatchPrintsPlainFramesWhenNotATerminal() throws {
        let harness = try Harness(workers: 1)
        defer { harness.stop() }
        #expect(try harness.eventually(30) { try harness.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let file = harness.dir.appendingPathComponent("watch.txt")
        try Data("A text to watch.\n\nIt has two paragraphs.".utf8).write(to: file)
        #expect(try harness.cli(["ingest", file.path, "--quiet"]).status == 0)
        let watch = try harness.cli(["status", "--watch", "--frames", "3", "--interval", "0.5", "--timeout", "5"])
        #expect(watch.status == 0, "\(watch.err)")
        let frames = watch.out.components(separatedBy: "\n\nsamizdat status --watch")
        #expect(frames.count == 3, "\(watch.out)")
        #expect(!watch.out.contains("\u{1B}"), "escape codes on a pipe")
        #expect(watch.out.hasPrefix("samizdat status --watch"))
        let last = try #require(frames.last)
        #expect(last.contains("ingest up   index up"), "\(last)")
        let acceptedRow = try #require(last.split(separator: "\n").first { $0.hasPrefix("accepted ") })
        #expect(acceptedRow.split(separator: " ").dropFirst().first == "1", "\(acceptedRow)")
        #expect(last.contains("backlog ") && last.contains("workers 1"))
        #expect(last.contains("journal commit") && last.contains("since start"))
        // The first frame has no rate yet; a later one has.
        #expect(frames[0].split(separator: "\n").first { $0.hasPrefix("accepted ") }?.hasSuffix("-") == true)
        #expect(acceptedRow.hasSuffix("0.0"))
        let refused = try harness.cli(["status", "--watch", "--json"])
        #expect(refused.status != 0)
        #expect(refused.err.contains("--watch and --json exclude each other"))
    }

    func line(_ text: Substring) -> [String: Any]? {
        guard let brace = text.firstIndex(of: "{") else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text[brace...].utf8))) as? [String: Any]
    }

    func pythonParse(_ text: String) throws -> (status: Int32, output: String) {
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                print(family.name, family.type, len(family.samples))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    func eventually(_ seconds: Double, _ check: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await check() { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await check()
    }
}

extension StrictExposition {
    /// The sum of every sample named `name` whose labels include `matching`.
    func sum(_ name: String, _ matching: [String: String] = [:]) -> Double {
        var total = 0.0
        for sample in samples where sample.name == name && matching.allSatisfy({ key, value in sample.labels[key] == value }) {
            total += sample.value
        }
        return total
    }
}
