import ArgumentParser
import Foundation
import SamizdatExtract
import SamizdatModel
import SamizdatText

extension Samizdat.Bench {
    /// PDF extraction throughput beside poppler's own `pdftotext` on the same files in the same run:
    /// `extract` lines for samizdat (poppler linked: pages, labels, layout roles), samizdat with
    /// segmentation after it, and `pdftotext` (one process per file, text to /dev/null), each the
    /// best of up to 3 passes within --budget, one thread, files read into memory before timing
    /// (pdftotext reads them from the page cache).
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "PDF extraction speed (pages/s, MB/s) beside pdftotext on the same files (JSON lines)."
        )

        @Argument(help: "A folder of .pdf files (recursively), e.g. from `samizdat corpus pdf`.") var directory: String
        @Option(help: "Seconds of timed passes per tool.") var budget: Double = 60
        @Option(help: "The pdftotext to measure beside samizdat.") var pdftotext = "/usr/bin/pdftotext"
        @Flag(help: "Do not print the meta line first.") var noMeta = false

        struct Pass {
            var nanoseconds: UInt64 = 0
            var files = 0
            var pages = 0
            var bytes = 0
            var failures = 0
            var complete = true
        }

        func run() throws {
            let paths = try pdfFiles()
            guard !paths.isEmpty else { throw BenchError("no .pdf files in \(directory)") }
            let files = try paths.map { path -> [UInt8] in
                guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
                return [UInt8](data)
            }
            let totalBytes = files.reduce(0) { $0 + $1.count }
            if !noMeta {
                var meta = BenchLine(bench: "meta")
                meta.set("tool", "samizdat")
                meta.set("version", Samizdat.Bench.toolVersion)
                meta.set("command", "bench extract")
                let machine = BenchMachine.current
                meta.set("cpu", machine.cpu)
                meta.set("cores", machine.cores)
                meta.set("platform", machine.platform)
                meta.set("corpus", directory)
                meta.set("corpus_docs", files.count)
                meta.set("corpus_bytes", totalBytes)
                meta.emit()
            }
            let extractor = PDFExtractor()
            let segmenter = Segmenter()
            let extracted = measure(files) { index in
                (try? extractor.extract(files[index])).map(\.pages.count)
            }
            line(tool: "samizdat", api: "SamizdatExtract.PDFExtractor().extract (poppler-glib linked)", extracted, files: files.count).emit()
            let segmented = measure(files) { index in
                guard let document = try? extractor.extract(files[index]),
                    (try? segmenter.segment(pages: document.pages, id: "bench", version: 1, contentHash: "", metadata: DocumentMetadata())) != nil
                else { return nil }
                return document.pages.count
            }
            line(tool: "samizdat+segment", api: "PDFExtractor().extract then Segmenter().segment(pages:)", segmented, files: files.count).emit()
            guard FileManager.default.isExecutableFile(atPath: pdftotext) else {
                FileHandle.standardError.write(Data("no \(pdftotext): the pdftotext line is left out\n".utf8))
                return
            }
            let pageCounts = try paths.indices.map { index -> Int in
                guard let count = try? extractor.check(files[index]) else { throw BenchError("poppler cannot open \(paths[index])") }
                return count
            }
            let baseline = measure(files) { index in
                runPdftotext(paths[index]) ? pageCounts[index] : nil
            }
            line(tool: "pdftotext", api: "\(pdftotext) FILE /dev/null, one process per file", baseline, files: files.count).emit()
        }

        /// Best of up to 3 passes over every file within the budget.
        func measure(_ files: [[UInt8]], _ work: (Int) -> Int?) -> (best: Pass, passes: Int) {
            _ = work(0)
            var passes: [Pass] = []
            let deadline = BenchDeadline(seconds: budget)
            for _ in 0..<3 {
                if deadline.expired { break }
                var pass = Pass()
                let start = benchNanos()
                for index in files.indices {
                    if deadline.expired {
                        pass.complete = false
                        break
                    }
                    if let pages = work(index) { pass.pages += pages } else { pass.failures += 1 }
                    pass.files += 1
                    pass.bytes += files[index].count
                }
                pass.nanoseconds = benchNanos() - start
                passes.append(pass)
                if !pass.complete { break }
            }
            let complete = passes.filter(\.complete)
            let pool = complete.isEmpty ? passes : complete
            let best = pool.min { Double($0.nanoseconds) / Double(max($0.pages, 1)) < Double($1.nanoseconds) / Double(max($1.pages, 1)) }!
            return (best, passes.count)
        }

        func line(tool: String, api: String, _ result: (best: Pass, passes: Int), files: Int) -> BenchLine {
            let seconds = Double(result.best.nanoseconds) / 1e9
            var line = BenchLine(bench: "extract")
            line.set("tool", tool)
            line.set("version", Samizdat.Bench.toolVersion)
            line.set("api", api)
            line.set("corpus", directory)
            line.set("corpus_docs", files)
            line.set("docs", result.best.files)
            line.set("pages", result.best.pages)
            line.set("bytes", result.best.bytes)
            line.set("seconds", seconds, places: 4)
            line.set("pages_per_s", seconds > 0 ? Double(result.best.pages) / seconds : nil, places: 1)
            line.set("mb_per_s", seconds > 0 ? Double(result.best.bytes) / 1e6 / seconds : nil)
            line.set("partial", !result.best.complete)
            line.set("passes", result.passes)
            line.set("threads", 1)
            line.set("failures", result.best.failures)
            return line
        }

        func runPdftotext(_ path: String) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: pdftotext)
            process.arguments = ["-q", path, "/dev/null"]
            do {
                try process.run()
            } catch {
                return false
            }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }

        func pdfFiles() throws -> [String] {
            guard let enumerator = FileManager.default.enumerator(atPath: directory) else { throw BenchError("cannot read \(directory)") }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                if (relative as NSString).pathExtension.lowercased() == "pdf" {
                    found.append((directory as NSString).appendingPathComponent(relative))
                }
            }
            return found.sorted()
        }
    }
}
