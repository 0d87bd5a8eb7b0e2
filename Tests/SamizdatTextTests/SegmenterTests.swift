import SamizdatModel
import Testing

@testable import SamizdatText

/// Hand-made fixtures in the shapes PDF extraction produces (no text from the sample corpus).
struct SegmenterTests {
    func segment(_ text: String) throws -> SegmentedDocument {
        try Segmenter().segment(Document(id: "t", version: 1, contentHash: "", metadata: .init(), text: text))
    }

    static let wrappedLine = "the harbour keepers counted every vessel that entered the bay at dawn"

    /// A small book: roman preface, a chapter over two pages with a slug, running heads, a footer number,
    /// a glued note marker and its endnote at the back.
    static let book: String = {
        var t = " PREFACE\n"
        t += "This short preface explains why the harbour keepers wrote their ledgers\n"
        t += "in such a careful hand, and why nobody read them for a hundred years.\n"
        t += "vii\n"
        t += " Chapter 1\n"
        t += "THE LEDGERS OF THE HARBOUR:\n"
        t += "A SECOND LINE OF TITLE\n\n"
        t += "COUNTING SHIPS\n"
        for _ in 0..<6 { t += wrappedLine + "\n" }
        t += "and so the work was managed.1 Nobody thought the counting would ever\n"
        t += "stop, yet it did stop in the winter of the great storm (Keller 2004: 65).\n"
        t += "1\n"
        t += "\n4412_Harbour.indd 1\n\n12/03/19 4:05 PM\n\n"
        t += "THE BOOK OF LEDGERS\n\n2\n\n"
        for _ in 0..<4 { t += wrappedLine + "\n" }
        t += "and the keepers went home (ibid.: 70).\n"
        t += "\n4412_Harbour.indd 2\n\n12/03/19 4:05 PM\n\n"
        t += "The Ledgers of the Harbour\n\n3\n\n"
        for _ in 0..<3 { t += wrappedLine + "\n" }
        t += "and that was the end of it.\n"
        t += "\n4412_Harbour.indd 3\n\n12/03/19 4:05 PM\n\n"
        t += "THE BOOK OF LEDGERS\n\n4\n\n"
        t += "Notes\nCHAPTER 1\n1. The ledgers are kept in the town archive.\n"
        return t
    }()

    @Test func emptyTextIsRefused() {
        #expect(throws: SegmentationError.self) { try segment("  \n\n \t\n") }
    }

    @Test func bookArtifactsAreRemovedAndPagesMapped() throws {
        let d = try segment(Self.book)
        #expect(!d.text.contains("indd"))
        #expect(!d.text.contains("PM"))
        #expect(!d.text.contains("THE BOOK OF LEDGERS"))
        #expect(!d.text.contains("The Ledgers of the Harbour"))
        #expect(!d.text.contains("\nvii"))
        let kinds = Set(d.artifacts.map(\.kind))
        #expect(kinds == [.printerSlug, .pageNumber, .runningHead])
        // the page map: preface on vii, the chapter from 1, the last body page 3
        #expect(d.page(at: 0) == "vii")
        let managed = d.text.utf8.count - (d.text.components(separatedBy: "managed.").last?.utf8.count ?? 0)
        #expect(d.page(at: managed) == "1")
        let end = d.text.range(of: "that was the end of it")!
        #expect(d.page(at: d.text.utf8.distance(from: d.text.startIndex, to: end.lowerBound)) == "3")
        // a paragraph that runs over a page break knows both pages
        #expect(d.paragraphs.contains { $0.page == "1" && $0.lastPage == "2" })
    }

    @Test func bookStructureAndNotes() throws {
        let d = try segment(Self.book)
        let titles = d.sections.map(\.title)
        #expect(titles.contains("PREFACE"))
        #expect(titles.contains("THE LEDGERS OF THE HARBOUR: A SECOND LINE OF TITLE"))
        #expect(titles.contains("COUNTING SHIPS"))
        let chapter = try #require(d.sections.firstIndex { $0.kind == .chapter })
        let section = try #require(d.sections.firstIndex { $0.title == "COUNTING SHIPS" })
        #expect(d.sections[section].parent == chapter)
        #expect(d.sections.first { $0.title == "PREFACE" }?.kind == .frontMatter)
        #expect(d.sections.contains { $0.kind == .backMatter && $0.title == "Notes" })
        let note = try #require(d.notes.first)
        #expect(note.label == "1")
        #expect(note.text == "The ledgers are kept in the town archive.")
        let marker = try #require(note.marker)
        #expect(d.slice(marker - 8, marker) == "managed.")
        #expect(!d.text.contains("managed.1"))
        #expect(!d.text.contains("town archive"))
        #expect(d.unmatchedNotes.isEmpty)
    }

    @Test func citationsWithIbid() throws {
        let d = try segment(Self.book)
        let keller = try #require(d.citations.first { $0.authors == ["Keller"] && !$0.ibid })
        #expect(keller.year == "2004")
        #expect(keller.pages == "65")
        #expect(d.slice(keller.start, keller.end) == "(Keller 2004: 65)")
        let ibid = try #require(d.citations.first { $0.ibid })
        #expect(ibid.authors == ["Keller"])
        #expect(ibid.year == "2004")
        #expect(ibid.pages == "70")
    }

    @Test func pageFootNotesLeaveTheBody() throws {
        var t = "A Study of Tides\n"
        for _ in 0..<5 { t += Self.wrappedLine + "\n" }
        t += "and they agreed on the count of the day.3 Then the keepers slept until\n\n3\n\nMarlow 1999, p.12\n"
        t += " the bell rang again and the counting began anew in the grey morning\n"
        for _ in 0..<5 { t += Self.wrappedLine + "\n" }
        t += "and the day was done.\n"
        let d = try segment(t)
        #expect(!d.text.contains("Marlow"))
        #expect(d.text.contains("Then the keepers slept until the bell rang again"))
        let note = try #require(d.notes.first)
        #expect(note.label == "3")
        #expect(note.text == "Marlow 1999, p.12")
        #expect(note.marker != nil)
        #expect(d.paragraphs.count == 2)  // the heading and one paragraph across the foot note
    }

    @Test func blogPostsWithBracketedNotes() throws {
        var t = "first post about tides\n\n"
        t += String(repeating: "The keepers counted ships in the bay and wrote them down. ", count: 4) + "They slept. [1] Then they woke.\n\n"
        t += String(repeating: "Another paragraph about the harbour follows here at length. ", count: 4) + "\n\n"
        t += "[1] A note about sleep.\n\n\n"
        t += "second post about storms\n\n"
        t += String(repeating: "Storms came in from the west every autumn without fail. ", count: 4) + "Boats sank. [1]\n\n"
        t += "[1] A note about boats.\n"
        let d = try segment(t)
        let posts = d.sections.filter { $0.kind == .post }.map(\.title)
        #expect(posts == ["first post about tides", "second post about storms"])
        #expect(d.notes.count == 2)
        #expect(d.notes.allSatisfy { $0.marker != nil })
        #expect(!d.text.contains("[1]"))
        #expect(d.text.contains("They slept. Then they woke."))
    }

    @Test func hyphenatedLineEnds() throws {
        var t = ""
        for _ in 0..<3 { t += Self.wrappedLine + "\n" }
        t += "the extraordinary weather and the well-known harbour were both indis-\n"
        t += "tinguishable from the extraordinary fog that covered the well-\n"
        t += "known harbour of the town every morning in the long cold winter.\n"
        let d = try segment(t)
        #expect(d.text.contains("indistinguishable"))
        #expect(d.text.contains("the well-known harbour of the town"))
    }
}

struct OutlineRendererTests {
    @Test func outlineShowsHeadingsPagesParagraphsAndNotes() throws {
        let d = try Segmenter().segment(Document(id: "t", version: 1, contentHash: "", metadata: .init(), text: SegmenterTests.book))
        let outline = OutlineRenderer.render(d)
        #expect(outline.contains("[p. vii]"))
        #expect(outline.contains("[p. 1]"))
        #expect(outline.contains("[p. 2]"))
        #expect(outline.contains("# PREFACE  (front matter)"))
        #expect(outline.contains("# Chapter 1 THE LEDGERS OF THE HARBOUR: A SECOND LINE OF TITLE"))
        #expect(outline.contains("  ## COUNTING SHIPS"))
        #expect(outline.contains("managed.[1]"))
        #expect(outline.contains("note 1 (p. 4): The ledgers are kept in the town archive."))
        #expect(outline.contains("# Notes  (back matter)"))
        #expect(!outline.contains("indd"))
    }
}
