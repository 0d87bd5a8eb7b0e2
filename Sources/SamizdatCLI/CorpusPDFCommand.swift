import ArgumentParser
import Foundation
import SamizdatCorpus

extension Samizdat.Corpus {
    /// `samizdat corpus pdf --count N --out DIR`: typeset books as PDFs, for `bench extract` and trying ingest.
    struct PDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write deterministic typeset books as PDFs (roman then arabic page labels, running heads, footnotes).",
            discussion: "Writes DIR/book_NNN.pdf; the same arguments give the same bytes."
        )

        @Option(help: "How many books.") var count: Int = 10
        @Option(help: "Chapters per book.") var chapters: Int = 8
        @Option(help: "Paragraphs per chapter.") var paragraphs: Int = 30
        @Option(help: "Seed.") var seed: UInt64 = 42
        @Option(help: "Output folder.") var out: String

        func validate() throws {
            guard count >= 1, count <= 100_000 else { throw ValidationError("--count must be in 1...100000") }
            guard chapters >= 1, chapters <= 200 else { throw ValidationError("--chapters must be in 1...200") }
            guard paragraphs >= 1, paragraphs <= 1_000 else { throw ValidationError("--paragraphs must be in 1...1000") }
        }

        func run() throws {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var bytes = 0
            var pages = 0
            for index in 0..<count {
                let book = TypesetBook.make(seed: seed &+ UInt64(index), chapters: chapters, paragraphsPerChapter: paragraphs)
                let name = String(format: "book_%03d.pdf", index)
                try Data(book.pdf).write(to: URL(fileURLWithPath: (out as NSString).appendingPathComponent(name)))
                bytes += book.pdf.count
                pages += book.pageLabels.count
            }
            print("wrote \(count) PDFs, \(pages) pages, \(bytes) bytes to \(out)")
        }
    }
}
