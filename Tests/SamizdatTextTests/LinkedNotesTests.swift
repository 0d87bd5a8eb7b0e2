import SamizdatModel
import Testing

@testable import SamizdatText

/// Laid-out pages whose markup names its notes and block quotations (as an EPUB's or a web
/// page's does): notes linked by key alone, never by a label read from the text.
@Suite struct LinkedNotesTests {
    static func segment(_ pages: [LaidOutPage]) throws -> SegmentedDocument {
        try Segmenter().segment(pages: pages, id: "d", version: 1, contentHash: "h", metadata: DocumentMetadata(title: "T"))
    }

    @Test func aNoteIsLinkedToTheMarkerThatNamesItWhereverItIsPrinted() throws {
        let body = "The camp was closed in 1953 after the strike. Digits like [2] and word.3 are text here."
        let markerOffset = "The camp was closed in 1953".utf8.count
        let pages = [
            LaidOutPage(
                label: "7",
                lines: [
                    LaidOutLine(
                        text: body,
                        role: .body,
                        startsParagraph: true,
                        noteMarkers: [LaidOutLine.NoteMarker(offset: markerOffset, label: "a", note: "notes#n1")]
                    )
                ]
            ),
            LaidOutPage(
                label: "8",
                lines: [
                    LaidOutLine(
                        text: "3. A note whose text opens with a number.",
                        role: .note,
                        startsParagraph: true,
                        noteStart: LaidOutLine.NoteStart(key: "notes#n1", label: "a")
                    ),
                    LaidOutLine(text: "Its second paragraph.", role: .note, startsParagraph: true),
                ]
            ),
        ]
        let document = try Self.segment(pages)
        #expect(document.text == body)
        #expect(document.notes.count == 1)
        let note = try #require(document.notes.first)
        #expect(note.label == "a")
        #expect(note.marker == markerOffset)
        #expect(note.page == "8")
        #expect(note.text == "3. A note whose text opens with a number. Its second paragraph.")
        #expect(document.unmatchedMarkers.isEmpty)
        #expect(document.unmatchedNotes.isEmpty)
    }

    @Test func aMarkerWithNoNoteIsReportedAndANoteWithNoMarkerToo() throws {
        let pages = [
            LaidOutPage(
                label: "",
                lines: [
                    LaidOutLine(
                        text: "A sentence with a dangling marker.",
                        role: .body,
                        startsParagraph: true,
                        noteMarkers: [LaidOutLine.NoteMarker(offset: 10, label: "9", note: "missing")]
                    ),
                    LaidOutLine(text: "An orphan note.", role: .note, startsParagraph: true, noteStart: LaidOutLine.NoteStart(key: "k", label: "4")),
                ]
            )
        ]
        let document = try Self.segment(pages)
        #expect(document.unmatchedMarkers == ["9"])
        #expect(document.unmatchedNotes == ["4"])
        #expect(document.text == "A sentence with a dangling marker.")
    }

    @Test func theMarkupSaysWhichParagraphsAreBlockQuotations() throws {
        let quoted = "Short."
        let plain = "A paragraph that ends with its source in brackets, as quotations do. (Arendt 1951: 12)."
        let pages = [
            LaidOutPage(
                label: "1",
                lines: [
                    LaidOutLine(
                        text: "An opening paragraph of running text, long enough to be typical.",
                        role: .body,
                        startsParagraph: true,
                        blockQuotation: false
                    ),
                    LaidOutLine(text: quoted, role: .body, startsParagraph: true, blockQuotation: true),
                    LaidOutLine(text: plain, role: .body, startsParagraph: true, blockQuotation: false),
                ]
            )
        ]
        let document = try Self.segment(pages)
        #expect(document.paragraphs.map(\.kind) == [.body, .blockQuote, .body])
    }
}
