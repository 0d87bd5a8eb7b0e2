import Foundation
import SamizdatCorpus
import SamizdatModel
import SamizdatText
import Testing

@testable import SamizdatExtract

/// Essays written as web pages at test time (`HTMLPage`), each inside a site's boilerplate, read
/// back through libxml2's HTML parser and segmented, against the answers the writer kept.
@Suite struct HTMLExtractionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var container: HTMLPage.Container
        var notes: HTMLPage.NoteMarkup
        var testDescription: String { "\(container.rawValue), \(notes.rawValue)" }
    }

    static let cases: [Case] = HTMLPage.Container.allCases.flatMap { container in
        HTMLPage.NoteMarkup.allCases.map { Case(container: container, notes: $0) }
    }

    static func segmented(_ page: HTMLPage) throws -> SegmentedDocument {
        let bytes = Array(page.html.utf8)
        let extracted = try HTMLExtractor().extract(bytes)
        return try Segmenter().segment(
            pages: extracted.pages,
            id: "page",
            version: 1,
            contentHash: ContentHash.sha256(bytes),
            metadata: DocumentMetadata(title: page.title)
        )
    }

    @Test(arguments: cases)
    func theMainContentComesBackWithoutTheBoilerplate(_ testCase: Case) throws {
        let page = HTMLPage.make(seed: 21, container: testCase.container, notes: testCase.notes)
        let document = try Self.segmented(page)
        let paragraphs = document.paragraphs.filter { $0.kind != .heading }
        #expect(paragraphs.count == page.paragraphs.count)
        for (index, truth) in page.paragraphs.enumerated() where index < paragraphs.count {
            #expect(EPUBExtractionTests.words(document.text(of: paragraphs[index])) == truth.text, "paragraph \(index)")
            #expect((paragraphs[index].kind == .blockQuote) == truth.blockQuotation, "paragraph \(index)")
        }
        for word in page.boilerplate {
            #expect(!document.text.contains(word), "'\(word)' from the boilerplate is in the text")
        }
        #expect(document.sections.map(\.title) == page.headings)
        #expect(document.pages.allSatisfy { $0.label.isEmpty }, "a web page gives no printed pages")
    }

    @Test(arguments: cases)
    func notesAreLinkedAndOutOfTheBody(_ testCase: Case) throws {
        let page = HTMLPage.make(seed: 22, container: testCase.container, notes: testCase.notes)
        let document = try Self.segmented(page)
        #expect(!page.notes.isEmpty)
        #expect(document.notes.count == page.notes.count)
        let bytes = Array(document.text.utf8)
        for (note, truth) in zip(document.notes, page.notes) {
            #expect(note.label == truth.label)
            #expect(EPUBExtractionTests.words(note.text) == truth.text, "note \(truth.label)")
            guard let marker = note.marker else {
                Issue.record("note \(truth.label) is not linked")
                continue
            }
            #expect(String(decoding: bytes[..<marker], as: UTF8.self).hasSuffix(truth.anchor))
            let opening = truth.text.split(separator: " ").prefix(6).joined(separator: " ")
            #expect(!document.text.contains(opening), "note \(truth.label) left in the body")
        }
        #expect(!document.text.contains("↩"))
        #expect(document.unmatchedMarkers.isEmpty)
        #expect(document.unmatchedNotes.isEmpty)
    }

    @Test func pageBreakMarkersGivePrintedPages() throws {
        let html = """
            <!doctype html><html><body><main>
            <span role="doc-pagebreak" id="p7" aria-label="7"></span>
            <h1>A Title</h1><p>First paragraph on seven, running over <span role="doc-pagebreak" aria-label="8"></span>onto eight.</p>
            <p>Second paragraph on eight.</p>
            </main></body></html>
            """
        let extracted = try HTMLExtractor().extract(Array(html.utf8))
        let document = try Segmenter().segment(
            pages: extracted.pages,
            id: "page",
            version: 1,
            contentHash: "x",
            metadata: DocumentMetadata(title: "A Title")
        )
        let paragraphs = document.paragraphs.filter { $0.kind != .heading }
        #expect(paragraphs.map(\.page) == ["7", "8"])
        #expect(paragraphs.first?.lastPage == "8")
        #expect(document.text(of: paragraphs[0]) == "First paragraph on seven, running over onto eight.")
    }

    @Test func aTitleBlockHeaderIsKeptAndASiteHeaderIsNot() throws {
        let html = """
            <!DOCTYPE html><html><head><title>essay</title></head><body>
            <header class="site"><a href="/">The Site Banner</a></header>
            <header id="title-block-header"><h1 class="title">An Essay on Camps</h1></header>
            <p>First paragraph with a note.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> More.</p>
            <section class="footnotes" role="doc-endnotes"><hr /><ol>
            <li id="fn1"><p>The first note.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
            </ol></section></body></html>
            """
        let extracted = try HTMLExtractor().extract(Array(html.utf8))
        let document = try Segmenter().segment(
            pages: extracted.pages,
            id: "page",
            version: 1,
            contentHash: "x",
            metadata: DocumentMetadata(title: "essay")
        )
        #expect(document.sections.map(\.title) == ["An Essay on Camps"])
        #expect(!document.text.contains("Banner"))
        #expect(document.notes.map(\.text) == ["The first note."])
        #expect(document.notes.first?.marker != nil)
    }

    @Test func aPageNestedBeyondReasonIsReadToADepthNotRecursedWithoutBound() throws {
        let html = "<html><body><p>Top words.</p>" + String(repeating: "<div>", count: 20_000) + "deep</body></html>"
        let extracted = try HTMLExtractor().extract(Array(html.utf8))
        #expect(extracted.pages.first?.lines.first?.text == "Top words.")
    }

    @Test func ingestSniffsHTMLAndReadsTheDeclaredCharset() throws {
        let page = HTMLPage.make(seed: 21)
        #expect(DocumentFormat.sniff(Array(page.html.utf8)) == .html)
        let xhtml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n<html><body><p>Hi.</p></body></html>"
        #expect(DocumentFormat.sniff(Array(xhtml.utf8)) == .html)
        #expect(try FileValidation.format(declared: nil, body: Data(page.html.utf8), maxBytes: 1_000_000) == .html)
        #expect(try FileValidation.format(declared: "html", body: Data("<p>A fragment.</p>".utf8), maxBytes: 1_000_000) == .html)
        #expect(throws: ProtocolError.self) {
            try FileValidation.format(declared: "html", body: Data("<html><body><script>x</script></body></html>".utf8), maxBytes: 1_000_000)
        }
        var latin1 = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf".utf8)
        latin1.append(0xE9)
        latin1 += Array(" au lait.</p></body></html>".utf8)
        let extracted = try HTMLExtractor().extract(latin1)
        #expect(extracted.pages.first?.lines.first?.text == "Café au lait.")
    }
}
