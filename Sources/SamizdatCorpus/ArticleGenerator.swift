/// A journal article as a PDF extraction gives it: "Abstract:" and the abstract, an epigraph,
/// the authors' names, the title, sections with short headings, hard-wrapped paragraphs,
/// block quotations, note markers glued to words with the notes at the foot of the same page,
/// page numbers (from the journal's running pagination) and a leading space at page starts.
struct ArticleGenerator {
    let lexicon: Lexicon

    func generate(name: String, targetBytes: Int, rng seed: SplitMix64) -> GeneratedText {
        var rng = seed
        var setter = PageSetter(name: name, kind: .article, paged: true, rng: SplitMix64(seed: rng.next()), capacity: targetBytes)
        var writer = ProseWriter(
            lexicon: lexicon,
            rng: SplitMix64(seed: rng.next()),
            markerStyle: .glued,
            citationStyle: .article,
            noteRate: 0.05,
            citationRate: 0.06
        )
        writer.lostHyphenRate = 0.12
        setter.linesPerPage = rng.int(38...46)
        setter.width = rng.int(68...78)
        setter.hyphenationRate = 0.15
        setter.footnotes = true
        setter.pageNumber = rng.int(1...600)
        setter.slug = nil
        setter.runningHeads = nil

        let authors = (0..<rng.int(1...3)).map { _ in "\(lexicon.givenName(&rng)) \(lexicon.surname(&rng))" }
        let titleWords = writer.titleWords(rng.int(3...8))
        let title = titleWords.enumerated().map { k, w in
            k == 0 || w.count > 3 ? w.prefix(1).uppercased() + w.dropFirst() : w
        }.joined(separator: " ")
        setter.truth.title = title
        setter.truth.authors = authors

        setter.newPage(opening: true)
        setter.heading(["Abstract:"], kind: .frontMatter, level: 1)
        setter.paragraph(writer.paragraph(sentences: rng.int(3...6), notesAllowed: false), width: setter.width)
        epigraph(&setter, &writer, &rng)
        setter.bodyLine("")
        for (k, a) in authors.enumerated() {
            setter.bodyLine(a + (k < authors.count - 1 ? (k == authors.count - 2 ? " &" : ",") : ""))
        }
        setter.bodyLine("")
        if rng.chance(0.5) { epigraph(&setter, &writer, &rng) }
        setter.bodyLine(title)

        var first = true
        while setter.bytes < targetBytes {
            if !first {
                let words = writer.titleWords(rng.int(1...5))
                setter.heading(
                    [words.enumerated().map { k, w in k == 0 ? w.prefix(1).uppercased() + w.dropFirst() : w }.joined(separator: " ")],
                    kind: .section,
                    level: 1
                )
            }
            first = false
            for _ in 0..<rng.int(3...9) {
                if rng.chance(0.12) {
                    blockQuote(&setter, &writer, &rng)
                } else {
                    let tokens = writer.paragraph(sentences: rng.int(2...9))
                    setter.footnoteSource = writer.notes
                    setter.paragraph(tokens, width: setter.width)
                }
            }
        }
        let (text, truth) = setter.finish()
        return GeneratedText(name: name, kind: .article, text: text, truth: truth)
    }

    /// A quotation set off from the text, opening and closing quotes, possibly a note marker.
    func blockQuote(_ setter: inout PageSetter, _ writer: inout ProseWriter, _ rng: inout SplitMix64) {
        var tokens = writer.paragraph(sentences: rng.int(2...5), notesAllowed: false)
        tokens[0].text = "“" + tokens[0].text
        tokens[0].splittable = false
        let last = tokens.count - 1
        tokens[last].text += "”"
        tokens[last].sentenceEnd = tokens[last].text.utf8.count
        if rng.chance(0.6) { writer.attachMarker(&tokens) }
        setter.footnoteSource = writer.notes
        let range = setter.paragraph(tokens, width: setter.width - 4)
        setter.truth.blockQuotes.append(range)
    }

    /// A short quotation under the abstract with its source in brackets: “…” (Name, 1970)
    func epigraph(_ setter: inout PageSetter, _ writer: inout ProseWriter, _ rng: inout SplitMix64) {
        var tokens = writer.paragraph(sentences: rng.int(1...3), notesAllowed: false)
        tokens[0].text = "“" + tokens[0].text
        tokens[0].splittable = false
        let last = tokens.count - 1
        tokens[last].text += "”"
        tokens[last].sentenceEnd = tokens[last].text.utf8.count
        let surname = lexicon.surname(&rng)
        let year = writer.year()
        var source = ProseToken("(\(surname), \(year))")
        source.citations = [.init(start: 0, end: source.text.utf8.count, authors: [surname], year: year, pages: nil, ibid: false)]
        tokens.append(source)
        let range = setter.paragraph(tokens, width: setter.width)
        setter.truth.blockQuotes.append(range)
    }
}
