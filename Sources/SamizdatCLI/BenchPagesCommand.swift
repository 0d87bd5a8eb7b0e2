import ArgumentParser
import Foundation
import SamizdatService

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension Samizdat.Bench {
    /// Times the workbench's pages at the server: the corpus page, search, concordance and term
    /// pages for the corpus's single-word queries, and the reader of one text, each over one
    /// keep-alive HTTP connection on loopback.
    struct Pages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the workbench pages at the server: corpus, search, concordance, term, reader (p50/p99 per page, JSON lines).",
            discussion: """
                Starts its own `samizdat up` (free loopback ports, temporary data dir, removed afterwards), ingests the \
                corpus's texts and, with --reader, one more text whose reader page is timed, and waits until index holds \
                them all; with --url it times a report already running instead (holding that corpus). The words asked \
                are the first --words single-word queries of CORPUS/queries.txt. Each page is asked once untimed, then \
                --rounds times; every answer must be 200 and is read whole. One line per page class: n, p50/p99/mean/max \
                in µs (nearest rank), and the median page size in bytes.
                """
        )

        @OptionGroup var options: BenchOptions
        @Option(help: "A text file, not one of the corpus, ingested after it; its reader page is timed.") var reader: String?
        @Option(help: "Timed rounds per page.") var rounds = 10
        @Option(help: "How many single-word queries of queries.txt the search, concordance and term pages are asked for.")
        var words = 10
        @Option(help: "Segment workers of the stack started.") var workers = 2
        @Option(help: "A running report to time (http://HOST:PORT) instead of starting a stack.") var url: String?
        @Option(help: "Seconds to wait for every text to be indexed.") var drain: Double = 900

        func validate() throws {
            guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1, got \(rounds)") }
            guard words >= 1 else { throw ValidationError("--words must be at least 1, got \(words)") }
            if let url, URL(string: url)?.scheme != "http" || URL(string: url)?.host == nil {
                throw ValidationError("--url must be http://HOST:PORT, got \(url)")
            }
            if let reader, !FileManager.default.fileExists(atPath: reader) {
                throw ValidationError("--reader names no file: \(reader)")
            }
        }

        func run() async throws {
            let corpus = try BenchCorpus(directory: options.corpus)
            let queriesPath = (options.corpus as NSString).appendingPathComponent("queries.txt")
            let asked = try Self.singleWords(try BenchCorpus.queries(path: queriesPath).map { $0.query }, count: words, path: queriesPath)
            if !options.noMeta { corpus.metaLine(command: "bench pages").emit() }
            let session = URLSession(configuration: .ephemeral)
            if let url {
                let pages = PageTimer(base: url, session: session)
                try await time(pages, words: asked)
                return
            }
            let stack = try BenchStack(workers: workers)
            defer { stack.stop() }
            let pages = PageTimer(base: "http://127.0.0.1:\(stack.httpPort)", session: session)
            try await pages.waitUntilAnswering(seconds: 60)
            var files = corpus.names.map { (corpus.directory as NSString).appendingPathComponent($0) }
            if let reader { files.append(reader) }
            try stack.ingest(files)
            try await pages.waitForDocuments(files.count, seconds: drain)
            try await time(pages, words: asked)
        }

        /// Times every page class and prints its line.
        func time(_ pages: PageTimer, words: [String]) async throws {
            var classes: [(name: String, paths: [String])] = [
                ("corpus", ["/"]),
                ("search", words.map { "/search?q=" + Self.escaped($0) }),
                ("concordance", words.map { "/concordance?q=" + Self.escaped($0) }),
                ("term", words.map { "/term?q=" + Self.escaped($0) }),
            ]
            if let reader {
                let identifier = try await pages.documentID(source: (reader as NSString).lastPathComponent)
                classes.append(("reader", ["/documents/" + Self.escaped(identifier)]))
            }
            for pageClass in classes {
                for path in pageClass.paths {
                    _ = try await pages.fetch(path)
                }
                var timings: [UInt64] = []
                var sizes: [Int] = []
                for _ in 0..<rounds {
                    for path in pageClass.paths {
                        let (elapsed, size) = try await pages.fetch(path)
                        timings.append(elapsed)
                        sizes.append(size)
                    }
                }
                var line = BenchLine(bench: "pages")
                line.set("tool", "samizdat")
                line.set("label", "samizdat")
                line.set("variant", "server-rendered,http-keepalive,loopback")
                line.set("version", Samizdat.Bench.toolVersion)
                line.set("class", pageClass.name)
                line.set("pages", pageClass.paths.count)
                line.set("rounds", rounds)
                latencySummary(timings, into: &line)
                line.set("bytes_p50", sizes.sorted()[sizes.count / 2])
                line.emit()
            }
        }

        /// The first `count` distinct single-word queries (no phrase, no operator).
        static func singleWords(_ queries: [String], count: Int, path: String) throws -> [String] {
            var words: [String] = []
            for query in queries where !query.contains(" ") && !query.contains("\"") && !words.contains(query) {
                words.append(query)
            }
            guard !words.isEmpty else { throw BenchError("\(path) holds no single-word query") }
            return Array(words.prefix(count))
        }

        /// `text` as a query value or a path component: letters, digits and `-._~` kept.
        static func escaped(_ text: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
    }
}
