import SamizdatModel

/// Builds a SegmentedDocument by hand — sections, pages, paragraphs, sentences — and records
/// where every sentence landed, so tests can check locations against this ground truth.
struct DocumentFixture {
    struct Placed {
        var paragraph: Int
        var sentence: Int
        var page: String?
        var section: Int?
        var start: Int
    }

    var id: String
    var version = 1
    var metadata: DocumentMetadata
    var text = ""
    var pages: [PageSpan] = []
    var sections: [Section] = []
    var paragraphs: [Paragraph] = []
    var sentences: [Sentence] = []
    var placed: [Placed] = []
    var currentPage: String?
    var currentSection: Int?
    var pageStart = 0

    init(id: String, title: String = "", author: String = "", source: String = "") {
        self.id = id
        metadata = DocumentMetadata(title: title, author: author, source: source)
    }

    var offset: Int { text.utf8.count }

    mutating func page(_ label: String) {
        closePage()
        currentPage = label
        pageStart = offset
    }

    mutating func closePage() {
        if let p = currentPage, offset > pageStart { pages.append(PageSpan(label: p, start: pageStart, end: offset)) }
    }

    /// Opens a section; `parent` defaults to none.
    mutating func section(_ title: String, kind: SectionKind = .chapter, level: Int = 1, parent: Int? = nil) {
        if let c = currentSection, sections[c].end == -1, parent != c { sections[c].end = offset }
        sections.append(Section(kind: kind, level: level, title: title, start: offset, end: -1, parent: parent, page: currentPage))
        currentSection = sections.count - 1
    }

    /// A paragraph of sentences, joined by a space; returns its index.
    @discardableResult
    mutating func paragraph(_ sentenceTexts: [String], kind: ParagraphKind = .body) -> Int {
        if !text.isEmpty { text += "\n\n" }
        let start = offset
        let index = paragraphs.count
        for (i, s) in sentenceTexts.enumerated() {
            if i > 0 { text += " " }
            let sStart = offset
            text += s
            placed.append(Placed(paragraph: index, sentence: sentences.count, page: currentPage, section: currentSection, start: sStart))
            sentences.append(Sentence(start: sStart, end: offset, paragraph: index))
        }
        paragraphs.append(Paragraph(kind: kind, start: start, end: offset, section: currentSection, page: currentPage))
        return index
    }

    /// The document built so far, with open pages and sections closed at the end of the text.
    var document: SegmentedDocument {
        var copy = self
        copy.closePage()
        for i in copy.sections.indices where copy.sections[i].end == -1 { copy.sections[i].end = copy.offset }
        return SegmentedDocument(
            id: id,
            version: version,
            contentHash: "hash-\(id)-\(version)",
            metadata: metadata,
            text: text,
            pages: copy.pages,
            sections: copy.sections,
            paragraphs: paragraphs,
            sentences: sentences
        )
    }
}

/// A small deterministic random number generator (SplitMix64) for generated texts.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
