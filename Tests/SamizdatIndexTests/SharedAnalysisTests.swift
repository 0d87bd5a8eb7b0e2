import Foundation
import SamizdatModel
import SamizdatReports
import Testing

@testable import SamizdatIndex

/// The reports' analysis takes the words the write's own analysis found, and counts exactly what
/// analysing the stored texts again would.
@Suite struct SharedAnalysisTests {
    /// A document whose first paragraph ends inside a character: the store keeps it repaired,
    /// so the reports scan it rather than take the write's words.
    static func cutInsideACharacter() -> SegmentedDocument {
        var fixture = DocumentFixture(id: "cut", title: "Café", author: "B. Writer", source: "cut.txt")
        fixture.page("1")
        fixture.section("Crème", kind: .chapter)
        fixture.paragraph(["A naïve café served crème brûlée.", "Nobody paid."])
        fixture.paragraph(["Then the well-known Solzhenitsyn's Gulag arrived."])
        var document = fixture.document
        let cut = document.text.utf8.count - document.text.drop { $0 != "é" }.utf8.count + 1
        document.paragraphs[0].end = cut
        return document
    }

    static func documents() -> [SegmentedDocument] {
        [
            NotesAndCitationsTests.annotatedBook(id: "a"),
            NotesAndCitationsTests.annotatedBook(id: "b", noteText: "Solzhenitsyn's well-known Gulag: a naïve café, 1973–1975."),
            CorpusStoreTests.book().document,
            cutInsideACharacter(),
        ]
    }

    /// Every document as its words (forms and offsets), blocks and sentence starts.
    static func described(_ corpus: AnalysisCorpus) -> [String] {
        corpus.documents.map { document in
            let words = zip(document.forms, document.offsets).map { "\(corpus.vocabulary.forms[Int($0)])@\($1)" }.joined(separator: " ")
            let blocks = document.blocks.map { "\($0.kind)\($0.start)-\($0.end)@\($0.section)#\($0.index)" }.joined(separator: ",")
            return "\(document.id)|\(words)|\(blocks)|\(document.sentenceStarts)"
        }
    }

    @Test func theReportsCountTheWriteWordsAsTheyCountTheStoredText() throws {
        let documents = Self.documents()
        let shared = try CorpusStore.inMemory()
        _ = try shared.apply(documents)
        let scanned = try CorpusStore.inMemory(sharesAnalysisWithReports: false)
        _ = try scanned.apply(documents)
        #expect(shared.analysisCache.writtenWaiting == documents.count - 1)
        let fromWrites = try shared.analysisCorpus()
        let fromText = try scanned.analysisCorpus()
        #expect(Self.described(fromWrites) == Self.described(fromText))
        #expect(fromWrites.documents.count == documents.count)
        // all but the document cut inside a character came from the write's words
        #expect(shared.analysisCache.analysedFromWrites == documents.count - 1)
        #expect(scanned.analysisCache.analysedFromWrites == 0)
        #expect(shared.analysisCache.writtenWaiting == 0)
    }

    @Test func theWordsOfADocumentDeletedOrReplacedBeforeAnyReportAreDropped() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.documents())
        #expect(try store.delete(documentID: "a"))
        _ = try store.apply(NotesAndCitationsTests.annotatedBook(id: "b", version: 2, noteText: "A newer note on camps."))
        let corpus = try store.analysisCorpus()
        #expect(store.analysisCache.writtenWaiting == 0)

        let fresh = try CorpusStore.inMemory(sharesAnalysisWithReports: false)
        _ = try fresh.apply([
            NotesAndCitationsTests.annotatedBook(id: "b", version: 2, noteText: "A newer note on camps."),
            CorpusStoreTests.book().document,
            Self.cutInsideACharacter(),
        ])
        #expect(Self.described(corpus) == Self.described(try fresh.analysisCorpus()))
    }
}
