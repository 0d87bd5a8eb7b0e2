import Foundation
import SamizdatIndex
import SamizdatModel
import SamizdatReports
import Testing

/// The reports' view of the store: documents as token streams, kept exact through new
/// versions and deletes, and scopes resolved to documents and chapters.
@Suite struct AnalysisCorpusTests {
    /// Every document as (id, its tokens as form strings, its blocks' kinds and sizes).
    static func flattened(_ corpus: AnalysisCorpus) -> [String] {
        corpus.documents.map { document in
            let words = document.forms.map { corpus.vocabulary.forms[Int($0)] }.joined(separator: " ")
            let blocks = document.blocks.map { "\($0.kind)\($0.end - $0.start)@\($0.section)" }.joined(separator: ",")
            return "\(document.id)|\(words)|\(blocks)|\(document.sentenceStarts)"
        }
    }

    @Test func aDocumentIsItsBodyThenItsNotesAsTokens() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(NotesAndCitationsTests.annotatedBook())
        let corpus = try store.analysisCorpus()
        let document = try #require(corpus.documents.first)
        let words = document.forms.map { corpus.vocabulary.forms[Int($0)] }
        #expect(Array(words.prefix(8)) == ["the", "camp", "is", "the", "nomos", "of", "the", "modern"])
        #expect(Array(words.suffix(5)) == ["delyagin", "used", "the", "term", "ironically"])
        #expect(document.blocks.map(\.kind) == [.body, .body, .body, .note])
        // the note counts in the chapter of its marker; sentences start at each block and sentence
        #expect(document.blocks.last?.section == 0)
        #expect(document.sentenceStarts.first == 0)
        #expect(document.notePages == ["9"] && document.noteMarkerPages == ["3"])
        let lemma = try #require(corpus.vocabulary.forms.firstIndex(of: "camp"))
        #expect(corpus.vocabulary.words[Int(corpus.vocabulary.wordOfForm[lemma])] == "camp")
    }

    @Test func theCorpusStaysExactThroughVersionsAndDeletes() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(NotesAndCitationsTests.annotatedBook(id: "a"))
        _ = try store.apply(CorpusStoreTests.book().document)
        _ = try store.analysisCorpus()
        _ = try store.apply(NotesAndCitationsTests.annotatedBook(id: "a", version: 2, noteText: "A newer note on camps."))
        _ = try store.apply(NotesAndCitationsTests.annotatedBook(id: "c"))
        _ = try store.analysisCorpus()
        #expect(try store.delete(documentID: "book"))
        let streamed = try store.analysisCorpus()

        let fresh = try CorpusStore.inMemory()
        _ = try fresh.apply(NotesAndCitationsTests.annotatedBook(id: "a", version: 2, noteText: "A newer note on camps."))
        _ = try fresh.apply(NotesAndCitationsTests.annotatedBook(id: "c"))
        #expect(Self.flattened(streamed) == Self.flattened(try fresh.analysisCorpus()))
        #expect(streamed.documents.map(\.id) == ["a", "c"])
    }

    @Test func aScopeNamesADocumentByIdOrFileName() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(NotesAndCitationsTests.annotatedBook(id: "a"))
        _ = try store.apply(CorpusStoreTests.book().document)
        let corpus = try store.analysisCorpus()
        let byID = try store.selection(ReportScope(document: "book"), in: corpus)
        let byFile = try store.selection(ReportScope(document: "prophet.txt"), in: corpus)
        #expect(byID == byFile && byID.parts.count == 1 && corpus.documents[byID.parts[0].document].id == "book")
        #expect(throws: ProtocolError(.notFound, "no document 'nowhere.txt' (neither a document id nor a file name)", parameter: "doc")) {
            try store.selection(ReportScope(document: "nowhere.txt"), in: corpus)
        }
    }

    @Test func aChapterIsChosenByNumberOrTitleWithItsSubsections() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(CorpusStoreTests.book().document)
        let corpus = try store.analysisCorpus()
        // sections: 0 Preface (front matter), 1 The Revolution (chapter), 2 Aftermath (under 1)
        let byNumber = try store.selection(ReportScope(document: "book", chapter: "1"), in: corpus)
        let byTitle = try store.selection(ReportScope(chapter: "revolution"), in: corpus)
        #expect(byNumber.parts.first?.sections == [1, 2])
        #expect(byTitle == byNumber)
        let error = #expect(throws: ProtocolError.self) {
            try store.selection(ReportScope(chapter: "epilogue"), in: corpus)
        }
        #expect(error?.code == .notFound && error?.parameter == "chapter")
    }

    @Test func aSubcorpusIsAFieldQuery() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(NotesAndCitationsTests.annotatedBook(id: "a"))
        _ = try store.apply(CorpusStoreTests.book().document)
        let corpus = try store.analysisCorpus()
        let deutscher = try store.selection(ReportScope(subcorpus: "author:deutscher"), in: corpus)
        #expect(deutscher.parts.map { corpus.documents[$0.document].id } == ["book"])
        #expect(deutscher.parts.first?.sections == nil)
        let aftermath = try store.selection(ReportScope(subcorpus: "chapter:aftermath"), in: corpus)
        #expect(aftermath.parts.first?.sections == [2])
        let error = #expect(throws: ProtocolError.self) {
            try store.selection(ReportScope(subcorpus: "stalinist"), in: corpus)
        }
        #expect(error?.code == .badParameter && error?.parameter == "subcorpus")
    }

    @Test func theReferenceOfAKeywordReportIsTheRestOfTheCorpus() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(NotesAndCitationsTests.annotatedBook(id: "a"))
        _ = try store.apply(CorpusStoreTests.book().document)
        let corpus = try store.analysisCorpus()
        let chapter = try store.selection(ReportScope(document: "book", chapter: "1"), in: corpus)
        let rest = store.complement(of: chapter, in: corpus)
        let bookIndex = try #require(corpus.documents.firstIndex { $0.id == "book" })
        #expect(rest.parts.contains { $0.document != bookIndex && $0.sections == nil })
        #expect(rest.parts.first { $0.document == bookIndex }?.sections == [-1, 0])
    }
}
