import ArgumentParser
import Foundation
import SamizdatCorpus
import SamizdatModel
import SamizdatText

extension Samizdat.Bench {
    /// Sentence segmentation throughput, as seg_bench.py measures the peers: whole documents,
    /// one thread, a warm-up on the first document, up to 3 timed passes within --budget, best
    /// pass reported. Samizdat's segmenter does the whole job (normalise, de-page, headings,
    /// notes, citations, sentences), so its sentences/s is not only sentence splitting. Then one
    /// `seg_golden_rules` line: the segmenter's score on pySBD's 48 English Golden Rules.
    struct Segment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Segmentation throughput (seg lines) and the English Golden Rules score; with --truth, precision/recall/F1 against the ground truth."
        )

        @OptionGroup var options: BenchOptions
        @Option(help: "Seconds of timed passes (default 120, as seg_bench.py).") var budget: Double = 120
        @Flag(help: "Score each document against its doc_NNNNN.truth.json (a `samizdat corpus generate` folder).")
        var truth = false

        func run() throws {
            let corpus = try BenchCorpus(directory: options.corpus)
            if !options.noMeta { corpus.metaLine(command: "bench segment").emit() }
            let docs = corpus.documents()
            let segmenter = Segmenter()
            var warm = benchNanos()
            _ = try? segmenter.segment(docs[0])
            warm = benchNanos() - warm

            struct Pass {
                var ns: UInt64
                var bytes: Int
                var docs: Int
                var sentences: Int
                var failures: Int
                var complete: Bool
            }
            var passes: [Pass] = []
            let deadline = BenchDeadline(seconds: budget)
            for _ in 0..<3 {
                if deadline.expired { break }
                var p = Pass(ns: 0, bytes: 0, docs: 0, sentences: 0, failures: 0, complete: true)
                let t0 = benchNanos()
                for (doc, size) in zip(docs, corpus.sizes) {
                    if deadline.expired {
                        p.complete = false
                        break
                    }
                    if let s = try? segmenter.segment(doc) { p.sentences += s.sentences.count } else { p.failures += 1 }
                    p.bytes += size
                    p.docs += 1
                }
                p.ns = benchNanos() - t0
                passes.append(p)
                FileHandle.standardError.write(
                    "  samizdat: pass \(passes.count) \(Double(p.ns) / 1e9)s \(Double(p.bytes) / 1e6)MB complete=\(p.complete)\n".data(using: .utf8)!
                )
                if !p.complete { break }
            }
            let done = passes.filter(\.complete).isEmpty ? passes : passes.filter(\.complete)
            let best = done.min { Double($0.ns) / Double(max($0.bytes, 1)) < Double($1.ns) / Double(max($1.bytes, 1)) }!
            let seconds = Double(best.ns) / 1e9
            var line = BenchLine(bench: "seg")
            line.set("tool", "samizdat")
            line.set("version", Samizdat.Bench.toolVersion)
            line.set("api", "SamizdatText.Segmenter().segment(Document)")
            line.set("corpus", options.corpus)
            line.set("corpus_bytes", corpus.bytes)
            line.set("corpus_docs", docs.count)
            line.set("bytes", best.bytes)
            line.set("docs", best.docs)
            line.set("seconds", seconds, places: 4)
            line.set("mb_per_s", seconds > 0 ? Double(best.bytes) / 1e6 / seconds : nil)
            line.set("sentences", best.sentences)
            line.set("sentences_per_s", seconds > 0 ? Int((Double(best.sentences) / seconds).rounded()) : nil)
            line.set("partial", !best.complete)
            line.set("passes", passes.count)
            line.set("warmup_s", Double(warm) / 1e9)
            line.set("threads", 1)
            line.set("failures", best.failures)
            line.emit()

            goldenRules(segmenter).emit()
            if truth { try score(corpus, docs, segmenter) }
        }

        /// The `seg_golden_rules` line: how many of pySBD's 48 English Golden Rules the segmenter
        /// passes (`SamizdatCorpus/GoldenRules.swift`), and the numbers of those it fails.
        func goldenRules(_ segmenter: Segmenter) -> BenchLine {
            let outcomes = GoldenRules.run(segmenter)
            let failed = outcomes.filter { !$0.passed }.map(\.rule.number)
            var line = BenchLine(bench: "seg_golden_rules")
            line.set("tool", "samizdat")
            line.set("version", Samizdat.Bench.toolVersion)
            line.set("rules", outcomes.count)
            line.set("passed", outcomes.count - failed.count)
            line["failed"] = .array(failed.map { .int($0) })
            return line
        }

        /// One `seg_score` line per text kind and one for all, each with the scorer's categories.
        func score(_ corpus: BenchCorpus, _ docs: [Document], _ segmenter: Segmenter) throws {
            var byKind: [String: SegmentationScore] = [:]
            var byLayout: [String: LayoutScore] = [:]
            var missing = 0
            var failures = 0
            let decoder = JSONDecoder()
            for (name, doc) in zip(corpus.names, docs) {
                let stem = (name as NSString).deletingPathExtension
                let path = (corpus.directory as NSString).appendingPathComponent(stem + ".truth.json")
                guard let data = FileManager.default.contents(atPath: path) else {
                    missing += 1
                    continue
                }
                let truth = try decoder.decode(GroundTruth.self, from: data)
                guard let segmented = try? segmenter.segment(doc) else {
                    failures += 1
                    continue
                }
                if let layout = truth.layout {
                    let l = LayoutScore.score(segmented, truth: truth)
                    byLayout[layout, default: LayoutScore()] = byLayout[layout, default: LayoutScore()] + l
                    byLayout["all", default: LayoutScore()] = byLayout["all", default: LayoutScore()] + l
                }
                let s = Scorer.score(segmented, truth: truth)
                byKind[truth.kind.rawValue, default: SegmentationScore()] = byKind[truth.kind.rawValue, default: SegmentationScore()] + s
                byKind["all", default: SegmentationScore()] = byKind["all", default: SegmentationScore()] + s
            }
            guard !byKind.isEmpty else { throw BenchError("no doc_*.truth.json beside the texts in \(corpus.directory)") }
            for kind in ["all"] + TextKind.allCases.map(\.rawValue) {
                guard let s = byKind[kind] else { continue }
                var line = BenchLine(bench: "seg_score")
                line.set("tool", "samizdat")
                line.set("version", Samizdat.Bench.toolVersion)
                line.set("kind", kind)
                line.set("docs", s.documents)
                if kind == "all" {
                    line.set("docs_without_truth", missing)
                    line.set("failures", failures)
                }
                for (name, c) in s.categories {
                    var o = BenchLine()
                    o.set("truth", c.truth)
                    o.set("found", c.found)
                    o.set("matched", c.matched)
                    if let a = c.agreeing { o.set("agreeing", a) }
                    o.set("precision", c.precision, places: 4)
                    o.set("recall", c.recall, places: 4)
                    o.set("f1", c.f1, places: 4)
                    line[name] = .object(o)
                }
                line.emit()
            }
            let layouts = byLayout.keys.filter { $0 != "all" }.sorted()
            for layout in layouts + (layouts.isEmpty ? [] : ["all"]) { layoutLine(layout, byLayout[layout]!).emit() }
        }

        /// A `seg_layout` line: de-paging on the texts of one page layout (`samizdat corpus layouts`), the
        /// measures of `LayoutScore`, with the targets beside them.
        func layoutLine(_ layout: String, _ s: LayoutScore) -> BenchLine {
            var line = BenchLine(bench: "seg_layout")
            line.set("tool", "samizdat")
            line.set("version", Samizdat.Bench.toolVersion)
            line.set("layout", layout)
            line.set("docs", s.documents)
            line.set("artifact_lines", s.artifactLines)
            line.set("artifact_lines_left", s.artifactLinesLeft)
            line.set("artifact_left_share", s.artifactLeftShare, places: 4)
            line.set("text_lines_removed", s.textLinesRemoved)
            line.set("paragraphs", s.paragraphs)
            line.set("paragraphs_right_page", s.paragraphsRightPage)
            line.set("page_accuracy", s.pageAccuracy, places: 4)
            line.set("paragraphs_whole", s.paragraphsWhole)
            line.set("whole_share", s.wholeShare, places: 4)
            line.set("heading_precision", s.headings.precision, places: 4)
            line.set("heading_recall", s.headings.recall, places: 4)
            line.set("notes", s.notes)
            line.set("notes_out_share", s.notesOutShare, places: 4)
            line.set("notes_linked_share", s.notesLinkedShare, places: 4)
            line.set("notes_complete_share", s.notesCompleteShare, places: 4)
            line.set("page_hyphens", s.pageHyphens)
            line.set("page_hyphens_joined_share", s.pageHyphensJoinedShare, places: 4)
            let met =
                s.artifactLeftShare <= 0.01 && s.pageAccuracy >= 0.99 && s.headings.precision >= 0.95 && s.headings.recall >= 0.95
                && s.notesOutShare >= 0.97 && s.notesLinkedShare >= 0.9
            line.set("targets_met", met)
            return line
        }
    }
}
