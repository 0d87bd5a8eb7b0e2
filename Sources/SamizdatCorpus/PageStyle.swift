/// How a `LayoutGenerator` text sets its pages: where the page numbers sit, whether running heads
/// alternate, how footnotes are printed, and what else the pages carry. Each named style is one
/// of the common layouts of books, journals and manuals as pdftotext extracts them.
public struct PageStyle: Sendable, Hashable {
    public enum NumberPlace: String, Sendable, Hashable {
        /// A line of its own above the running head.
        case top
        /// A line of its own at the foot of the page.
        case foot
        /// On the running head's line: "THE TITLE 13", or "12 THE TITLE" on verso pages with `outerEdge`.
        case headRow
    }

    public enum FootnoteForm: String, Sendable, Hashable {
        /// "3", a blank line, then the text (the sample article's form).
        case bareLine
        /// "3 The text…" on one line.
        case numberText
    }

    public var name: String
    public var numberPlace: NumberPlace
    /// In a head row, the number at the outer edge: first on verso (even) pages, last on recto pages.
    public var outerEdge: Bool
    /// Running heads alternate: the document's title on verso pages, the chapter's on recto pages.
    public var runningHeads: Bool
    /// Opening pages (a chapter's or the article's first) print their number at the foot.
    public var openingNumberAtFoot: Bool
    /// Printer slugs ("4868_Name.indd 39" and a date line) under some pages.
    public var slug: Bool
    public var footnotes: Bool
    public var footnoteForm: FootnoteForm
    /// A page's last footnote may run over to the next page's foot.
    public var continuedFootnotes: Bool
    /// Front matter on roman pages (with a contents page when `contents`), the text on arabic pages.
    public var romanFrontMatter: Bool
    public var contents: Bool
    /// Contents entries with the page reference on a line of its own ("Chapter 2: Title", blank, "17").
    public var contentsNumbersAlone: Bool
    /// The first arabic page: 1 for a book, a page deep in a journal volume for an article.
    public var firstPage: ClosedRange<Int>
    /// Chapters ("Chapter N" over the title) rather than an article's sections.
    public var chapters: Bool
    /// Tables whose cells pdftotext gives one per line, and code listings with numeric output.
    public var tablesAndCode: Bool

    public init(
        name: String,
        numberPlace: NumberPlace,
        outerEdge: Bool = false,
        runningHeads: Bool = true,
        openingNumberAtFoot: Bool = true,
        slug: Bool = false,
        footnotes: Bool = true,
        footnoteForm: FootnoteForm = .numberText,
        continuedFootnotes: Bool = false,
        romanFrontMatter: Bool = false,
        contents: Bool = false,
        contentsNumbersAlone: Bool = false,
        firstPage: ClosedRange<Int> = 1...1,
        chapters: Bool = true,
        tablesAndCode: Bool = false
    ) {
        self.name = name
        self.numberPlace = numberPlace
        self.outerEdge = outerEdge
        self.runningHeads = runningHeads
        self.openingNumberAtFoot = openingNumberAtFoot
        self.slug = slug
        self.footnotes = footnotes
        self.footnoteForm = footnoteForm
        self.continuedFootnotes = continuedFootnotes
        self.romanFrontMatter = romanFrontMatter
        self.contents = contents
        self.contentsNumbersAlone = contentsNumbersAlone
        self.firstPage = firstPage
        self.chapters = chapters
        self.tablesAndCode = tablesAndCode
    }

    /// The layouts `LayoutGenerator` makes, one of each kind the issue lists.
    public static let all: [PageStyle] = [
        // The sample book's: number alone at the foot, slug under it, running heads at the top.
        PageStyle(name: "foot-slug", numberPlace: .foot, slug: true, footnotes: false, romanFrontMatter: true),
        // A journal article deep in its volume: number alone at the top above the head, "1 Text" notes running on.
        PageStyle(
            name: "top-number",
            numberPlace: .top,
            openingNumberAtFoot: false,
            continuedFootnotes: true,
            firstPage: 150...420,
            chapters: false
        ),
        // A book: number and head on one row, number at the outer edge, roman front matter with contents.
        PageStyle(
            name: "head-row-outer",
            numberPlace: .headRow,
            outerEdge: true,
            continuedFootnotes: true,
            romanFrontMatter: true,
            contents: true
        ),
        // An article with numbers at the foot, no running heads, notes as "3", blank, text, running on.
        PageStyle(
            name: "foot-plain",
            numberPlace: .foot,
            runningHeads: false,
            footnoteForm: .bareLine,
            continuedFootnotes: true,
            firstPage: 20...300,
            chapters: false
        ),
        // A manual: head row with the number last, contents whose page references stand alone,
        // tables and code listings full of bare numbers.
        PageStyle(
            name: "manual",
            numberPlace: .headRow,
            romanFrontMatter: true,
            contents: true,
            contentsNumbersAlone: true,
            tablesAndCode: true
        ),
    ]
}
