import SamizdatIndex
import SamizdatModel
import Testing

/// Every hit and concordance line names the page, section, paragraph and sentence the
/// generator put its word on.
@Suite struct LocationTests {
    @Test func plantedWordsAreFoundWhereTheyWerePut() throws {
        var rng = SplitMix(seed: 2024)
        var f = DocumentFixture(id: "loc", title: "Located", source: "located.txt")
        let filler = ["the", "state", "and", "its", "people", "were", "long", "gone"]
        var planted: [(word: String, paragraph: Int, sentence: Int, page: String, section: String)] = []
        var page = 100
        f.page("xii")
        f.section("Introduction", kind: .frontMatter)
        for chapter in 1...4 {
            f.section("Chapter \(chapter)", kind: .chapter)
            for p in 0..<12 {
                if p % 3 == 0 {
                    page += 1
                    f.page(String(page))
                }
                let marker = "marker\(chapter)x\(p)"
                let n = Int.random(in: 1...4, using: &rng)
                let at = Int.random(in: 0..<n, using: &rng)
                var sentences: [String] = []
                for s in 0..<n {
                    var words = (0..<6).map { _ in filler.randomElement(using: &rng)! }
                    if s == at { words.insert(marker, at: Int.random(in: 0...words.count, using: &rng)) }
                    sentences.append(words.joined(separator: " ") + ".")
                }
                let index = f.paragraphs.count
                let firstSentence = f.sentences.count
                f.paragraph(sentences)
                planted.append((marker, index, firstSentence + at, String(page), "Chapter \(chapter)"))
            }
        }
        let store = try CorpusStore.inMemory()
        _ = try store.apply(f.document)
        for p in planted {
            let hit = try #require(try store.search(SearchRequest(query: p.word)).hits.first)
            #expect(hit.paragraph == p.paragraph && hit.sentence == p.sentence && hit.page == p.page, "\(p.word)")
            #expect(hit.chapter == p.section && hit.section == p.section && hit.source == "located.txt")
            let line = try #require(try store.kwic(KWICRequest(query: p.word)).lines.first)
            #expect(line.paragraph == p.paragraph && line.sentence == p.sentence && line.page == p.page && line.chapter == p.section)
            let counts = try #require(try store.terms(TermsRequest(terms: [p.word])).terms.first?.documents.first?.sections)
            #expect(counts.count == 1 && counts[0].title == p.section && counts[0].count == 1)
        }
    }

    @Test func pageOfAMatchInsideAParagraphThatCrossesAPage() throws {
        var f = DocumentFixture(id: "cross")
        f.page("7")
        f.paragraph(["Opening words here."])
        // one paragraph whose second sentence is printed on the next page
        f.text += "\n\n"
        let start = f.offset
        f.text += "First half on seven."
        f.closePage()
        f.currentPage = "8"
        f.pageStart = f.offset
        f.text += " Second half with kronstadt on eight."
        f.paragraphs.append(Paragraph(start: start, end: f.offset, page: "7", lastPage: "8"))
        f.sentences.append(Sentence(start: start, end: start + 20, paragraph: 1))
        f.sentences.append(Sentence(start: start + 21, end: f.offset, paragraph: 1))
        let store = try CorpusStore.inMemory()
        _ = try store.apply(f.document)
        let hit = try #require(try store.search(SearchRequest(query: "kronstadt")).hits.first)
        #expect(hit.page == "8" && hit.paragraphPages == ["7", "8"] && hit.sentence == 2)
        let first = try #require(try store.search(SearchRequest(query: "half")).hits.first)
        #expect(first.page == "7")
    }
}
