import Foundation
import SamizdatModel
import SamizdatService

/// What `bench pipeline` measures beside the stream: search latency at index's query socket
/// (during the stream and on the idle stack after it) and the CPU seconds of each service.
struct PipelineProbe {
    /// The queries asked, in turn: the corpus's term and AND queries (phrases are left to `bench
    /// query`; these show whether a query waits for the writer, not how fast phrases are).
    let queries: [String]

    init(queries: [(query: String, kind: String)]) throws {
        self.queries = queries.filter { $0.kind != "phrase" }.map(\.query)
        guard !self.queries.isEmpty else { throw BenchError("the queries file holds no term or AND query") }
    }

    /// One search with located hits and snippets (what the CLI and the web ask), in ns.
    func ask(_ index: RequestClient, _ number: Int) async throws -> UInt64 {
        let request = SearchRequest(query: queries[number % queries.count], limit: 10)
        let body = try WireCoding.encoder.encode(request)
        let started = benchNanos()
        let reply = try await index.request(timeout: .seconds(5)) { id in
            try WireMessage(.search, RequestHeader(req: id), body: [body])
        }
        let elapsed = benchNanos() - started
        guard reply.kind == .result else {
            throw BenchError("index refused a probe query '\(queries[number % queries.count])': \(reply.kind.rawValue)")
        }
        return elapsed
    }

    /// Asks one query after another, `pauseMs` apart, while `going` holds: the latencies in ns,
    /// and how many queries failed (timed out or were refused: a service was killed mid-stream).
    func askUntil(_ index: RequestClient, pauseMs: Int, while going: @Sendable () -> Bool) async -> (latencies: [UInt64], failed: Int) {
        var latencies: [UInt64] = []
        var failed = 0
        var number = 0
        while going() {
            do {
                latencies.append(try await ask(index, number))
            } catch {
                failed += 1
            }
            number += 1
            try? await Task.sleep(for: .milliseconds(pauseMs))
        }
        return (latencies, failed)
    }

    /// `count` queries one after another; the latencies in ns.
    func ask(_ index: RequestClient, count: Int) async throws -> [UInt64] {
        var latencies: [UInt64] = []
        for number in 0..<count {
            latencies.append(try await ask(index, number))
        }
        return latencies
    }

    /// Nearest-rank percentile of ns values, in ms (nil for none).
    static func percentileMs(_ values: [UInt64], _ percent: Double) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1
        return Double(sorted[max(0, min(sorted.count - 1, rank))]) / 1e6
    }

    /// CPU seconds (user + system) that the live processes of each service have used, read from
    /// /proc: a service SIGKILLed and restarted counts only its new process.
    static func cpuSeconds(ofChildrenOf parent: Int32, services: [String]) -> [String: Double] {
        var seconds: [String: Double] = [:]
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        for service in services {
            var total = 0.0
            for pid in LoopbackPorts.childPIDs(of: parent, service: service) {
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { continue }
                // after "pid (comm)": state is field 3; utime and stime are fields 14 and 15
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
                total += (user + system) / ticks
            }
            seconds[service] = total
        }
        return seconds
    }
}
