/// One in-text author-year citation as the citation index sees it: who and what is cited, and
/// where (document, section, paragraph, printed page). An "ibid." carries the authors and year
/// of the citation it resolves to.
public struct CitationRecord: Sendable, Hashable {
    /// Index into `AnalysisCorpus.documents`.
    public var document: Int
    public var authors: [String]
    /// Each author's name as folded words ("Žižek" → ["zizek"]), for matching.
    public var authorWords: [[String]]
    public var year: String?
    public var pages: String?
    public var ibid: Bool
    /// The citation as printed, and its UTF-8 range in the clean text.
    public var text: String
    public var start: Int
    public var end: Int
    /// The body paragraph holding it, its section (−1 for none) and the printed page.
    public var paragraph: Int32
    public var section: Int32
    public var page: String?

    public init(
        document: Int,
        authors: [String],
        authorWords: [[String]],
        year: String?,
        pages: String?,
        ibid: Bool,
        text: String,
        start: Int,
        end: Int,
        paragraph: Int32,
        section: Int32,
        page: String?
    ) {
        self.document = document
        self.authors = authors
        self.authorWords = authorWords
        self.year = year
        self.pages = pages
        self.ibid = ibid
        self.text = text
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.section = section
        self.page = page
    }

    /// True when one of the authors' names holds every word of `words` (folded).
    public func cites(_ words: [String]) -> Bool {
        guard !words.isEmpty else {
            return false
        }
        return authorWords.contains { name in words.allSatisfy(name.contains) }
    }

    /// The work cited: its authors and year ("Agamben 1998", "Hardt & Negri 2000").
    public var work: String {
        let names = authors.joined(separator: " & ")
        return year.map { names + " " + $0 } ?? names
    }
}
