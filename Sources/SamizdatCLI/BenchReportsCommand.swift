import ArgumentParser
import Foundation
import SamizdatIndex
import SamizdatModel
import SamizdatReports

extension Samizdat.Bench {
    /// The corpus-linguistics reports, as `../shared/bench/reports_bench.py` times the peers: the
    /// same corpus, node words and documents (`ReportJobs`), each job once as a warm-up, then up to
    /// 3 timed runs while its budget lasts; `seconds` is the best run, `p50_ms` the median per node
    /// word or document. Samizdat's reports read the index's analysis of the texts (`index` line:
    /// its build from a store, which the index service does once per document as texts arrive),
    /// counted by folded form (`--unit form`, the peers' lower-cased tokens) unless asked otherwise.
    struct Reports: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Word list, n-grams, collocates, keyness and dispersion (report lines).")

        @OptionGroup var options: BenchOptions
        @Option(help: "A store built by `bench index --keep` on the same corpus; without it one is built first (not timed).")
        var store: String?
        @Option(help: "Seconds of timed runs per job.") var budget = 20.0
        @Option(help: "The counting unit: form (as the peers count), word or stem.") var unit: CountingUnit = .form

        func run() throws {
            let corpus = try BenchCorpus(directory: options.corpus)
            if !options.noMeta {
                corpus.metaLine(command: "bench reports").emit()
            }
            let jobs = ReportJobs(corpus)
            jobsLine(jobs).emit()
            var temporary: String?
            let path: String
            if let store {
                path = store
            } else {
                let directory = try BenchStoreBuild.temporaryDirectory()
                temporary = directory
                path = (directory as NSString).appendingPathComponent("store.sqlite")
                let (segmented, _, _) = BenchStoreBuild.segment(corpus.documents())
                _ = try BenchStoreBuild.build(segmented, at: path)
            }
            defer {
                if let temporary {
                    try? FileManager.default.removeItem(atPath: temporary)
                }
            }
            // the analysis, from a store opened cold
            let opened = try CorpusStore(path: path)
            let started = benchNanos()
            let analysis = try opened.analysisCorpus()
            let analysedAt = benchNanos()
            analysis.prepare(unit)
            let preparedAt = benchNanos()
            // the n-gram tables, as an index builds them in each refresh once a report asked
            analysis.demand.askForNGramTables(unit)
            analysis.prepare(unit)
            let finishedAt = benchNanos()
            let analysed = Double(finishedAt - started) / 1e9
            let tokens = analysis.documents.reduce(0) { $0 + $1.tokenCount }
            let whole = CorpusSelection.everything(analysis)
            var index = line("index")
            index.set("seconds", analysed, places: 4)
            index.set("analysis_s", Double(analysedAt - started) / 1e9, places: 4)
            index.set("prepare_s", Double(preparedAt - analysedAt) / 1e9, places: 4)
            index.set("ngram_tables_s", Double(finishedAt - preparedAt) / 1e9, places: 4)
            index.set("runs", 1)
            index.set("tokens", tokens)
            index.set("types", UnitTable(analysis.vocabulary, unit: unit).count)
            index.set("tokens_per_s", Double(tokens) / analysed, places: 0)
            index.set("mb_per_s", Double(corpus.bytes) / 1e6 / analysed, places: 2)
            index.set(
                "note",
                "the index's analysis of the stored texts (token streams, vocabulary, words and stems) and what the reports keep over it (totals, ranked word list, corpus postings: prepare_s, each refresh; the ranked bigrams and trigrams: ngram_tables_s, each refresh once an n-grams report asked), from a store opened cold"
            )
            index.emit()

            let wordRequest = WordListRequest(unit: unit, limit: 10_000)
            let wordTiming = measure { _ = WordList.compute(analysis, whole, wordRequest) }
            let words = WordList.compute(analysis, whole, wordRequest)
            var wordLine = line("wordlist", timing: wordTiming)
            wordLine.set("tokens", words.tokens)
            wordLine.set("types", words.types)
            wordLine.set("tokens_per_s", Double(words.tokens) / wordTiming.best, places: 0)
            wordLine["top"] = .array(words.entries.prefix(10).map { .array([.string($0.term), .int($0.frequency)]) })
            wordLine.emit()

            let bigramRequest = NGramsRequest(n: 2, unit: unit, minFrequency: 3, limit: 10)
            let trigramRequest = NGramsRequest(n: 3, unit: unit, minFrequency: 3, limit: 10)
            let gramTiming = measure {
                _ = SamizdatReports.NGrams.compute(analysis, whole, bigramRequest)
                _ = SamizdatReports.NGrams.compute(analysis, whole, trigramRequest)
            }
            let bigrams = SamizdatReports.NGrams.compute(analysis, whole, bigramRequest)
            let trigrams = SamizdatReports.NGrams.compute(analysis, whole, trigramRequest)
            var gramLine = line("ngrams", timing: gramTiming)
            gramLine.set("tokens", tokens)
            gramLine.set("bigram_types_ge3", bigrams.types)
            gramLine.set("trigram_types_ge3", trigrams.types)
            gramLine.set("bigram_tokens_in_ge3", bigrams.tokens)
            gramLine.set("trigram_tokens_in_ge3", trigrams.tokens)
            gramLine["top"] = .array(bigrams.entries.prefix(5).map { .array([.string($0.words.joined(separator: " ")), .int($0.frequency)]) })
            gramLine.set("note", "never across a paragraph or note (the reference: only documents)")
            gramLine.emit()

            let nodes = try jobs.nodes.map { word -> (word: String, type: UInt32) in
                guard let type = try opened.analysisType(word, unit: unit, parameter: "node").id else {
                    throw BenchError("node word '\(word)' is not in the index")
                }
                return (word, type)
            }
            var firstCollocates: CollocatesResponse?
            let collocateTiming = measureItems(nodes.count) { item in
                let request = CollocatesRequest(node: nodes[item].word, unit: unit, minFrequency: 1, sort: .g2, limit: 10)
                let result = SamizdatReports.Collocates.compute(analysis, whole, node: nodes[item].type, nodeName: nodes[item].word, request)
                if item == 0 {
                    firstCollocates = result
                }
            }
            var collocateLine = line("collocates", timing: collocateTiming)
            collocateLine.set("node", nodes.first?.word)
            collocateLine.set("collocate_types", firstCollocates?.collocates)
            collocateLine["top"] = .array(
                (firstCollocates?.entries ?? []).map { .array([.string($0.collocate), .double(($0.logLikelihood * 1e4).rounded() / 1e4)]) }
            )
            collocateLine.set("note", "window 5L+5R within a paragraph or note; G², MI, MI3, t, z, logDice, Dice, ΔP for every collocate")
            collocateLine.emit()

            let documentIDs = jobs.documents.map { ($0 as NSString).deletingPathExtension }
            var firstKeywords: KeywordsResponse?
            let keywordTiming = try measureItems(documentIDs.count) { item in
                let request = KeywordsRequest(unit: unit, scope: ReportScope(document: documentIDs[item]), limit: 10)
                let target = try opened.selection(request.scope, in: analysis)
                let result = SamizdatReports.Keywords.compute(analysis, target: target, reference: nil, request)
                if item == 0 {
                    firstKeywords = result
                }
            }
            var keywordLine = line("keyness", timing: keywordTiming)
            keywordLine.set("doc", jobs.documents.first)
            keywordLine["top"] = .array((firstKeywords?.entries ?? []).map { .array([.string($0.term), .double(($0.g2 * 1e4).rounded() / 1e4)]) })
            keywordLine.set("note", "G², p, Log Ratio, %DIFF and BIC for every type, positive keywords ranked by G²")
            keywordLine.emit()

            var dispersions: [DispersionResponse] = []
            let dispersionTiming = measure {
                dispersions = nodes.map { node in
                    SamizdatReports.Dispersion.compute(
                        analysis,
                        whole,
                        DispersionRequest(term: node.word, unit: unit, parts: 100, hitLimit: 0),
                        types: [node.type]
                    )
                }
            }
            var dispersionLine = line("dispersion", timing: dispersionTiming)
            dispersionLine.set("items", nodes.count)
            dispersionLine["top"] = .array(
                dispersions.prefix(5).map { result in
                    .array([
                        .string(result.term), .int(result.frequency), .double(((result.documents.juillandD ?? 0) * 1e4).rounded() / 1e4),
                        .double(((result.documents.dp ?? 0) * 1e4).rounded() / 1e4),
                    ])
                }
            )
            dispersionLine.set("note", "range, Juilland's D, DP and DPnorm over documents, chapters and 100 equal parts")
            dispersionLine.emit()
        }

        struct Timing {
            var best: Double
            var warmup: Double
            var runs: Int
            var items: [Double] = []
            /// The least CPU time of a timed run (every thread of the process): steadier than
            /// the wall clock on a machine shared with other work.
            var cpu: Double?
        }

        /// A warm-up, then up to 3 timed runs within the budget; the best.
        func measure(_ job: () throws -> Void) rethrows -> Timing {
            let start = benchNanos()
            try job()
            let warmup = Double(benchNanos() - start) / 1e9
            let deadline = BenchDeadline(seconds: budget)
            var timing = Timing(best: warmup, warmup: warmup, runs: 0)
            var last = warmup
            while timing.runs < 3, !deadline.expired, Double(deadline.end - min(deadline.end, benchNanos())) / 1e9 >= last {
                let cpuStart = BenchMachine.cpuSeconds
                let runStart = benchNanos()
                try job()
                last = Double(benchNanos() - runStart) / 1e9
                let cpu = BenchMachine.cpuSeconds - cpuStart
                timing.runs += 1
                timing.best = timing.runs == 1 ? last : min(timing.best, last)
                timing.cpu = timing.runs == 1 ? cpu : min(timing.cpu ?? cpu, cpu)
            }
            return timing
        }

        /// `measure` over items timed one by one: the best run's per-item seconds kept.
        func measureItems(_ count: Int, _ item: (Int) throws -> Void) rethrows -> Timing {
            var itemSeconds: [[Double]] = []
            var timing = try measure {
                var seconds: [Double] = []
                for index in 0..<count {
                    let start = benchNanos()
                    try item(index)
                    seconds.append(Double(benchNanos() - start) / 1e9)
                }
                itemSeconds.append(seconds)
            }
            let totals = itemSeconds.map { $0.reduce(0, +) }
            if let bestRun = totals.indices.dropFirst(itemSeconds.count > 1 ? 1 : 0).min(by: { totals[$0] < totals[$1] }) {
                timing.items = itemSeconds[bestRun]
            }
            return timing
        }

        func line(_ job: String, timing: Timing? = nil) -> BenchLine {
            var line = BenchLine(bench: "report")
            line.set("tool", "samizdat")
            line.set("version", Samizdat.Bench.toolVersion)
            line.set("job", job)
            line.set("variant", "samizdat analyzer (letters and digits, apostrophes inside words), unit \(unit.rawValue)")
            line.set("api", "SamizdatReports over the index's AnalysisCorpus")
            // the process's peak so far: the store, its postings and the analysis corpus held
            line.set("peak_rss_mb", BenchMachine.peakRSSMiB, places: 1)
            if let timing {
                line.set("seconds", timing.best, places: 4)
                line.set("runs", timing.runs)
                line.set("warmup_s", timing.warmup, places: 4)
                line.set("budget_s", budget, places: 1)
                if let cpu = timing.cpu {
                    line.set("cpu_s", cpu, places: 4)
                }
                if !timing.items.isEmpty {
                    let sorted = timing.items.sorted()
                    line.set("items", sorted.count)
                    line.set("p50_ms", sorted[(sorted.count - 1) / 2] * 1000, places: 3)
                    line.set("max_ms", (sorted.last ?? 0) * 1000, places: 3)
                }
            }
            return line
        }

        func jobsLine(_ jobs: ReportJobs) -> BenchLine {
            var line = BenchLine(bench: "report-jobs")
            line.set("tool", "samizdat")
            line["nodes"] = .array(jobs.nodes.map { .string($0) })
            line["node_ranks"] = .array(jobs.nodeRanks.map { .int($0) })
            line["node_freqs"] = .array(jobs.nodeFrequencies.map { .int($0) })
            line["docs"] = .array(jobs.documents.map { .string($0) })
            line.set("corpus_tokens", jobs.corpusTokens)
            line.set("corpus_types", jobs.corpusTypes)
            line.set("node_rule", "10 evenly spaced over ranks 50-150 and over 500-1500 of the word list (rank by -freq, word), words [a-z]{4,} only")
            line.set("doc_rule", "the 10 largest doc_*.txt by UTF-8 bytes (ties by name)")
            return line
        }
    }
}
