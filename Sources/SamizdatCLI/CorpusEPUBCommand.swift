import ArgumentParser
import Foundation
import SamizdatCorpus

extension Samizdat.Corpus {
    /// `samizdat corpus epub --count N --out DIR`: generated books as EPUB 3, for trying ingest and segment.
    struct EPUB: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write deterministic generated books as EPUB 3 (a page list, footnotes and endnotes linked both ways).",
            discussion: """
                Writes DIR/book_NNN.epub; the same arguments give the same bytes. --pages says how the printed \
                pages are given: page-list (the navigation document's page list), ncx (an EPUB 2 NCX's page \
                list), markers (pagebreak markers with their labels) or none.
                """
        )

        enum Pages: String, ExpressibleByArgument, CaseIterable {
            case pageList = "page-list"
            case ncx
            case markers
            case none

            var marking: EPUBBook.PageMarking {
                switch self {
                case .pageList: .pageList
                case .ncx: .ncxPageList
                case .markers: .pageBreakMarkers
                case .none: .none
                }
            }
        }

        @Option(help: "How many books.") var count: Int = 10
        @Option(help: "Chapters per book.") var chapters: Int = 8
        @Option(help: "Paragraphs per chapter.") var paragraphs: Int = 30
        @Option(help: "page-list, ncx, markers or none.") var pages: Pages = .pageList
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
            var pageCount = 0
            for index in 0..<count {
                let book = try EPUBBook.make(
                    seed: seed &+ UInt64(index),
                    chapters: chapters,
                    paragraphsPerChapter: paragraphs,
                    pages: pages.marking
                )
                let name = String(format: "book_%03d.epub", index)
                try Data(book.epub).write(to: URL(fileURLWithPath: (out as NSString).appendingPathComponent(name)))
                bytes += book.epub.count
                pageCount += book.pageLabels.count
            }
            print("wrote \(count) EPUBs, \(pageCount) printed pages, \(bytes) bytes to \(out)")
        }
    }
}
