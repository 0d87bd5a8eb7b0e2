import ArgumentParser
import Foundation
import SamizdatIndex
import SamizdatModel

extension Samizdat.Bench {
    /// Query latency, as index_bench.py measures the peers: the queries file (a leading `"` =
    /// phrase, ` AND ` = and, else term), one warm-up round, then up to 5 timed rounds within
    /// --budget; each query timed alone. Two sets of lines: label `samizdat` times what the peers
    /// time, the query string to the top-10 ids (`CorpusStore.rankedPassageIDs`: BM25 passages
    /// grouped by document, each document's best passage); label `samizdat+hits` times what a
    /// user gets (`CorpusStore.search`: the same ranking, and each hit read back with document,
    /// chapter, page, paragraph, sentence and a highlighted snippet).
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Query latency per class (query lines).")

        @OptionGroup var options: BenchOptions
        @Option(help: "Queries file (default: CORPUS/queries.txt).") var queries: String?
        @Option(help: "Use this store (built by `bench index --keep`) instead of building one.") var store: String?
        @Option(help: "Seconds for the timed rounds (default 90).") var budget: Double = 90
        @Option(help: "Timed rounds.") var rounds = 5
        @Option(help: "Time only this label (samizdat or samizdat+hits).") var only: String?
        @Option(help: "Write each query's top-10 ids here (query, tab, ids), to compare two builds' results.")
        var results: String?
        @Option(
            help:
                "The unit the queries' words match by: word (as written, the default), stem (each query as stem:(…)) or form (exact:(…), as tantivy's default tokenizer matches)."
        )
        var unit: CountingUnit = .word

        func run() throws {
            let corpus = try BenchCorpus(directory: options.corpus)
            if !options.noMeta { corpus.metaLine(command: "bench query").emit() }
            let list = try BenchCorpus.queries(path: queries ?? (options.corpus as NSString).appendingPathComponent("queries.txt"))
                .map { (query: Self.inUnit($0.query, unit), kind: $0.kind) }
            guard !list.isEmpty else { throw BenchError("no queries") }
            var dir: String?
            let corpusStore: CorpusStore
            if let store {
                corpusStore = try CorpusStore(path: store)
            } else {
                let d = try BenchStoreBuild.temporaryDirectory()
                dir = d
                let (segmented, _, _) = BenchStoreBuild.segment(corpus.documents())
                corpusStore = try BenchStoreBuild.build(segmented, at: (d as NSString).appendingPathComponent("store.sqlite")).store
            }
            defer { if let dir { try? FileManager.default.removeItem(atPath: dir) } }

            let topK = 10
            if let results {
                var out = ""
                for (q, _) in list {
                    let ids = (try? corpusStore.rankedPassageIDs(q, limit: topK)).map { $0.map(String.init).joined(separator: " ") } ?? "error"
                    out += "\(q)\t\(ids)\n"
                }
                try out.write(toFile: results, atomically: true, encoding: .utf8)
            }
            for (label, search) in [
                ("samizdat", { (q: String) -> Int? in (try? corpusStore.rankedPassageIDs(q, limit: topK))?.count }),
                (
                    "samizdat+hits",
                    { (q: String) -> Int? in
                        (try? corpusStore.search(SearchRequest(query: q, limit: topK, passagesPerDocument: 1)))?.documents.count
                    }
                ),
            ] where only == nil || only == label {
                try measure(label: label, list: list, topK: topK, search)
            }
        }

        /// A query line asked in `unit`: as written for words, else inside `stem:(…)` or `exact:(…)`
        /// (a group keeps a term a term, an AND an AND, a phrase a phrase).
        static func inUnit(_ query: String, _ unit: CountingUnit) -> String {
            switch unit {
            case .word: return query
            case .stem: return "stem:(" + query + ")"
            case .form: return "exact:(" + query + ")"
            }
        }

        func measure(label: String, list: [(query: String, kind: String)], topK: Int, _ search: (String) -> Int?) throws {
            var hits: [String: Int] = [:]
            var errors: [String: Int] = [:]
            for (q, kind) in list {
                if let n = search(q) {
                    hits[q] = n
                } else {
                    hits[q] = 0
                    errors[kind, default: 0] += 1
                }
            }
            let deadline = BenchDeadline(seconds: budget)
            var perClass: [String: [UInt64]] = ["all": []]
            var best = [UInt64](repeating: .max, count: list.count)
            var done = 0
            for _ in 0..<rounds {
                if deadline.expired { break }
                for (i, (q, kind)) in list.enumerated() {
                    let t0 = benchNanos()
                    _ = search(q)
                    let dt = benchNanos() - t0
                    perClass["all", default: []].append(dt)
                    perClass[kind, default: []].append(dt)
                    best[i] = min(best[i], dt)
                }
                done += 1
            }
            let variant =
                label == "samizdat"
                ? "bm25-passages,own-postings,grouped-by-doc,top-10-ids"
                : "bm25-passages,own-postings,grouped-by-doc,top-10,located-hits+snippets"
            for kind in ["term", "and", "phrase", "all"] {
                guard let ns = perClass[kind], !ns.isEmpty else { continue }
                let inClass = list.filter { kind == "all" || $0.kind == kind }
                var line = BenchLine(bench: "query")
                line.set("tool", "samizdat")
                line.set("label", label)
                line.set("variant", variant)
                line.set("version", Samizdat.Bench.toolVersion)
                line.set("class", kind)
                line.set("queries", inClass.count)
                line.set("rounds", done)
                line.set("top_k", topK)
                line.set("queries_with_hits", inClass.filter { (hits[$0.query] ?? 0) > 0 }.count)
                let errs = kind == "all" ? errors.values.reduce(0, +) : errors[kind] ?? 0
                if errs > 0 { line.set("query_errors", errs) }
                latencySummary(ns, into: &line)
                // steadier on a shared machine: the median over the class of each query's best round
                let bests = list.indices.filter { kind == "all" || list[$0].kind == kind }.map { best[$0] }.sorted()
                if !bests.isEmpty { line.set("p50_best_us", Double(bests[(bests.count - 1) / 2]) / 1000, places: 2) }
                line.emit()
            }
        }
    }
}
