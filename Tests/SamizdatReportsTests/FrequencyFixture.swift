import SamizdatModel

@testable import SamizdatReports

/// A deterministic generated corpus for the frequency reports' tests: a seeded mix of documents
/// with chapters (under a part), with top-level sections only, and with no headings at all; body
/// paragraphs and notes; pages; and a small vocabulary whose forms map onto fewer words and
/// still fewer stems.
enum FrequencyFixture {
    /// SplitMix64: a small seeded generator, the same sequence on every platform.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }

        mutating func below(_ bound: Int) -> Int {
            Int(next() % UInt64(bound))
        }
    }

    /// (form, word, stem): forms in a scrambled order, so ids are not in name order.
    static let lexicon: [(String, String, String)] = [
        ("of", "of", "of"), ("camps", "camp", "camp"), ("the", "the", "the"), ("studied", "study", "studi"),
        ("women", "woman", "women"), ("is", "be", "is"), ("social", "social", "social"), ("camp", "camp", "camp"),
        ("lives", "life", "live"), ("socialism", "socialism", "social"), ("stalin's", "stalin", "stalin"),
        ("a", "a", "a"), ("study", "study", "studi"), ("was", "be", "was"), ("woman", "woman", "woman"),
        ("life", "life", "life"), ("power", "power", "power"), ("socially", "socially", "social"),
        ("stalin", "stalin", "stalin"), ("bare", "bare", "bare"), ("live", "live", "live"), ("zone", "zone", "zone"),
        ("powers", "power", "power"), ("studies", "study", "studi"), ("be", "be", "be"), ("law", "law", "law"),
        ("zürich", "zurich", "zurich"), ("exception", "exception", "except"), ("except", "except", "except"),
        ("sovereign", "sovereign", "sovereign"), ("and", "and", "and"), ("nomos", "nomos", "nomo"),
    ]

    static func vocabulary() -> AnalysisVocabulary {
        var words: [String] = []
        var stems: [String] = []
        var wordOfForm: [UInt32] = []
        var stemOfForm: [UInt32] = []
        for (_, word, stem) in lexicon {
            if let known = words.firstIndex(of: word) {
                wordOfForm.append(UInt32(known))
            } else {
                wordOfForm.append(UInt32(words.count))
                words.append(word)
            }
            if let known = stems.firstIndex(of: stem) {
                stemOfForm.append(UInt32(known))
            } else {
                stemOfForm.append(UInt32(stems.count))
                stems.append(stem)
            }
        }
        // a word and a stem no form uses: zero everywhere
        words.append("unused")
        stems.append("unus")
        return AnalysisVocabulary(
            forms: lexicon.map(\.0),
            words: words,
            wordOfForm: wordOfForm,
            stems: stems,
            stemOfForm: stemOfForm
        )
    }

    /// The corpus: `documentCount` documents from `seed`.
    static func corpus(seed: UInt64 = 20_260_312, documentCount: Int = 7) -> AnalysisCorpus {
        var generator = Generator(state: seed)
        let documents = (0..<documentCount).map { document(number: $0, generator: &generator) }
        return AnalysisCorpus(vocabulary: vocabulary(), documents: documents)
    }

    /// A form drawn with Zipf-like weights; document `number` favours its own few forms, and the
    /// last form ("nomos") only ever occurs in notes of document 0.
    static func form(_ generator: inout Generator, document number: Int, inNote: Bool) -> UInt32 {
        if inNote, number == 0, generator.below(9) == 0 {
            return UInt32(lexicon.count - 1)
        }
        if generator.below(4) == 0 {
            return UInt32((number * 5 + generator.below(3)) % (lexicon.count - 1))
        }
        let roll = generator.below(1000)
        var rank = 0
        var threshold = 300
        while roll >= threshold, rank < lexicon.count - 2 {
            rank += 1
            threshold += max(1, 700 / (rank + 2))
        }
        return UInt32(rank)
    }

    static func sections(number: Int) -> [AnalysisSection] {
        switch number % 3 {
        case 0:
            // front matter, then a part holding two chapters (the first with a subsection)
            return [
                AnalysisSection(title: "Preface", kind: .frontMatter, level: 1, parent: nil, page: "i"),
                AnalysisSection(title: "Part One", kind: .part, level: 1, parent: nil, page: "1"),
                AnalysisSection(title: "The Camp", kind: .chapter, level: 2, parent: 1, page: "1"),
                AnalysisSection(title: "Bare Life", kind: .section, level: 3, parent: 2, page: "2"),
                AnalysisSection(title: "The Law", kind: .chapter, level: 2, parent: 1, page: "3"),
            ]
        case 1:
            // no chapters: top-level sections are the chapters
            return [
                AnalysisSection(title: "One", kind: .section, level: 1, parent: nil, page: nil),
                AnalysisSection(title: "One, first", kind: .section, level: 2, parent: 0, page: nil),
                AnalysisSection(title: "Two", kind: .section, level: 1, parent: nil, page: nil),
            ]
        default:
            return []
        }
    }

    static func document(number: Int, generator: inout Generator) -> AnalysisDocument {
        let sections = sections(number: number)
        var forms: [UInt32] = []
        var offsets: [UInt32] = []
        var blocks: [TextBlock] = []
        var bodySections: [Int32] = []
        let paragraphCount = 6 + generator.below(10)
        var byte: UInt32 = 0
        for paragraph in 0..<paragraphCount {
            // text before the first heading in some documents, then the sections in order
            let section: Int32
            if sections.isEmpty {
                section = -1
            } else {
                let place = paragraph * (sections.count + 1) / paragraphCount - (number % 2 == 0 ? 1 : 0)
                section = Int32(min(max(place, number % 2 == 0 ? -1 : 0), sections.count - 1))
            }
            let start = UInt32(forms.count)
            for _ in 0..<(1 + generator.below(40)) {
                let form = form(&generator, document: number, inNote: false)
                forms.append(form)
                offsets.append(byte)
                byte += UInt32(lexicon[Int(form)].0.utf8.count + 1)
            }
            blocks.append(
                TextBlock(
                    kind: .body,
                    start: start,
                    end: UInt32(forms.count),
                    section: section,
                    index: Int32(paragraph)
                )
            )
            bodySections.append(section)
            byte += 1
        }
        // document 4 has no notes
        let noteCount = number == 4 ? 0 : 1 + generator.below(5)
        var notePages: [String?] = []
        for note in 0..<noteCount {
            let start = UInt32(forms.count)
            var noteByte: UInt32 = 0
            for _ in 0..<(1 + generator.below(12)) {
                let form = form(&generator, document: number, inNote: true)
                forms.append(form)
                offsets.append(noteByte)
                noteByte += UInt32(lexicon[Int(form)].0.utf8.count + 1)
            }
            let marker = bodySections[generator.below(bodySections.count)]
            blocks.append(
                TextBlock(
                    kind: .note,
                    start: start,
                    end: UInt32(forms.count),
                    section: marker,
                    index: Int32(note)
                )
            )
            notePages.append(note % 3 == 2 ? nil : "n\(note + 1)")
        }
        // pages of 150 bytes, with a stretch of 40 bytes left without a page after the first
        var pages: [PageSpan] = []
        var pageStart = 0
        var label = 1
        while pageStart < Int(byte) {
            pages.append(PageSpan(label: String(label), start: pageStart, end: pageStart + 150))
            pageStart += label == 1 ? 190 : 150
            label += 1
        }
        return AnalysisDocument(
            id: "doc\(number)",
            title: "Title \((number * 3) % 7)",
            author: number % 2 == 0 ? "Arendt" : "Agamben",
            source: "source\(number).txt",
            order: Int64(100 - number * 7 % 10),
            forms: forms,
            offsets: offsets,
            blocks: blocks,
            sentenceStarts: blocks.map(\.start),
            sections: sections,
            pages: pages,
            notePages: notePages,
            noteMarkerPages: notePages.map { _ in nil }
        )
    }
}
