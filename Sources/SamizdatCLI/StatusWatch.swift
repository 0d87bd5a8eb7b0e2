import Foundation
import SamizdatModel
import SamizdatService

/// `samizdat status --watch`: asks report for the merged metrics every interval and prints a frame:
/// rates from the counters' differences between two readings, backlog, workers, and p99s from the
/// histograms' buckets (over the last interval, and since each service started). On a terminal each
/// frame replaces the last; otherwise frames follow one another, separated by a blank line.
struct StatusWatch {
    let client: RequestClient
    let timeout: Duration
    let interval: Duration
    let frames: Int
    let isTTY: Bool

    /// One answer to `metrics` and when it came.
    struct Reading {
        let exposition: PrometheusExposition
        let at: ContinuousClock.Instant
    }

    /// Runs until `frames` frames were printed (0: no limit) or SIGINT/SIGTERM arrives.
    func run() async {
        let stop = WatchStop()
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.request() }
            source.resume()
            return source
        }
        defer {
            for source in sources {
                source.cancel()
            }
        }
        if isTTY {
            Self.write("\u{1B}[?25l")
        }
        var previous: Reading?
        var printed = 0
        let clock = ContinuousClock()
        while !stop.requested {
            let started = clock.now
            var frame: String
            do {
                let reading = Reading(exposition: try await fetch(), at: clock.now)
                frame = Self.render(previous: previous, current: reading, interval: interval)
                previous = reading
            } catch {
                frame = Self.header(interval: interval) + "UNAVAILABLE: \(error)\n"
            }
            if isTTY {
                Self.write("\u{1B}[H\u{1B}[2J" + frame)
            } else {
                Self.write((printed > 0 ? "\n" : "") + frame)
            }
            printed += 1
            if frames > 0, printed >= frames {
                break
            }
            while !stop.requested, clock.now < started + interval {
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        if isTTY {
            Self.write("\u{1B}[?25h\n")
        }
    }

    /// Straight to stdout, unbuffered, so each frame shows as soon as it is made.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func fetch() async throws -> PrometheusExposition {
        let reply = try await client.request(timeout: timeout) { try WireMessage(.metrics, RequestHeader(req: $0)) }
        switch reply.kind {
        case .result:
            guard let body = reply.body.first else {
                throw ProtocolError(.truncatedMessage, "the metrics result has no body")
            }
            return try PrometheusExposition(parsing: String(decoding: body, as: UTF8.self))
        case .error:
            throw try reply.header(as: ErrorHeader.self).error
        default:
            throw ProtocolError(.unexpectedKind, "expected a result, got '\(reply.kind.rawValue)'")
        }
    }

    // MARK: the frame

    static func header(interval: Duration) -> String {
        let time = Date().formatted(Date.ISO8601FormatStyle(timeZone: .gmt).time(includingFractionalSeconds: false))
        return "samizdat status --watch   \(time) UTC   every \(format(interval.seconds)) s, Ctrl-C to stop\n"
    }

    /// The counters shown, as (label, metric, labels to match).
    static let counters: [(String, String, [String: String])] = [
        ("accepted", MetricCatalog.ingestAccepted.name, [:]),
        ("duplicates", MetricCatalog.ingestDuplicates.name, [:]),
        ("refused", MetricCatalog.ingestRefused.name, [:]),
        ("dispatched", MetricCatalog.ingestDispatched.name, [:]),
        ("redelivered", MetricCatalog.ingestRedeliveries.name, [:]),
        ("failed", MetricCatalog.ingestFailed.name, [:]),
        ("indexed", MetricCatalog.ingestIndexed.name, [:]),
        ("bytes in", MetricCatalog.ingestAcceptedBytes.name, [:]),
        ("segmented", MetricCatalog.segmentTexts.name, [:]),
        ("applied", MetricCatalog.indexApplied.name, ["outcome": "applied"]),
    ]

    /// The histograms shown, as (label, metric, labels to match).
    static let histograms: [(String, String, [String: String])] = [
        ("journal commit", MetricCatalog.ingestJournalCommit.name, [:]),
        ("segmentation", MetricCatalog.segmentDuration.name, [:]),
        ("index apply", MetricCatalog.indexApply.name, [:]),
        ("search query", MetricCatalog.indexQuery.name, ["kind": "search"]),
        ("kwic query", MetricCatalog.indexQuery.name, ["kind": "kwic"]),
        ("http request", MetricCatalog.reportHTTPRequest.name, [:]),
    ]

    static func render(previous: Reading?, current: Reading, interval: Duration) -> String {
        let now = current.exposition
        var out = header(interval: interval)
        let up = ["ingest", "index"].map { backend in
            let value = now.family(MetricCatalog.reportBackendUp.name)?.samples.first { $0.label("backend") == backend }?.value
            return "\(backend) \(value == 1 ? "up" : "DOWN")"
        }
        out += "services   report up   " + up.joined(separator: "   ") + "\n"
        out += "backlog \(integer(now.sum(MetricCatalog.ingestBacklog.name)))   "
        out += "in flight \(integer(now.sum(MetricCatalog.ingestInFlight.name)))   "
        out += "workers \(integer(now.sum(MetricCatalog.ingestWorkers.name)))\n\n"
        let seconds = previous.map { (current.at - $0.at).seconds } ?? 0
        out += pad("", 16) + pad("total", 14, right: true) + pad("per second", 14, right: true) + "\n"
        for (label, name, matching) in counters {
            let total = now.sum(name, matching: matching)
            var rate = "-"
            if let previous, seconds > 0 {
                rate = format(max(0, total - previous.exposition.sum(name, matching: matching)) / seconds)
            }
            out += pad(label, 16) + pad(integer(total), 14, right: true) + pad(rate, 14, right: true) + "\n"
        }
        let workers = workerNames(now)
        if !workers.isEmpty {
            out +=
                "\n" + pad("worker", 30) + pad("segmented", 12, right: true) + pad("per second", 12, right: true) + pad("p99", 12, right: true) + "\n"
            for worker in workers {
                let match = ["worker": worker]
                let total = now.sum(MetricCatalog.segmentTexts.name, matching: match)
                var rate = "-"
                if let previous, seconds > 0 {
                    rate = format(max(0, total - previous.exposition.sum(MetricCatalog.segmentTexts.name, matching: match)) / seconds)
                }
                let p99 = HistogramBuckets(now, MetricCatalog.segmentDuration.name, matching: match).quantile(0.99)
                out += pad(worker, 30) + pad(integer(total), 12, right: true) + pad(rate, 12, right: true)
                out += pad(milliseconds(p99), 12, right: true) + "\n"
            }
        }
        out += "\n" + pad("p99", 16) + pad("last interval", 16, right: true) + pad("since start", 16, right: true) + "\n"
        for (label, name, matching) in histograms {
            let all = HistogramBuckets(now, name, matching: matching)
            var recent: Double?
            if let previous {
                recent = all.since(HistogramBuckets(previous.exposition, name, matching: matching)).quantile(0.99)
            }
            out += pad(label, 16) + pad(milliseconds(recent), 16, right: true) + pad(milliseconds(all.quantile(0.99)), 16, right: true) + "\n"
        }
        return out
    }

    static func workerNames(_ exposition: PrometheusExposition) -> [String] {
        let samples = exposition.family(MetricCatalog.segmentTexts.name)?.samples ?? []
        return Set(samples.compactMap { $0.label("worker") }).sorted()
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        guard text.count < width else {
            return text + " "
        }
        let fill = String(repeating: " ", count: width - text.count)
        return right ? fill + text : text + fill
    }

    static func integer(_ value: Double) -> String {
        String(Int64(value.rounded()))
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    static func milliseconds(_ seconds: Double?) -> String {
        guard let seconds else {
            return "-"
        }
        return seconds < 0.001 ? String(format: "%.3f ms", seconds * 1000) : String(format: "%.1f ms", seconds * 1000)
    }
}
