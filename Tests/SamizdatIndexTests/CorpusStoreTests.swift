import Foundation
import SamizdatIndex
import SamizdatModel
import Testing

@Suite struct CorpusStoreTests {
    static func book(version: Int = 1, extra: String? = nil) -> DocumentFixture {
        var f = DocumentFixture(id: "book", title: "The Prophet Armed", author: "Isaac Deutscher", source: "prophet.txt")
        f.version = version
        f.page("ix")
        f.section("Preface", kind: .frontMatter)
        f.paragraph(["This book tells of Trotsky and the Stalinists.", "It was written in exile."])
        f.page("1")
        f.section("The Revolution", kind: .chapter)
        f.paragraph(["In 1917 the revolution came.", "Lenin and Trotsky led the post-war state."])
        f.page("2")
        f.paragraph(["Žižek later wrote of Stalinist terror.", "Claudín wrote of the Comintern’s crisis."])
        f.section("Aftermath", kind: .section, level: 2, parent: 1)
        f.paragraph(["The Stalinist bureaucracy grew.", extra ?? "Nothing else happened."])
        return f
    }

    @Test func applyIsIdempotentPerVersion() throws {
        let store = try CorpusStore.inMemory()
        let doc = Self.book().document
        #expect(try store.apply(doc) == .applied)
        let first = try store.stats()
        #expect(try store.apply(doc) == .alreadyApplied)
        #expect(try store.stats() == first)
        #expect(first.documents == 1 && first.versions == 1 && first.paragraphs == 4 && first.sentences == 8)
        let summary = try #require(try store.documents().first)
        #expect(summary.id == "book" && summary.title == "The Prophet Armed" && summary.source == "prophet.txt")
        #expect(summary.pages == 3 && summary.tokens == first.tokens)
    }

    @Test func newerVersionReplacesOlderIsIgnored() throws {
        let store = try CorpusStore.inMemory()
        #expect(try store.apply(Self.book(version: 1).document) == .applied)
        #expect(try store.apply(Self.book(version: 2, extra: "Kamenev vanished.").document) == .applied)
        #expect(try store.apply(Self.book(version: 1).document) == .superseded)
        #expect(try store.search(SearchRequest(query: "kamenev")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "\"nothing else happened\"")).totalPassages == 0)
        let stats = try store.stats()
        #expect(stats.documents == 1 && stats.versions == 2 && stats.paragraphs == 4)
        // statistics equal those of a store that only ever saw version 2
        let fresh = try CorpusStore.inMemory()
        _ = try fresh.apply(Self.book(version: 2, extra: "Kamenev vanished.").document)
        var expected = try fresh.stats()
        expected.versions = 2
        #expect(stats == expected)
        #expect(try store.terms(TermsRequest(limit: 1000)) == fresh.terms(TermsRequest(limit: 1000)))
        #expect(try store.terms(TermsRequest(terms: ["happened"])).terms.first?.frequency == 0)
    }

    @Test func deleteRemovesEverything() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.book().document)
        var other = DocumentFixture(id: "other", title: "Other")
        other.paragraph(["Trotsky again, and the revolution."])
        _ = try store.apply(other.document)
        #expect(try store.delete(documentID: "book"))
        #expect(try !store.delete(documentID: "book"))
        let stats = try store.stats()
        #expect(stats.documents == 1 && stats.versions == 1 && stats.paragraphs == 1)
        let fresh = try CorpusStore.inMemory()
        _ = try fresh.apply(other.document)
        #expect(stats == (try fresh.stats()))
        #expect(try store.terms(TermsRequest(limit: 1000)) == fresh.terms(TermsRequest(limit: 1000)))
        #expect(try store.search(SearchRequest(query: "stalinist")).totalPassages == 0)
        #expect(try store.document(id: "book") == nil)
        // the deleted version can come back
        #expect(try store.apply(Self.book().document) == .applied)
    }

    @Test func stemmedFindsInflectionsExactDoesNot() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.book().document)
        #expect(try store.search(SearchRequest(query: "stem:stalinist")).totalPassages == 3)
        #expect(try store.search(SearchRequest(query: "stalinist")).totalPassages >= 2)
        #expect(try store.search(SearchRequest(query: "exact:stalinist")).totalPassages == 2)
        #expect(try store.search(SearchRequest(query: "exact:stalinists")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "zizek")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "Claudin")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "comintern's")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "postwar")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "post-war")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "war")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "1917")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "stal*")).totalPassages == 3)
    }

    @Test func fieldsFilter() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(Self.book().document)
        var other = DocumentFixture(id: "other", title: "Other Things", author: "Someone", source: "other.md")
        other.section("Trials", kind: .chapter)
        other.paragraph(["Trotsky again, and the revolution."])
        _ = try store.apply(other.document)
        #expect(try store.search(SearchRequest(query: "trotsky")).totalDocuments == 2)
        #expect(try store.search(SearchRequest(query: "trotsky title:prophet")).totalDocuments == 1)
        #expect(try store.search(SearchRequest(query: "trotsky author:deutscher")).documents.first?.documentID == "book")
        #expect(try store.search(SearchRequest(query: "trotsky doc:other.md")).documents.first?.documentID == "other")
        #expect(try store.search(SearchRequest(query: "trotsky doc:book")).documents.first?.documentID == "book")
        #expect(try store.search(SearchRequest(query: "stalinist chapter:revolution")).totalPassages == 2)
        #expect(try store.search(SearchRequest(query: "trotsky -title:prophet")).documents.map(\.documentID) == ["other"])
        #expect(try store.search(SearchRequest(query: "trotsky", documentID: "other")).totalPassages == 1)
    }

    @Test func hitsCarryLocationsAndSnippets() throws {
        let store = try CorpusStore.inMemory()
        let fixture = Self.book()
        _ = try store.apply(fixture.document)
        let r = try store.search(SearchRequest(query: "terror"))
        let hit = try #require(r.hits.first)
        #expect(hit.documentID == "book" && hit.title == "The Prophet Armed" && hit.source == "prophet.txt")
        #expect(hit.paragraph == 2 && hit.sentence == 4 && hit.page == "2")
        #expect(hit.section == "The Revolution" && hit.chapter == "The Revolution")
        #expect(hit.score > 0)
        #expect(hit.snippet.contains("«terror»"))
        let m = try #require(hit.snippetMatches.first)
        let bytes = Array(hit.snippetText.utf8)
        #expect(String(decoding: bytes[m.start..<m.end], as: UTF8.self) == "terror")
        let doc = fixture.document
        let match = try #require(hit.matches.first)
        #expect(doc.slice(match.start, match.end) == "terror")
        // a subsection reports itself as section and its chapter as chapter
        let b = try #require(try store.search(SearchRequest(query: "bureaucracy")).hits.first)
        #expect(b.section == "Aftermath" && b.chapter == "The Revolution" && b.page == "2")
        let p = try #require(try store.search(SearchRequest(query: "exile")).hits.first)
        #expect(p.chapter == "Preface" && p.page == "ix" && p.sentence == 1)
    }

    @Test func groupedByDocumentBestFirst() throws {
        let store = try CorpusStore.inMemory()
        for i in 0..<5 {
            var f = DocumentFixture(id: "d\(i)", title: "Doc \(i)")
            for j in 0..<(i + 1) { f.paragraph(["The revolution \(j) and " + String(repeating: "revolution ", count: i) + "ends."]) }
            f.paragraph(["Nothing here."])
            _ = try store.apply(f.document)
        }
        let r = try store.search(SearchRequest(query: "revolution", limit: 3, passagesPerDocument: 2))
        #expect(r.totalDocuments == 5 && r.totalPassages == 15)
        #expect(r.documents.count == 3 && r.hits.count == 3)
        #expect(r.documents.map(\.documentID) == ["d4", "d3", "d2"])
        #expect(r.documents[0].matchingPassages == 5 && r.documents[0].hits.count == 2)
        for d in r.documents { #expect(d.hits.map(\.score) == d.hits.map(\.score).sorted(by: >)) }
        #expect(r.hits.map(\.score) == r.hits.map(\.score).sorted(by: >))
        let page2 = try store.search(SearchRequest(query: "revolution", limit: 3, offset: 3))
        #expect(page2.documents.map(\.documentID) == ["d1", "d0"])
    }

    @Test func badQueryThrowsQueryError() throws {
        let store = try CorpusStore.inMemory()
        #expect(throws: QueryError.self) { try store.search(SearchRequest(query: "(lenin")) }
        #expect(throws: QueryError.self) { try store.kwic(KWICRequest(query: "lenin AND")) }
    }

    @Test func documentView() throws {
        let store = try CorpusStore.inMemory()
        let fixture = Self.book()
        _ = try store.apply(fixture.document)
        let view = try #require(try store.document(id: "book"))
        #expect(view.paragraphs.count == 4 && view.sections.count == 3 && view.pages.count == 3)
        #expect(view.paragraphs[3].sectionTitle == "Aftermath" && view.paragraphs[3].page == "2")
        #expect(view.paragraphs[0].text == fixture.document.slice(fixture.paragraphs[0].start, fixture.paragraphs[0].end))
    }

    @Test func fileStoreReopens() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("index.sqlite").path
        do {
            let store = try CorpusStore(path: path)
            _ = try store.apply(Self.book().document)
        }
        let again = try CorpusStore(path: path)
        #expect(try again.apply(Self.book().document) == .alreadyApplied)
        #expect(try again.search(SearchRequest(query: "trotsky")).totalPassages == 2)
        var other = DocumentFixture(id: "other")
        other.paragraph(["Stalinists everywhere."])
        _ = try again.apply(other.document)
        #expect(try again.terms(TermsRequest(terms: ["stalinists"], unit: .form)).terms.first?.frequency == 2)
    }

    /// Optimize keeps every hit, its order and its score; a store built afresh scores alike.
    @Test func optimizeKeepsResults() throws {
        let store = try CorpusStore.inMemory()
        for v in 1...3 { _ = try store.apply(Self.book(version: v, extra: "Version \(v) text.").document) }
        let before = try store.search(SearchRequest(query: "stalinist OR version"))
        try store.optimize()
        let after = try store.search(SearchRequest(query: "stalinist OR version"))
        #expect(after == before)
        #expect(after.totalPassages == before.totalPassages && before.totalPassages == 3)
        // merged: the same store built afresh scores alike
        let fresh = try CorpusStore.inMemory()
        _ = try fresh.apply(Self.book(version: 3, extra: "Version 3 text.").document)
        #expect(try fresh.search(SearchRequest(query: "stalinist OR version")).hits.map(\.score) == after.hits.map(\.score))
    }

    @Test func batchApply() throws {
        let store = try CorpusStore.inMemory()
        var other = DocumentFixture(id: "other")
        other.paragraph(["Trotsky."])
        let outcomes = try store.apply([Self.book().document, other.document, Self.book().document])
        #expect(outcomes == [.applied, .applied, .alreadyApplied])
        #expect(try store.stats().documents == 2)
    }

    @Test func documentWithoutParagraphsIsSplitOnBlankLines() throws {
        let store = try CorpusStore.inMemory()
        let doc = SegmentedDocument(
            id: "raw",
            version: 1,
            contentHash: "h",
            metadata: DocumentMetadata(),
            text: "One para.\n\n\nTwo para here.\n \nThree."
        )
        _ = try store.apply(doc)
        #expect(try store.stats().paragraphs == 3)
        #expect(try store.search(SearchRequest(query: "three")).hits.first?.paragraph == 2)
    }
}
