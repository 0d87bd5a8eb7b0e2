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

        @OptionGroup var books: GeneratedBookOptions
        @Option(help: "page-list, ncx, markers or none.") var pages: Pages = .pageList

        func run() throws {
            var bytes = 0
            var pageCount = 0
            for index in 0..<books.count {
                let book = try EPUBBook.make(
                    seed: books.seed(of: index),
                    chapters: books.chapters,
                    paragraphsPerChapter: books.paragraphs,
                    pages: pages.marking
                )
                try books.write(book.epub, index: index, fileExtension: "epub")
                bytes += book.epub.count
                pageCount += book.pageLabels.count
            }
            print("wrote \(books.count) EPUBs, \(pageCount) printed pages, \(bytes) bytes to \(books.out)")
        }
    }
}
