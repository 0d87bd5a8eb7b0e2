import Foundation
import SamizdatIndex
import SamizdatModel
import Testing

/// Search, KWIC and term statistics take a document by its id or by the file name it was
/// ingested from; an unknown one is a named error, not an empty answer.
@Suite struct DocumentNamesTests {
    @Test func aDocumentIsNamedByIdOrFileName() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(CorpusStoreTests.book().document)
        _ = try store.apply(NotesAndCitationsTests.annotatedBook())
        let byID = try store.search(SearchRequest(query: "trotsky", documentID: "book"))
        let byFile = try store.search(SearchRequest(query: "trotsky", documentID: "prophet.txt"))
        #expect(byID.totalPassages == 2 && byFile.totalPassages == byID.totalPassages)
        #expect(try store.kwic(KWICRequest(query: "camp", documentID: "annotated.txt")).total == 2)
        #expect(try store.terms(TermsRequest(terms: ["revolution"], documentID: "prophet.txt")).terms.first?.frequency == 1)
    }

    @Test func anUnknownDocumentIsNotFoundNamingTheParameter() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(CorpusStoreTests.book().document)
        for attempt in [
            { _ = try store.search(SearchRequest(query: "trotsky", documentID: "nowhere.txt")) },
            { _ = try store.kwic(KWICRequest(query: "trotsky", documentID: "nowhere.txt")) },
            { _ = try store.terms(TermsRequest(terms: ["trotsky"], documentID: "nowhere.txt")) },
        ] as [() throws -> Void] {
            let error = #expect(throws: ProtocolError.self) { try attempt() }
            #expect(error?.code == .notFound && error?.parameter == "doc")
        }
    }
}
