import Foundation
import SamizdatCorpus
import SamizdatModel
import Testing

@testable import SamizdatText

/// De-paging by a page model: the layouts of `PageStyle.all`, and small pages made by hand.
struct PageModelTests {
    static func segment(_ text: String) throws -> SegmentedDocument {
        try Segmenter().segment(Document(id: "t", version: 1, contentHash: "", metadata: .init(), text: text))
    }

    /// Every layout at the targets for pages and notes, and near them for artifacts.
    @Test func layoutsMeetTheTargets() throws {
        var byLayout: [String: LayoutScore] = [:]
        for g in LayoutGenerator().corpus(seed: 5, perStyle: 2, targetBytes: 50_000) {
            let doc = try Self.segment(g.text)
            byLayout[g.truth.layout!, default: LayoutScore()] =
                byLayout[g.truth.layout!, default: LayoutScore()] + LayoutScore.score(doc, truth: g.truth)
        }
        #expect(byLayout.count == PageStyle.all.count)
        for (layout, s) in byLayout {
            #expect(s.artifactLines > 0 && s.paragraphs > 0)
            // the target is 1%: single recto heads and a first page's heading are the rest (docs/PAGES.md)
            #expect(s.artifactLeftShare <= 0.03, "\(layout): \(s.artifactLinesLeft) of \(s.artifactLines) artifact lines left")
            #expect(s.textLinesRemoved * 20 <= s.artifactLines, "\(layout): \(s.textLinesRemoved) text lines removed")
            #expect(s.pageAccuracy >= 0.99, "\(layout): \(s.paragraphsRightPage) of \(s.paragraphs) paragraphs on the right page")
            #expect(s.notesOutShare >= 0.97 && s.notesLinkedShare >= 0.9, "\(layout): notes out \(s.notesOutShare), linked \(s.notesLinkedShare)")
            #expect(s.headings.recall >= 0.9, "\(layout): heading recall \(s.headings.recall)")
        }
    }

    /// Numbers at the top of the page label the page they open, not the one before.
    @Test func topNumbersOpenTheirPage() throws {
        var text = ""
        for page in 211...216 {
            text += (page == 211 ? "" : " ") + "\(page)\n\nJOURNAL OF THINGS\n\n"
            text += "Words on page \(page) run on in a line of text that is long enough for a body line\n"
            text += "and a second line ends the sentence about page \(page) here.\n"
        }
        let doc = try Self.segment(text)
        #expect(doc.artifacts.filter { $0.kind == .pageNumber }.count == 6)
        #expect(doc.artifacts.filter { $0.kind == .runningHead }.count == 6)
        #expect(!doc.text.contains("JOURNAL"))
        for page in 211...216 {
            let at = doc.text.range(of: "page \(page) run on")!
            let offset = doc.text.utf8.distance(from: doc.text.startIndex, to: at.lowerBound)
            #expect(doc.page(at: offset) == "\(page)")
        }
    }

    /// A contents page's references and a table's cells are bare numbers that stay in the text.
    @Test func contentsAndTableNumbersStayText() throws {
        var text = "Contents\n\nChapter 1: The First Things\n\n3\n\nChapter 2: The Second Things\n\n9\n\n"
        for page in 1...8 {
            text += " THE BOOK \(page)\n\nThe text of page \(page) runs on in a line long enough to be a body line of it\n"
            if page == 4 { text += "\nTable 1. Counts\n\nYear\nCount\n\n1990\n5\n\n1991\n6\n\n" }
            text += "and it ends the sentence about page \(page) here.\n"
        }
        let doc = try Self.segment(text)
        let numbers = doc.artifacts.filter { $0.kind == .pageNumber }.map(\.text)
        #expect(numbers.isEmpty, "\(numbers)")
        #expect(doc.artifacts.filter { $0.kind == .runningHead }.count == 8)
        for kept in ["3", "9", "1990", "5", "1991", "6"] {
            #expect(doc.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).contains { $0 == kept }, "\(kept) left the text")
        }
        let at = doc.text.range(of: "page 5 runs")!
        #expect(doc.page(at: doc.text.utf8.distance(from: doc.text.startIndex, to: at.lowerBound)) == "5")
    }

    /// A footnote broken off at a page foot is joined by its rest at the next page's foot.
    @Test func continuedFootnoteIsJoined() throws {
        let text = """
            The first page has a sentence with a marker at its end, and it is managed.1 The
            sentence after it goes on for a while to fill the page with text of its own.

            1 Smith 1990, p.3. The note starts here and it breaks off in the middle of
            12
             the text of the second page goes on here, a long line of body text as before,
            and the sentence ends on this line.

            a sentence that ends on the next page.
            13
             The third page has its own text, a long line of body text as the others have,
            and its sentence ends here too.
            14
             The fourth page ends the document with one more line of text to read through.
            15
            """
        let doc = try Self.segment(text)
        #expect(doc.notes.count == 1)
        #expect(
            doc.notes.first?.text == "Smith 1990, p.3. The note starts here and it breaks off in the middle of a sentence that ends on the next page."
        )
        #expect(!doc.text.contains("breaks off") && !doc.text.contains("next page."))
    }
}
