import Foundation

/// Texts set in the page layouts of `PageStyle.all`, as pdftotext extracts them (the form feed
/// before each page turned into a space, as the sample corpus was made), with exact ground truth:
/// every artifact line, every page's printed label, every paragraph's page, headings and notes.
///
/// Books get chapters ("Chapter N" over the title) and, by style, roman front matter with a
/// contents page whose page references are the real ones (the text is set twice: the first pass
/// finds where chapters begin). Articles start wherever their volume's pagination has got to.
public struct LayoutGenerator: Sendable {
    public let lexicon: Lexicon

    public init(lexicon: Lexicon = .standard) { self.lexicon = lexicon }

    /// `perStyle` texts of every style in `styles`, about `targetBytes` each, named doc_00000,
    /// doc_00001, … in style order. The same arguments give the same bytes.
    public func corpus(seed: UInt64, perStyle: Int, targetBytes: Int, styles: [PageStyle] = PageStyle.all) -> [GeneratedText] {
        var out: [GeneratedText] = []
        for style in styles {
            for _ in 0..<perStyle {
                let index = out.count
                let rng = SplitMix64(seed: seed, stream: UInt64(index) + 1)
                out.append(generate(style: style, name: String(format: "doc_%05d", index), targetBytes: targetBytes, rng: rng))
            }
        }
        return out
    }

    /// One text in one style.
    public func generate(style: PageStyle, name: String, targetBytes: Int, rng: SplitMix64) -> GeneratedText {
        let first = make(style: style, name: name, targetBytes: targetBytes, rng: rng, contentsPages: nil)
        guard style.contents else { return first.text }
        return make(style: style, name: name, targetBytes: targetBytes, rng: rng, contentsPages: first.chapterPages).text
    }

    private func make(
        style: PageStyle,
        name: String,
        targetBytes: Int,
        rng seed: SplitMix64,
        contentsPages: [String]?
    ) -> (text: GeneratedText, chapterPages: [String]) {
        var rng = seed
        let kind: TextKind = style.chapters ? .book : .article
        var setter = PageSetter(name: name, kind: kind, paged: true, rng: SplitMix64(seed: rng.next()), capacity: targetBytes)
        var writer = ProseWriter(
            lexicon: lexicon,
            rng: SplitMix64(seed: rng.next()),
            markerStyle: .glued,
            citationStyle: style.chapters ? .book : .article,
            noteRate: style.footnotes ? 0.06 : 0,
            citationRate: 0.08
        )
        writer.lostHyphenRate = 0.1
        setter.style = style
        setter.linesPerPage = rng.int(36...44)
        setter.width = rng.int(66...76)
        setter.footnotes = style.footnotes
        setter.truth.layout = style.name

        let authors = (0..<rng.int(1...2)).map { _ in "\(lexicon.givenName(&rng)) \(lexicon.surname(&rng))" }
        let titleWords = writer.titleWords(rng.int(2...5))
        let title = titleWords.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        let capsTitle = title.uppercased()
        setter.truth.title = title
        setter.truth.authors = authors
        if style.slug {
            let surname = authors[0].split(separator: " ").last.map(String.init) ?? "Book"
            setter.slug = (
                "\(rng.int(1000...9999))_\(surname).indd",
                "\(rng.int(10...28))/0\(rng.int(1...9))/\(rng.int(10...19)) \(rng.int(1...12)):\(rng.int(10...59)) PM"
            )
            setter.slugRate = 0.5
        }
        let chapterCount = style.chapters ? rng.int(3...5) : 1
        let chapterTitles = (0..<chapterCount).map { _ in writer.titleWords(rng.int(3...7)) }
        var chapterPages: [String] = []

        if style.romanFrontMatter {
            setter.numbering = .roman
            setter.pageNumber = rng.int(1...5)
            setter.runningHeads = style.runningHeads ? (capsTitle, "Preface") : nil
            if style.contents {
                setter.runningHeads = style.runningHeads ? (capsTitle, "Contents") : nil
                setter.newPage(opening: true)
                setter.heading(["Contents"], kind: .frontMatter, level: 1)
                setter.bodyLine("")
                for (k, words) in chapterTitles.enumerated() {
                    let entry = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
                    let page = contentsPages.map { k < $0.count ? $0[k] : "1" } ?? "1"
                    if style.contentsNumbersAlone {
                        setter.bodyLine("Chapter \(k + 1): \(entry)")
                        setter.bodyLine("")
                        setter.bodyLine(page)
                        setter.bodyLine("")
                    } else {
                        setter.bodyLine("\(k + 1) \(entry) \(page)")
                    }
                }
                setter.runningHeads = style.runningHeads ? (capsTitle, "Preface") : nil
            }
            setter.newPage(opening: true)
            setter.heading(["Preface"], kind: .frontMatter, level: 1)
            setter.bodyLine("")
            for _ in 0..<rng.int(4...8) {
                setter.paragraph(writer.paragraph(sentences: rng.int(2...7), notesAllowed: false), width: setter.width)
            }
            setter.endPage()
        }
        setter.numbering = .arabic
        setter.pageNumber = rng.int(style.firstPage)

        let chapterBytes = max(8_000, targetBytes / chapterCount)
        var tables = 0
        for (k, words) in chapterTitles.enumerated() {
            let short = words.prefix(3).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            if style.runningHeads {
                let verso =
                    style.chapters
                    ? capsTitle : authors.map { $0.split(separator: " ").last.map(String.init) ?? $0 }.joined(separator: " and ").uppercased()
                setter.runningHeads = (verso, style.chapters ? short : title)
            }
            setter.newPage(opening: true)
            chapterPages.append(setter.pageLabel)
            if style.chapters {
                let caps = words.map { $0.uppercased() }
                setter.heading([caps.joined(separator: " ")], kind: .chapter, level: 1, label: "Chapter \(k + 1)")
                setter.bodyLine("")
                writer.nextNoteNumber = 1
            } else {
                setter.bodyLine(title)
                setter.bodyLine("")
                setter.bodyLine(authors.joined(separator: " and "))
                setter.bodyLine("")
            }
            let start = setter.bytes
            var section = 0
            while setter.bytes - start < chapterBytes {
                if section > 0 || !style.chapters {
                    let heading = writer.titleWords(rng.int(2...5))
                    let printed =
                        style.chapters
                        ? heading.map { $0.uppercased() }.joined(separator: " ")
                        : heading.enumerated().map { n, w in n == 0 ? w.prefix(1).uppercased() + w.dropFirst() : w }.joined(separator: " ")
                    setter.heading([printed], kind: .section, level: style.chapters ? 2 : 1)
                }
                section += 1
                for _ in 0..<rng.int(3...8) {
                    let tokens = writer.paragraph(sentences: rng.int(2...8))
                    setter.footnoteSource = writer.notes
                    setter.paragraph(tokens, width: setter.width)
                }
                if style.tablesAndCode, rng.chance(0.5) {
                    tables += 1
                    if rng.chance(0.5) { table(&setter, &writer, &rng, number: tables) } else { code(&setter, &rng) }
                }
            }
        }
        let (text, truth) = setter.finish()
        return (GeneratedText(name: name, kind: kind, text: text, truth: truth), chapterPages)
    }

    /// A table as pdftotext gives it: a caption, then every cell on a line of its own, a blank
    /// line after each row — rows of bare numbers that are text, not page numbers.
    private func table(_ setter: inout PageSetter, _ writer: inout ProseWriter, _ rng: inout SplitMix64, number: Int) {
        let columns = rng.int(2...4)
        let caption = writer.titleWords(rng.int(2...5)).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        setter.bodyLine("")
        setter.bodyLine("Table \(number). \(caption)")
        setter.bodyLine("")
        setter.bodyLine("Year")
        for _ in 1..<columns { setter.bodyLine(lexicon.contentWord(&rng).capitalized) }
        setter.bodyLine("")
        var year = rng.int(1950...2010)
        for _ in 0..<rng.int(3...6) {
            setter.bodyLine("\(year)")
            for _ in 1..<columns { setter.bodyLine("\(rng.int(1...600))") }
            setter.bodyLine("")
            year += rng.int(1...5)
        }
    }

    /// A code listing and its output: a loop printing numbers, each on a line of its own.
    private func code(_ setter: inout PageSetter, _ rng: inout SplitMix64) {
        let name = lexicon.contentWord(&rng)
        let start = rng.int(1...40)
        let count = rng.int(3...6)
        let step = rng.int(1...12)
        setter.bodyLine("")
        setter.bodyLine("for \(name) in stride(from: \(start), to: \(start + count * step), by: \(step)) {")
        setter.bodyLine("    print(\(name))")
        setter.bodyLine("}")
        setter.bodyLine("")
        for k in 0..<count { setter.bodyLine("\(start + k * step)") }
        setter.bodyLine("")
    }
}
