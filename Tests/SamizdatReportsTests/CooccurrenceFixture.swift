import SamizdatModel

@testable import SamizdatReports

/// A small generated corpus for the co-occurrence reports' oracle tests: seeded, several
/// documents with chapters, a subsection, body paragraphs (some empty), notes and sentence
/// starts, over a vocabulary whose forms map to fewer words and still fewer stems.
struct CooccurrenceFixture {
    let corpus: AnalysisCorpus

    /// The words; each has one to three forms (the word, +"s", +"ing"), and each pair of words
    /// shares a stem ("stem-" and the first of the pair).
    static let words = [
        "the", "of", "camp", "law", "life", "state", "power", "body", "bare", "exception", "sovereign", "zone",
    ]

    init(seed: UInt64 = 0x5eed_c0de, documents documentCount: Int = 5) {
        var random = SplitMix64(seed: seed)
        var forms: [String] = []
        var wordOfForm: [UInt32] = []
        var stemOfForm: [UInt32] = []
        for (wordIndex, word) in Self.words.enumerated() {
            let suffixes = ["", "s", "ing"].prefix(1 + wordIndex % 3)
            for suffix in suffixes {
                forms.append(word + suffix)
                wordOfForm.append(UInt32(wordIndex))
                stemOfForm.append(UInt32(wordIndex / 2))
            }
        }
        let stems = stride(from: 0, to: Self.words.count, by: 2).map { "stem-" + Self.words[$0] }
        let vocabulary = AnalysisVocabulary(
            forms: forms,
            words: Self.words,
            wordOfForm: wordOfForm,
            stems: stems,
            stemOfForm: stemOfForm
        )
        let formsOfWord = Self.words.indices.map { word in
            forms.indices.filter { wordOfForm[$0] == UInt32(word) }
        }
        var documents: [AnalysisDocument] = []
        for documentIndex in 0..<documentCount {
            documents.append(Self.document(documentIndex, formsOfWord: formsOfWord, random: &random))
        }
        corpus = AnalysisCorpus(vocabulary: vocabulary, documents: documents)
    }

    /// A fixture over another corpus of the same vocabulary.
    init(corpus: AnalysisCorpus) {
        self.corpus = corpus
    }

    /// One document: sections 0 (chapter), 1 (a section in it) and 2 (chapter); 8–14 body
    /// paragraphs of 0–40 tokens, then 2–4 notes of 1–15 tokens.
    static func document(_ number: Int, formsOfWord: [[Int]], random: inout SplitMix64) -> AnalysisDocument {
        let sections = [
            AnalysisSection(title: "One", kind: .chapter, level: 1, parent: nil, page: nil),
            AnalysisSection(title: "One, first", kind: .section, level: 2, parent: 0, page: nil),
            AnalysisSection(title: "Two", kind: .chapter, level: 1, parent: nil, page: nil),
        ]
        var tokens: [UInt32] = []
        var blocks: [TextBlock] = []
        var sentenceStarts: [UInt32] = []
        let paragraphs = 8 + random.below(7)
        let notes = 2 + random.below(3)
        for blockNumber in 0..<(paragraphs + notes) {
            let isNote = blockNumber >= paragraphs
            let length = isNote ? 1 + random.below(15) : random.below(41)
            let start = UInt32(tokens.count)
            for offset in 0..<length {
                if offset == 0 || random.below(6) == 0 {
                    sentenceStarts.append(UInt32(tokens.count))
                }
                tokens.append(UInt32(token(formsOfWord: formsOfWord, random: &random)))
            }
            let section: Int32 = isNote ? Int32(random.below(4)) - 1 : Int32(min(2, blockNumber * 3 / paragraphs))
            blocks.append(
                TextBlock(
                    kind: isNote ? .note : .body,
                    start: start,
                    end: UInt32(tokens.count),
                    section: section,
                    index: Int32(isNote ? blockNumber - paragraphs : blockNumber)
                )
            )
        }
        return AnalysisDocument(
            id: "doc\(number)",
            title: "Document \(number)",
            author: "Author",
            source: "doc\(number).txt",
            order: Int64(number),
            forms: tokens,
            offsets: tokens.indices.map { UInt32($0 * 6) },
            blocks: blocks,
            sentenceStarts: sentenceStarts,
            sections: sections,
            pages: [],
            notePages: Array(repeating: nil, count: notes),
            noteMarkerPages: Array(repeating: nil, count: notes)
        )
    }

    /// A form id: a word drawn with Zipf-like weights 1 / (rank + 1), then one of its forms.
    static func token(formsOfWord: [[Int]], random: inout SplitMix64) -> Int {
        let weights = formsOfWord.indices.map { 1.0 / Double($0 + 1) }
        var draw = random.unit() * weights.reduce(0, +)
        for (word, weight) in weights.enumerated() {
            draw -= weight
            if draw < 0 {
                return formsOfWord[word][random.below(formsOfWord[word].count)]
            }
        }
        return formsOfWord[0][0]
    }

    /// The selections the oracle tests run over, by name.
    var selections: [(name: String, selection: CorpusSelection)] {
        let count = corpus.documents.count
        return [
            ("whole corpus", CorpusSelection.everything(corpus)),
            ("one document", CorpusSelection(parts: [.init(document: 1)], region: .all)),
            ("one chapter", CorpusSelection(parts: [.init(document: 0, sections: [0, 1])], region: .all)),
            ("notes only", CorpusSelection.everything(corpus, region: .notes)),
            ("body only", CorpusSelection.everything(corpus, region: .body)),
            (
                "a subcorpus of chapters",
                CorpusSelection(
                    parts: [.init(document: 0), .init(document: 2, sections: [2, -1]), .init(document: count - 1, sections: [1])],
                    region: .all
                )
            ),
            ("the body of a chapter", CorpusSelection(parts: [.init(document: 3, sections: [0, 1])], region: .body)),
        ]
    }

    /// Whether `selection` counts `block` of the document of `part` (the oracle's own rule).
    static func counts(_ block: TextBlock, of part: CorpusSelection.Part, in selection: CorpusSelection) -> Bool {
        let regionMatches =
            switch selection.region {
            case .all: true
            case .body: block.kind == .body
            case .notes: block.kind == .note
            }
        return regionMatches && (part.sections?.contains(block.section) ?? true)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A number in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
