import ArgumentParser
import Foundation
import SamizdatCorpus
import SamizdatModel

extension Samizdat {
    struct Corpus: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Synthetic corpora with ground truth, for tests and benchmarks.",
            subcommands: [Generate.self, Layouts.self, PDF.self, EPUB.self]
        )

        /// `samizdat corpus generate --mb N --seed S --out DIR`: the same arguments give the same bytes.
        struct Generate: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a deterministic synthetic corpus: books, journal articles and blog files, each with its ground truth.",
                discussion: """
                    Writes DIR/doc_NNNNN.txt, DIR/doc_NNNNN.truth.json (where every artifact, page, heading, \
                    note, sentence end and citation is), DIR/queries.txt (200 queries drawn as make_corpus.py \
                    draws them) and DIR/manifest.json (with the sha256 of all documents, computed as \
                    make_corpus.py computes it). Earlier doc_* files in DIR are removed first.
                    """
            )

            @Option(help: "Megabytes (10^6 bytes) of text.") var mb: Double = 5
            @Option(help: "Seed.") var seed: UInt64 = 42
            @Option(help: "Output folder.") var out: String
            @Flag(help: "Do not write the .truth.json files.") var noTruth = false

            func validate() throws {
                guard mb > 0, mb <= 10_000 else { throw ValidationError("--mb must be in (0, 10000]") }
            }

            func run() throws {
                let fm = FileManager.default
                try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
                for n in (try? fm.contentsOfDirectory(atPath: out)) ?? [] where n.hasPrefix("doc_") && (n.hasSuffix(".txt") || n.hasSuffix(".json")) {
                    try fm.removeItem(atPath: path(n))
                }
                // The main thread makes the texts; a second one hashes, writes and counts them.
                let sink = Sink(seed: seed, directory: out, writeTruth: !noTruth)
                let t0 = Date()
                for doc in CorpusGenerator(seed: seed, megabytes: mb) { sink.take(doc) }
                try sink.finish()
                var queries = sink.queries
                let sizes = sink.sizes
                let kinds = sink.kinds
                let truthCounts = sink.truthCounts
                let list = queries.queries()
                try Data((list.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path("queries.txt")))
                var classes: [String: Int] = [:]
                for q in list { classes[q.hasPrefix("\"") ? "phrase" : q.contains(" AND ") ? "and" : "term", default: 0] += 1 }
                let manifest: [String: Any] = [
                    "generator": "samizdat corpus generate", "version": Samizdat.Bench.toolVersion,
                    "seed": Int(truncatingIfNeeded: seed), "mb": mb, "docs": sizes.count,
                    "books": kinds[.book] ?? 0, "articles": kinds[.article] ?? 0, "blogs": kinds[.blog] ?? 0,
                    "essays": (kinds[.article] ?? 0) + (kinds[.blog] ?? 0),
                    "bytes": sizes.reduce(0, +), "min_doc_bytes": sizes.min() ?? 0, "max_doc_bytes": sizes.max() ?? 0,
                    "vocab_ascii_words": queries.vocabularySize,
                    "queries": list.count, "query_classes": classes,
                    "truth": noTruth
                        ? [:]
                        : [
                            "artifacts": truthCounts.artifacts, "headings": truthCounts.headings,
                            "notes": truthCounts.notes, "sentences": truthCounts.sentences,
                            "citations": truthCounts.citations,
                        ],
                    "sha256": sink.digest.hex(),
                ]
                let data = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
                try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: path("manifest.json")))
                print(String(decoding: data, as: UTF8.self))
                FileHandle.standardError.write(
                    "wrote \(sizes.count) documents, \(sizes.reduce(0, +)) bytes in \(String(format: "%.1f", Date().timeIntervalSince(t0))) s\n".data(
                        using: .utf8
                    )!
                )
            }

            func path(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }
        }

        /// `samizdat corpus layouts --out DIR`: texts in every page layout of `PageStyle.all`, for
        /// `samizdat bench segment --truth`.
        struct Layouts: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract:
                    "Write texts set in the common page layouts (numbers at top, foot or in a head row, roman front matter, contents, tables), each with its ground truth.",
                discussion: """
                    Writes DIR/doc_NNNNN.txt and DIR/doc_NNNNN.truth.json (with the layout's name, every \
                    artifact line, page, paragraph, heading and note), --per-layout texts of each layout in turn. \
                    Earlier doc_* files in DIR are removed first. `samizdat bench segment --corpus DIR --truth` \
                    scores de-paging per layout.
                    """
            )

            @Option(help: "Texts of each layout.") var perLayout: Int = 3
            @Option(help: "Kilobytes (10^3 bytes) of text per document, about.") var kb: Int = 60
            @Option(help: "Seed.") var seed: UInt64 = 18
            @Option(help: "Output folder.") var out: String

            func validate() throws {
                guard perLayout >= 1, perLayout <= 1000 else { throw ValidationError("--per-layout must be in 1...1000") }
                guard kb >= 10, kb <= 10_000 else { throw ValidationError("--kb must be in 10...10000") }
            }

            func run() throws {
                let fm = FileManager.default
                try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
                for n in (try? fm.contentsOfDirectory(atPath: out)) ?? [] where n.hasPrefix("doc_") && (n.hasSuffix(".txt") || n.hasSuffix(".json")) {
                    try fm.removeItem(atPath: (out as NSString).appendingPathComponent(n))
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                var bytes = 0
                let docs = LayoutGenerator().corpus(seed: seed, perStyle: perLayout, targetBytes: kb * 1000)
                for doc in docs {
                    let data = Data(doc.text.utf8)
                    bytes += data.count
                    try data.write(to: URL(fileURLWithPath: (out as NSString).appendingPathComponent(doc.name + ".txt")))
                    var json = try encoder.encode(doc.truth)
                    json.append(10)
                    try json.write(to: URL(fileURLWithPath: (out as NSString).appendingPathComponent(doc.name + ".truth.json")))
                }
                print("wrote \(docs.count) documents (\(PageStyle.all.map(\.name).joined(separator: ", "))), \(bytes) bytes")
            }
        }

        /// Writes generated texts (and their truth) on a serial queue of its own, hashing and
        /// counting them in corpus order, so that writing overlaps making the next text.
        final class Sink: @unchecked Sendable {
            // Touched only on `queue` until `finish()` has waited for it.
            var digest = CorpusDigest()
            var queries: QuerySet
            var sizes: [Int] = []
            var kinds: [TextKind: Int] = [:]
            var truthCounts = (artifacts: 0, headings: 0, notes: 0, sentences: 0, citations: 0)
            private var failure: (any Error)?
            private let queue = DispatchQueue(label: "samizdat.corpus.write")
            private let pending = DispatchSemaphore(value: 2)
            private let directory: String
            private let writeTruth: Bool

            init(seed: UInt64, directory: String, writeTruth: Bool) {
                queries = QuerySet(seed: seed)
                self.directory = directory
                self.writeTruth = writeTruth
            }

            func take(_ doc: GeneratedText) {
                pending.wait()  // at most two texts wait to be written
                queue.async {
                    defer { self.pending.signal() }
                    guard self.failure == nil else { return }
                    do { try self.write(doc) } catch { self.failure = error }
                }
            }

            private func write(_ doc: GeneratedText) throws {
                let bytes = Data(doc.text.utf8)
                digest.update(bytes)
                sizes.append(bytes.count)
                kinds[doc.kind, default: 0] += 1
                try bytes.write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(doc.name + ".txt")))
                if writeTruth {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    var json = try encoder.encode(doc.truth)
                    json.append(10)
                    try json.write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(doc.name + ".truth.json")))
                }
                queries.observe(doc.text)
                let t = doc.truth
                truthCounts.artifacts += t.artifacts.count
                truthCounts.headings += t.headings.count
                truthCounts.notes += t.notes.count
                truthCounts.sentences += t.sentences.count
                truthCounts.citations += t.citations.count
            }

            func finish() throws {
                queue.sync {}
                if let failure { throw failure }
            }
        }
    }
}
