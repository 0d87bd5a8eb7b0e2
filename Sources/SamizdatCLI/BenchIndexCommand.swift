import ArgumentParser
import Foundation
import SamizdatIndex
import SamizdatModel
import SamizdatText

extension Samizdat.Bench {
    /// Index build, as index_bench.py measures the peers: texts in memory, best of up to 3 builds
    /// (fewer if they take over ~60 s together), each into a fresh store on disk, timed from the
    /// first document handed over to the last commit, the store ending with one posting segment.
    ///
    /// Samizdat indexes `SegmentedDocument`s, so the lines are:
    /// - label `samizdat`: `CorpusStore.apply(_:optimize:)` on documents segmented beforehand, the
    ///   whole corpus in one transaction, as the peers load it (one commit; tantivy's
    ///   `add_document`s and `commit`, FTS5's one transaction): the peers' job of tokenising and
    ///   indexing text;
    /// - label `samizdat-batch16` (with `--batch`, default 16): the index service's way, one
    ///   transaction per `batch` documents, then `optimize()`;
    /// - label `samizdat+segment`: the `samizdat` build plus the time one thread takes to
    ///   segment the corpus first, the cost of the real pipeline.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Index build throughput and size (index lines).")

        @OptionGroup var options: BenchOptions
        @Option(help: "Keep the last one-transaction store built at this path (a SQLite file) for `bench query --store`.")
        var keep: String?
        @Option(help: "At most this many builds of each kind (best one reported).") var builds = 3
        @Option(
            help: "Documents per transaction of the batched build (the index service commits its intake in batches of up to 16); 0: no batched build."
        )
        var batch = 16
        @Flag(
            help:
                "Leave the segments as the merge policy left them (the index service never optimizes); by default a build ends with one segment, timed."
        )
        var noOptimize = false

        func run() throws {
            let corpus = try BenchCorpus(directory: options.corpus)
            if !options.noMeta { corpus.metaLine(command: "bench index").emit() }
            let (segmented, segmentNs, failures) = BenchStoreBuild.segment(corpus.documents())
            let beforeBuild = BenchMachine.peakRSSMiB
            FileHandle.standardError.write(
                "    peak RSS before the first build (texts and segmented documents held): \(Int(beforeBuild ?? 0)) MiB\n".data(using: .utf8)!
            )
            let merged = noOptimize ? "tiered-merges" : "optimized"
            let how =
                "own-positional-postings,fold+stem-keys,parallel-analysis-\(ProcessInfo.processInfo.activeProcessorCount)-cores,\(merged),wal,disk"
            let whole = try best(segmented, batch: 0, keep: keep)
            emit(
                corpus,
                failures,
                label: "samizdat",
                variant: "apply(SegmentedDocument),presegmented,one-transaction," + how,
                build: whole,
                segmentNs: segmentNs,
                beforeBuild: beforeBuild
            )
            // the segmentation's CPU is not measured
            let withSegmentation = Best(ns: whole.ns + segmentNs, builds: whole.builds, bytes: whole.bytes, cpu: nil, checkpoint: whole.checkpoint)
            emit(
                corpus,
                failures,
                label: "samizdat+segment",
                variant: "segment(1-thread)+apply,one-transaction," + how,
                build: withSegmentation,
                segmentNs: segmentNs,
                beforeBuild: beforeBuild
            )
            if batch > 0 {
                let batched = try best(segmented, batch: batch, keep: nil)
                emit(
                    corpus,
                    failures,
                    label: "samizdat-batch\(batch)",
                    variant: "apply(SegmentedDocument),presegmented,batches-of-\(batch)," + how,
                    build: batched,
                    segmentNs: segmentNs,
                    beforeBuild: beforeBuild
                )
            }
        }

        /// The best build of a kind: its time, CPU seconds (all threads) and WAL checkpoints'
        /// seconds, the number of builds made, the store's bytes.
        struct Best {
            var ns: UInt64 = .max
            var builds = 0
            var bytes = 0
            var cpu: Double?
            var checkpoint = 0.0
        }

        /// The best of up to `builds` builds.
        func best(_ segmented: [SegmentedDocument], batch: Int, keep: String?) throws -> Best {
            var best = Best()
            var spent: UInt64 = 0
            var n = 0
            while n < max(1, builds) && (n == 0 || Double(spent + best.ns) < 60e9) {
                let dir = try BenchStoreBuild.temporaryDirectory()
                defer { try? FileManager.default.removeItem(atPath: dir) }
                let path = (dir as NSString).appendingPathComponent("store.sqlite")
                let built = try BenchStoreBuild.build(segmented, at: path, batch: batch, optimize: !noOptimize)
                let ns = built.ns
                n += 1
                spent += ns
                FileHandle.standardError.write(
                    "    \(batch > 0 ? "batches of \(batch)" : "one transaction"), build \(n): \(Double(ns) / 1e9)s (CPU \(String(format: "%.3f", built.cpu))s, all threads; WAL checkpoints after the commits \(String(format: "%.3f", built.checkpointSeconds))s)\n"
                        .data(using: .utf8)!
                )
                if ns < best.ns {
                    best = Best(ns: ns, builds: 0, bytes: BenchStoreBuild.size(of: dir), cpu: built.cpu, checkpoint: built.checkpointSeconds)
                }
                if let keep, n == builds || Double(spent + best.ns) >= 60e9 {
                    // the database, its WAL and the directory of its segment files
                    for suffix in ["", "-wal", "-shm", "-segments"] {
                        try? FileManager.default.removeItem(atPath: keep + suffix)
                        try? FileManager.default.copyItem(atPath: path + suffix, toPath: keep + suffix)
                    }
                }
            }
            best.builds = n
            return best
        }

        func emit(
            _ corpus: BenchCorpus,
            _ failures: Int,
            label: String,
            variant: String,
            build: Best,
            segmentNs: UInt64,
            beforeBuild: Double?
        ) {
            let s = Double(build.ns) / 1e9
            var line = BenchLine(bench: "index")
            line.set("tool", "samizdat")
            line.set("label", label)
            line.set("variant", variant)
            line.set("version", Samizdat.Bench.toolVersion)
            line.set("docs", corpus.texts.count - failures)
            line.set("bytes", corpus.bytes)
            line.set("build_s", s)
            line.set("mb_per_s", Double(corpus.bytes) / 1e6 / s)
            line.set("docs_per_s", Double(corpus.texts.count - failures) / s, places: 1)
            line.set("builds", build.builds)
            if let cpu = build.cpu { line.set("cpu_s", cpu) }
            // the WAL's copy into the database file, after the commit, on a thread of its own
            line.set("checkpoint_s", build.checkpoint)
            line.set("segment_s", Double(segmentNs) / 1e9)
            line.set("index_bytes", build.bytes)
            line.set("index_kind", "disk (sqlite + wal)")
            line.set("peak_rss_mb", BenchMachine.peakRSSMiB, places: 1)
            line.set("rss_before_build_mb", beforeBuild, places: 1)
            if failures > 0 { line.set("segment_failures", failures) }
            line.emit()
        }
    }
}

/// Segmenting a corpus and building a store from it, for the index and query benches.
enum BenchStoreBuild {
    static func segment(_ docs: [Document]) -> (segmented: [SegmentedDocument], ns: UInt64, failures: Int) {
        let segmenter = Segmenter()
        var out: [SegmentedDocument] = []
        out.reserveCapacity(docs.count)
        var failures = 0
        let t0 = benchNanos()
        for d in docs {
            if let s = try? segmenter.segment(d) { out.append(s) } else { failures += 1 }
        }
        return (out, benchNanos() - t0, failures)
    }

    /// Builds a store at `path`, `batch` documents per transaction (0: all in one, ending with
    /// one segment when `optimize`); the time runs from the first `apply` to the last commit
    /// (committed and searchable). Then, untimed, it waits for the WAL's copy into the database
    /// file, which runs on a thread of its own after each commit, and truncates the WAL; the
    /// seconds that copy took are returned too. The store keeps no words for the reports (the
    /// build is timed as the peers' index builds are; `bench reports` times the reports' analysis).
    static func build(_ segmented: [SegmentedDocument], at path: String, batch: Int = 0, optimize: Bool = true) throws -> Built {
        let store = try CorpusStore(path: path, sharesAnalysisWithReports: false)
        let cpu0 = BenchMachine.cpuSeconds
        let t0 = benchNanos()
        func built() throws -> Built {
            let ns = benchNanos() - t0
            let cpu = BenchMachine.cpuSeconds - cpu0
            try store.checkpoint()
            return Built(store: store, ns: ns, cpu: cpu, checkpointSeconds: store.checkpointSeconds)
        }
        if batch <= 0 {
            _ = try store.apply(segmented, optimize: optimize)
            return try built()
        }
        var i = 0
        while i < segmented.count {
            let j = min(segmented.count, i + max(1, batch))
            _ = try store.apply(Array(segmented[i..<j]))
            i = j
        }
        FileHandle.standardError.write(
            "    peak RSS after the applies: \(Int(BenchMachine.peakRSSMiB ?? 0)) MiB, now \(BenchMachine.procValue("/proc/self/status", "VmRSS:").map { $0 / 1024 } ?? 0) MiB\n"
                .data(using: .utf8)!
        )
        // as after any bulk load: one posting segment (timed; the peers' builds end merged too)
        if optimize { try store.optimize() }
        return try built()
    }

    struct Built {
        var store: CorpusStore
        /// The build's time and CPU seconds (all threads).
        var ns: UInt64
        var cpu: Double
        /// Seconds the WAL checkpoints took (on their own thread).
        var checkpointSeconds: Double
    }

    static func temporaryDirectory() throws -> String {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("samizdat-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func size(of dir: String) -> Int {
        let fm = FileManager.default
        guard let names = try? fm.subpathsOfDirectory(atPath: dir) else { return 0 }
        return names.reduce(0) { sum, n in
            sum + ((try? fm.attributesOfItem(atPath: (dir as NSString).appendingPathComponent(n))[.size] as? Int) ?? 0)
        }
    }
}
