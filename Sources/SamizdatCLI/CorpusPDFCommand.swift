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

        @OptionGroup var books: GeneratedBookOptions

        func run() throws {
            var bytes = 0
            var pages = 0
            for index in 0..<books.count {
                let book = TypesetBook.make(seed: books.seed(of: index), chapters: books.chapters, paragraphsPerChapter: books.paragraphs)
                try books.write(book.pdf, index: index, fileExtension: "pdf")
                bytes += book.pdf.count
                pages += book.pageLabels.count
            }
            print("wrote \(books.count) PDFs, \(pages) pages, \(bytes) bytes to \(books.out)")
        }
    }
}
