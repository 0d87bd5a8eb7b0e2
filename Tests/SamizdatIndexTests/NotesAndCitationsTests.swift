import Foundation
import SamizdatIndex
import SamizdatModel
import SamizdatReports
import Testing

/// Notes are searchable and located by their note; citations are indexed and searchable.
@Suite struct NotesAndCitationsTests {
    /// A book whose chapter 1 cites Agamben twice (once by "ibid."), with an endnote printed in
    /// the back matter whose marker stands in chapter 1 on page 3.
    static func annotatedBook(
        id: String = "annotated",
        version: Int = 1,
        noteText: String = "Delyagin used the term ironically."
    )
        -> SegmentedDocument
    {
        var fixture = DocumentFixture(id: id, title: "Camps and Souls", author: "A. Reader", source: "\(id).txt")
        fixture.version = version
        fixture.page("1")
        fixture.section("The Camp", kind: .chapter)
        fixture.paragraph(["The camp is the nomos of the modern (Agamben 1998: 166).", "So it was said."])
        fixture.page("3")
        fixture.paragraph(["The soul survives the camp (ibid.: 170).", "The effective manager arrives."])
        fixture.section("Notes", kind: .backMatter)
        fixture.page("9")
        fixture.paragraph(["Notes"], kind: .heading)
        var document = fixture.document
        let secondParagraph = document.paragraphs[1]
        document.notes = [Note(label: "1", text: noteText, marker: secondParagraph.end - 1, section: 1, page: "9")]
        let first =
            document.text.range(of: "Agamben 1998: 166").map { document.text.utf8.distance(from: document.text.utf8.startIndex, to: $0.lowerBound) }
            ?? 0
        let second =
            document.text.range(of: "ibid.: 170").map { document.text.utf8.distance(from: document.text.utf8.startIndex, to: $0.lowerBound) } ?? 0
        document.citations = [
            Citation(start: first, end: first + "Agamben 1998: 166".utf8.count, authors: ["Agamben"], year: "1998", pages: "166"),
            Citation(start: second, end: second + "ibid.: 170".utf8.count, authors: ["Agamben"], year: "1998", pages: "170", ibid: true),
        ]
        return document
    }

    @Test func aWordOnlyInANoteIsFoundAndLocatedByTheNote() throws {
        let store = try CorpusStore.inMemory()
        #expect(try store.apply(Self.annotatedBook()) == .applied)
        let response = try store.search(SearchRequest(query: "delyagin"))
        #expect(response.totalPassages == 1)
        let hit = try #require(response.hits.first)
        let note = try #require(hit.note)
        #expect(note.label == "1" && note.index == 0 && note.page == "9" && note.markerPage == "3")
        #expect(hit.page == "9" && hit.chapter == "The Camp")
        // the match as a range of the note's text
        let match = try #require(hit.matches.first)
        #expect(match.start == 0 && match.end == "Delyagin".utf8.count)
    }

    @Test func aBodyHitNamesTheNotesAnchoredInItsParagraph() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.annotatedBook())
        let hit = try #require(try store.search(SearchRequest(query: "manager")).hits.first)
        #expect(hit.note == nil)
        #expect(hit.anchoredNotes.map(\.label) == ["1"])
        #expect(hit.page == "3")
    }

    @Test func searchAndConcordanceTakeTheBodyOrTheNotes() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.annotatedBook(noteText: "The camp term was used ironically."))
        var request = SearchRequest(query: "camp")
        #expect(try store.search(request).totalPassages == 3)
        request.region = .body
        #expect(try store.search(request).totalPassages == 2)
        request.region = .notes
        let inNotes = try store.search(request)
        #expect(inNotes.totalPassages == 1 && inNotes.hits.first?.note?.label == "1")
        var concordance = KWICRequest(query: "camp")
        concordance.region = .notes
        let lines = try store.kwic(concordance).lines
        #expect(lines.count == 1 && lines.first?.note?.markerPage == "3" && lines.first?.page == "9")
    }

    @Test func theReaderShowsTheBodyWithoutTheNotesParagraphs() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.annotatedBook())
        let view = try #require(try store.document(id: "annotated"))
        #expect(view.paragraphs.count == 3 && !view.paragraphs.contains { $0.kind == .note })
        #expect(view.notes.count == 1 && view.summary.paragraphs == 3)
    }

    @Test func citationsAreIndexedWithTheirPlaces() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.annotatedBook())
        let all = try store.citations(CitationsRequest())
        #expect(all.citations == 2 && all.authorCount == 1)
        let agamben = try #require(all.authors.first)
        #expect(agamben.name == "Agamben" && agamben.citations == 2 && agamben.documents == 1)
        #expect(agamben.works == [CitedWork(work: "Agamben 1998", year: "1998", citations: 2)])
        let places = try store.citations(CitationsRequest(author: "agamben")).places
        #expect(places.map(\.page) == ["1", "3"])
        #expect(places.map(\.chapter) == ["The Camp", "The Camp"])
        #expect(places.map(\.text) == ["Agamben 1998: 166", "ibid.: 170"])
        #expect(places.map(\.ibid) == [false, true])
        #expect(try store.citations(CitationsRequest(author: "foucault")).citations == 0)
    }

    @Test func citesFindsTheParagraphsThatCiteAnAuthor() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.annotatedBook())
        #expect(try store.search(SearchRequest(query: "cites:agamben")).totalPassages == 2)
        #expect(try store.search(SearchRequest(query: "soul cites:agamben")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "camp -cites:agamben")).totalPassages == 0)
        #expect(try store.search(SearchRequest(query: "cites:foucault")).totalPassages == 0)
        #expect(try store.search(SearchRequest(query: "cites:agam*")).totalPassages == 2)
    }

    @Test func aDeletedDocumentLeavesTheCitationIndex() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.annotatedBook())
        _ = try store.apply(Self.annotatedBook(id: "second"))
        #expect(try store.citations(CitationsRequest()).citations == 4)
        #expect(try store.delete(documentID: "second"))
        #expect(try store.citations(CitationsRequest()).citations == 2)
        #expect(try store.search(SearchRequest(query: "cites:agamben")).totalPassages == 2)
    }
}
