import ArgumentParser
import Foundation
import SamizdatModel
import SamizdatService
import SamizdatText
import Synchronization
import ZeroMQ

extension Samizdat.Bench {
    /// Streams a corpus through a pipeline it starts itself (`samizdat up` on free loopback ports,
    /// a temporary data directory), optionally SIGKILLing services mid-stream, and reports throughput
    /// from the first byte sent to the last `indexed` event, freshness (accepted → indexed event),
    /// search latency at index during the stream and idle after it, the freshness of single texts
    /// into the idle stack, CPU seconds per service, and what was lost or doubled.
    struct Pipeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Stream a corpus through running services: MB/s first byte → last ack, freshness and query latency p50/p99, CPU per service, lost, doubled.",
            discussion: """
                Starts its own `samizdat up` (free loopback ports, temporary data dir, removed afterwards). \
                --kill segment,index,ingest SIGKILLs one process of each listed service, in that order, spread over the \
                stream; `up` restarts them. After the stream it waits for the backlog to drain, then counts: lost = \
                accepted texts not in the index; doubled = paragraphs in the index beyond those of one copy of each \
                text (segmented again locally, untimed). Meanwhile one search after another (the corpus's term and AND \
                queries, with hits and snippets) goes to index's query socket, 10 ms apart, during the stream and then \
                on the idle stack; then --idle-texts single texts of about 50 KB go in one at a time, each timed from \
                `accepted` to its `indexed` event.
                """
        )

        @OptionGroup var options: BenchOptions
        @Option(help: "Segment workers.") var workers = 2
        @Option(help: "Requests in flight.") var window = 16
        @Option(help: "Services to SIGKILL once each mid-stream, comma-separated (segment, index, ingest).") var kill: String = ""
        @Option(help: "Seconds to wait for the backlog to drain after the last text is accepted.") var drain: Double = 300
        @Option(help: "Queries file (default: CORPUS/queries.txt); its term and AND queries probe index.") var queries: String?
        @Option(help: "Queries asked one after another on the idle stack after the stream.") var idleQueries = 200
        @Option(help: "Single texts of about 50 KB sent one at a time into the idle stack, for their freshness.") var idleTexts = 20
        @Option(help: "ingest's backlog bound for this run (ingest.maxBacklog; default: the configured one).") var maxBacklog: Int?
        @Flag(help: "Run the stack with plain sockets (`samizdat up --insecure`), to measure what CurveZMQ costs.") var insecure = false

        func run() async throws {
            let corpus = try BenchCorpus(directory: options.corpus)
            let probe = try PipelineProbe(
                queries: try BenchCorpus.queries(path: queries ?? (options.corpus as NSString).appendingPathComponent("queries.txt"))
            )
            if !options.noMeta { corpus.metaLine(command: "bench pipeline").emit() }
            let victims = kill.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for v in victims where !["segment", "index", "ingest"].contains(v) {
                throw ValidationError("--kill takes segment, index, ingest; not \(v)")
            }

            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-bench-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: tmp) }
            let base = try LoopbackPorts.freeRange(count: 7)
            let http = try LoopbackPorts.freeRange(count: 1, avoiding: base..<(base + 7))
            let up = Process()
            up.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            up.arguments = [
                "up", "--data-dir", tmp.appendingPathComponent("data").path, "--base-port", "\(base)", "--http-port", "\(http)", "--workers",
                "\(workers)",
            ]
            if insecure { up.arguments?.append("--insecure") }
            let keysDirectory = tmp.appendingPathComponent("data/keys").path
            /// The client key for ingest and report; report's own key for index's sockets, which take only services.
            func security(for server: ServiceName) throws -> SocketSecurity {
                if insecure { return .plain }
                let name = server == .index ? "report" : "client"
                return try ClientCredentials.load(directory: keysDirectory, name: name).security(for: server)
            }
            var env = ProcessInfo.processInfo.environment
            env["SAMIZDAT_INGEST_ACK_TIMEOUT_SECONDS"] = env["SAMIZDAT_INGEST_ACK_TIMEOUT_SECONDS"] ?? "30"
            env["SAMIZDAT_LOG_LEVEL"] = env["SAMIZDAT_LOG_LEVEL"] ?? "warning"
            if let maxBacklog {
                guard maxBacklog > 0 else {
                    throw ValidationError("--max-backlog takes a number of texts above 0, not \(maxBacklog)")
                }
                env["SAMIZDAT_INGEST_MAX_BACKLOG"] = String(maxBacklog)
            }
            let backlogBound = env["SAMIZDAT_INGEST_MAX_BACKLOG"].flatMap { Int($0) }
            up.environment = env
            let log = tmp.appendingPathComponent("up.log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let logHandle = try FileHandle(forWritingTo: log)
            up.standardOutput = logHandle
            up.standardError = logHandle
            try up.run()
            defer {
                // SIGTERM, then a bounded wait: `up` stops its children; SIGKILL if it hangs.
                if up.isRunning { up.terminate() }
                let until = Date().addingTimeInterval(20)
                while up.isRunning && Date() < until { usleep(100_000) }
                if up.isRunning { Foundation.kill(up.processIdentifier, SIGKILL) }
            }
            let ingestEP = "tcp://127.0.0.1:\(base)"
            let reportEP = "tcp://127.0.0.1:\(base + 6)"
            let eventsEP = "tcp://127.0.0.1:\(base + 5)"
            let indexEP = "tcp://127.0.0.1:\(base + 4)"
            let context = Context()
            var report: RequestClient?
            for _ in 0..<100 where report == nil {
                // the key directory appears once `up` has started
                report = try? RequestClient(context: context, endpoint: reportEP, security: try security(for: .report))
                if report == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            guard let report else { throw BenchError("no keys appeared in \(keysDirectory)") }
            var ready = false
            for _ in 0..<120 where !ready {
                if let r = try? await report.request(timeout: .seconds(1), { try WireMessage(.status, RequestHeader(req: $0)) }),
                    let s = try? RequestClient.result(r, as: SystemStatus.self), s.unavailable.isEmpty, (s.pipeline?.workers.count ?? 0) >= workers
                {
                    ready = true
                } else {
                    try await Task.sleep(for: .milliseconds(250))
                }
            }
            guard ready else { throw BenchError("the pipeline did not come up; see its log") }

            // Watch indexed events: the time each document became searchable.
            var eventOptions = Socket.Options()
            eventOptions.security = try security(for: .index)
            let events = try AsyncSocket { [eventOptions] in try Socket.sub(context, connecting: eventsEP, prefix: "indexed", options: eventOptions) }
            let tally = PipelineTally()
            let watcher = Task {
                while let m = try? await events.receive(), let msg = try? WireMessage.decode(m),
                    let h = try? msg.header(as: IndexedHeader.self)
                {
                    let now = benchNanos()
                    tally.indexed(h.doc, at: now)
                }
            }
            try await Task.sleep(for: .milliseconds(300))  // let the subscription reach index

            // Search while the stream runs, at index's own query socket.
            let indexClient = try RequestClient(context: context, endpoint: indexEP, security: try security(for: .index))
            let streamProbe = Task { await probe.askUntil(indexClient, pauseMs: 10) { tally.probing.load(ordering: .acquiring) } }

            // Stream.
            let ingest = try RequestClient(context: context, endpoint: ingestEP, security: try security(for: .ingest))
            let killAt = victims.enumerated().map { (i, v) in (corpus.texts.count * (i + 1) / (victims.count + 1), v) }
            var killed: [String] = []
            let upPID = up.processIdentifier
            let t0 = benchNanos()
            var sent = 0
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 0
                func start(_ i: Int) {
                    let header = IngestHeader(req: nil, title: corpus.names[i], source: corpus.names[i])
                    let body = Data(corpus.texts[i].utf8)
                    group.addTask {
                        let id = ingest.nextRequestID()
                        var attempts = 0
                        while true {
                            attempts += 1
                            var h = header
                            h.req = id
                            let reply: WireMessage
                            do {
                                reply = try await ingest.request(id: id, timeout: .seconds(5)) { _ in try WireMessage(.ingest, h, body: [body]) }
                            } catch {
                                if attempts < 20 { continue }
                                tally.refuse()
                                return
                            }
                            switch reply.kind {
                            case .accepted, .duplicate:
                                let doc = (try? reply.header(as: AcceptedHeader.self).doc) ?? (try? reply.header(as: DuplicateHeader.self).doc) ?? ""
                                tally.accepted(doc, at: benchNanos())
                                return
                            case .busy:
                                let ms = (try? reply.header(as: BusyHeader.self).retryMs) ?? 200
                                try await Task.sleep(for: .milliseconds(ms))
                                attempts -= 1
                            default:
                                tally.refuse()
                                return
                            }
                        }
                    }
                }
                while next < min(window, corpus.texts.count) {
                    start(next)
                    next += 1
                }
                while try await group.next() != nil {
                    sent += 1
                    for (at, v) in killAt where sent == at {
                        if let pid = LoopbackPorts.childPIDs(of: upPID, service: v).first {
                            Foundation.kill(pid, SIGKILL)
                            killed.append(v)
                        }
                    }
                    if next < corpus.texts.count {
                        start(next)
                        next += 1
                    }
                }
            }
            let tAccepted = benchNanos()

            // Drain: wait until everything accepted is indexed.
            var status: SystemStatus?
            let deadline = BenchDeadline(seconds: drain)
            while !deadline.expired {
                if let r = try? await report.request(timeout: .seconds(3), { try WireMessage(.status, RequestHeader(req: $0)) }),
                    let s = try? RequestClient.result(r, as: SystemStatus.self), let p = s.pipeline
                {
                    status = s
                    if p.backlog == 0 { break }
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            try await Task.sleep(for: .milliseconds(300))
            tally.probing.store(false, ordering: .releasing)
            // the stream's last event, before the idle probes add theirs
            let last = max(tally.lastEvent.load(ordering: .relaxed), tAccepted)
            let (streamLatencies, streamFailures) = await streamProbe.value
            // index analyses the texts for the reports once its intake is drained: wait until its
            // CPU stops growing (at most 20 s), so that work is counted and the idle queries are idle
            let services = ["ingest", "segment", "index", "report"]
            var cpu = PipelineProbe.cpuSeconds(ofChildrenOf: up.processIdentifier, services: services)
            let settling = BenchDeadline(seconds: 20)
            while !settling.expired {
                try await Task.sleep(for: .milliseconds(500))
                let now = PipelineProbe.cpuSeconds(ofChildrenOf: up.processIdentifier, services: services)
                let grew = (now["index"] ?? 0) - (cpu["index"] ?? 0)
                cpu = now
                if grew < 0.05 { break }
            }
            let idleLatencies = try await probe.ask(indexClient, count: idleQueries)

            // Lost and doubled, against the index itself.
            let docsReply = try await report.request(timeout: .seconds(30)) { try WireMessage(.documents, RequestHeader(req: $0)) }
            let inIndex = try RequestClient.result(docsReply, as: [DocumentSummary].self)
            let statsReply = try await report.request(timeout: .seconds(30)) { try WireMessage(.stats, RequestHeader(req: $0)) }
            let stats = try RequestClient.result(statsReply, as: IndexStats.self)
            let accepted = tally.acceptedAt.withLock { $0 }
            let indexedIDs = Set(inIndex.map(\.id))
            let lost = accepted.keys.filter { !indexedIDs.contains($0) }.count
            let segmenter = Segmenter()
            var expectedParagraphs = 0
            for d in corpus.documents() { expectedParagraphs += (try? segmenter.segment(d).paragraphs.count) ?? 0 }
            let doubled = max(0, stats.paragraphs - expectedParagraphs) + max(0, inIndex.count - Set(accepted.keys).count)

            // Single texts into the idle stack: accepted → indexed event, one at a time.
            var idleFresh: [UInt64] = []
            for number in 0..<idleTexts {
                let source = corpus.texts[number % corpus.texts.count]
                let text = Self.idleText(from: source, number: number)
                let header = IngestHeader(req: nil, title: "idle probe \(number)", source: "idle-\(number).txt")
                let reply = try await ingest.request(timeout: .seconds(10)) { id in
                    var h = header
                    h.req = id
                    return try WireMessage(.ingest, h, body: [Data(text.utf8)])
                }
                guard reply.kind == .accepted, let doc = try? reply.header(as: AcceptedHeader.self).doc else {
                    throw BenchError("ingest did not accept idle probe \(number): \(reply.kind.rawValue)")
                }
                let acceptedAt = benchNanos()
                let until = BenchDeadline(seconds: 30)
                while !until.expired, tally.indexedAt.withLock({ $0[doc] }) == nil {
                    try await Task.sleep(for: .microseconds(200))
                }
                guard let indexedAt = tally.indexedAt.withLock({ $0[doc] }) else {
                    throw BenchError("idle probe \(number) was not indexed within 30 s")
                }
                idleFresh.append(indexedAt > acceptedAt ? indexedAt - acceptedAt : 0)
            }
            watcher.cancel()
            await events.close()

            let events_ = tally.indexedAt.withLock { $0 }
            let seconds = Double(last - t0) / 1e9
            var fresh: [UInt64] = []
            for (doc, a) in accepted { if let i = events_[doc], i >= a { fresh.append(i - a) } }
            fresh.sort()
            func pct(_ p: Double) -> Double? {
                guard !fresh.isEmpty else { return nil }
                return Double(fresh[max(0, min(fresh.count - 1, Int((p / 100 * Double(fresh.count)).rounded(.up)) - 1))]) / 1e6
            }
            var line = BenchLine(bench: "pipeline")
            line.set("tool", "samizdat")
            line.set("version", Samizdat.Bench.toolVersion)
            line.set("label", victims.isEmpty ? "samizdat pipeline" : "samizdat pipeline, kill \(victims.joined(separator: ","))")
            line.set("workers", workers)
            line.set("curve", !insecure)
            line.set("window", window)
            line.set("max_backlog", backlogBound)
            line.set("docs", corpus.texts.count)
            line.set("bytes", corpus.bytes)
            line.set("seconds", seconds)
            line.set("mb_per_s", Double(corpus.bytes) / 1e6 / seconds)
            line.set("docs_per_s", Double(corpus.texts.count) / seconds)
            line.set("accepted", accepted.count)
            line.set("refused", tally.refused.load(ordering: .relaxed))
            line.set("indexed", inIndex.count)
            line.set("freshness_p50_ms", pct(50), places: 1)
            line.set("freshness_p99_ms", pct(99), places: 1)
            line.set("freshness_n", fresh.count)
            line.set("query_stream_p50_ms", PipelineProbe.percentileMs(streamLatencies, 50), places: 2)
            line.set("query_stream_p99_ms", PipelineProbe.percentileMs(streamLatencies, 99), places: 2)
            line.set("query_stream_n", streamLatencies.count)
            line.set("query_stream_failed", streamFailures)
            line.set("query_idle_p50_ms", PipelineProbe.percentileMs(idleLatencies, 50), places: 2)
            line.set("query_idle_p99_ms", PipelineProbe.percentileMs(idleLatencies, 99), places: 2)
            line.set("query_idle_n", idleLatencies.count)
            line.set("idle_freshness_p50_ms", PipelineProbe.percentileMs(idleFresh, 50), places: 1)
            line.set("idle_freshness_p99_ms", PipelineProbe.percentileMs(idleFresh, 99), places: 1)
            line.set("idle_freshness_n", idleFresh.count)
            for service in ["ingest", "segment", "index", "report"] {
                line.set("cpu_s_\(service)", cpu[service], places: 2)
            }
            line.set("redeliveries", status?.pipeline?.redeliveries)
            line.set("killed", killed.joined(separator: ","))
            line.set("lost", lost)
            line.set("doubled", doubled)
            line.set("paragraphs", stats.paragraphs)
            line.set("expected_paragraphs", expectedParagraphs)
            line.emit()
            await ingest.close()
            await report.close()
            await indexClient.close()
        }

        /// About 50 KB of `source` (whole lines), made new by a closing line of its own.
        static func idleText(from source: String, number: Int) -> String {
            var text = ""
            for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
                if text.utf8.count + line.utf8.count > 50_000 { break }
                text += line
                text += "\n"
            }
            return text + "\nIdle probe \(number) of \(UUID().uuidString).\n"
        }

    }
}

/// What the pipeline bench's concurrent tasks count.
final class PipelineTally: Sendable {
    let acceptedAt = Mutex<[String: UInt64]>([:])
    let indexedAt = Mutex<[String: UInt64]>([:])
    let lastEvent = Atomic<UInt64>(0)
    let refused = Atomic<Int>(0)
    /// The stream's search probe runs while this holds.
    let probing = Atomic<Bool>(true)

    func accepted(_ doc: String, at t: UInt64) { acceptedAt.withLock { if $0[doc] == nil { $0[doc] = t } } }
    func indexed(_ doc: String, at t: UInt64) {
        indexedAt.withLock { if $0[doc] == nil { $0[doc] = t } }
        lastEvent.store(t, ordering: .relaxed)
    }
    func refuse() { refused.add(1, ordering: .relaxed) }
}
