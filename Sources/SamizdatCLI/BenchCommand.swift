import ArgumentParser
import Foundation

extension Samizdat {
    /// `samizdat bench segment|index|query|pipeline|reports|pages`: the peers' benchmarks (../shared/bench) run on Samizdat,
    /// with the same corpus, queries, method and JSON-lines schema, so `table.py` lines them up.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure segmentation, indexing and query speed on a corpus folder (JSON lines, the peers' schema).",
            discussion: """
                The corpus is a folder of doc_*.txt files (make_corpus.py, `samizdat corpus generate`) or of any \
                *.txt files. Texts are loaded before timing. The first line is a `meta` line (machine, corpus \
                bytes, docs, sha256 as make_corpus.py computes it); pass --no-meta to leave it out when several \
                runs go into one file.
                """,
            subcommands: [Segment.self, Index.self, Query.self, Pipeline.self, Reports.self, Pages.self, Extract.self]
        )

        static let toolVersion = "0.1.0"
    }
}

/// Options every bench takes.
struct BenchOptions: ParsableArguments {
    @Option(help: "Folder of doc_*.txt (or *.txt) files.") var corpus: String
    @Flag(help: "Do not print the meta line first.") var noMeta = false
}

/// Monotonic nanoseconds.
@inline(__always) func benchNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// A wall-clock budget.
struct BenchDeadline {
    let end: UInt64
    init(seconds: Double) { end = benchNanos() + UInt64(max(0, seconds) * 1e9) }
    var expired: Bool { benchNanos() >= end }
}

/// Latency summary as `common.latency_summary` gives it (nearest-rank percentiles, µs).
func latencySummary(_ ns: [UInt64], into line: inout BenchLine) {
    let v = ns.sorted()
    line.set("n", v.count)
    guard !v.isEmpty else { return }
    func pct(_ p: Double) -> Double {
        let k = max(0, min(v.count - 1, Int((p / 100 * Double(v.count)).rounded(.up)) - 1))
        return Double(v[k]) / 1000
    }
    line.set("p50_us", pct(50), places: 2)
    line.set("p99_us", pct(99), places: 2)
    line.set("mean_us", Double(v.reduce(0, +)) / Double(v.count) / 1000, places: 2)
    line.set("max_us", Double(v.last!) / 1000, places: 2)
}
