import SamizdatModel

/// What is true of a generated text, written beside it as JSON.
///
/// Lines are 0-based lines of the text (which is already normalised: NFC, "\n" line ends), the
/// numbering `SegmentedDocument.artifacts` uses. Byte offsets are UTF-8 offsets into the
/// generated text (not into any clean text), half-open.
public struct GroundTruth: Codable, Sendable, Hashable {
    public var name: String
    public var kind: TextKind
    public var title: String
    public var authors: [String]
    public var bytes: Int
    public var lines: Int
    /// Every line that is a print artifact, not text.
    public var artifacts: [Artifact]
    /// The printed page of every line, as runs of consecutive lines (books and articles; empty for blogs).
    public var pages: [PageRun]
    public var headings: [Heading]
    public var notes: [NoteTruth]
    public var sentences: [SentenceEnd]
    public var citations: [CitationTruth]
    public var hyphenations: [Hyphenation]
    public var blockQuotes: [LineRange]
    /// The page layout a `LayoutGenerator` text was set in (`PageStyle.name`); nil for the corpus generator's texts.
    public var layout: String?
    /// Every paragraph of prose (body paragraphs, block quotations; not headings, notes, tables or
    /// code) with the printed page it starts on; nil in truth files written before paragraphs were recorded.
    public var paragraphs: [ParagraphTruth]?

    public init(
        name: String,
        kind: TextKind,
        title: String = "",
        authors: [String] = [],
        bytes: Int = 0,
        lines: Int = 0,
        artifacts: [Artifact] = [],
        pages: [PageRun] = [],
        headings: [Heading] = [],
        notes: [NoteTruth] = [],
        sentences: [SentenceEnd] = [],
        citations: [CitationTruth] = [],
        hyphenations: [Hyphenation] = [],
        blockQuotes: [LineRange] = [],
        layout: String? = nil,
        paragraphs: [ParagraphTruth]? = []
    ) {
        self.name = name
        self.kind = kind
        self.title = title
        self.authors = authors
        self.bytes = bytes
        self.lines = lines
        self.artifacts = artifacts
        self.pages = pages
        self.headings = headings
        self.notes = notes
        self.sentences = sentences
        self.citations = citations
        self.hyphenations = hyphenations
        self.blockQuotes = blockQuotes
        self.layout = layout
        self.paragraphs = paragraphs
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, title, authors, bytes, lines, artifacts, pages, headings, notes, sentences, citations, hyphenations
        case layout, paragraphs
        case blockQuotes = "block_quotes"
    }

    /// The printed page label of a line, or nil when the text has no page numbers.
    public func page(ofLine line: Int) -> String? {
        var lo = 0
        var hi = pages.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if pages[mid].lastLine < line { lo = mid + 1 } else if pages[mid].firstLine > line { hi = mid - 1 } else { return pages[mid].label }
        }
        return nil
    }

    /// Consecutive lines printed on one page.
    public struct PageRun: Codable, Sendable, Hashable {
        public var label: String
        public var firstLine: Int
        /// Inclusive.
        public var lastLine: Int
        public init(label: String, firstLine: Int, lastLine: Int) {
            self.label = label
            self.firstLine = firstLine
            self.lastLine = lastLine
        }
        enum CodingKeys: String, CodingKey {
            case label
            case firstLine = "first_line"
            case lastLine = "last_line"
        }
    }

    /// A heading as printed: over one or more lines, its title being the lines joined by a space.
    public struct Heading: Codable, Sendable, Hashable {
        public var title: String
        public var kind: SectionKind
        public var level: Int
        public var line: Int
        public var lineCount: Int
        /// "Chapter 3" when a `Chapter N` line stands above the title.
        public var label: String?
        public init(title: String, kind: SectionKind, level: Int, line: Int, lineCount: Int, label: String? = nil) {
            self.title = title
            self.kind = kind
            self.level = level
            self.line = line
            self.lineCount = lineCount
            self.label = label
        }
        enum CodingKeys: String, CodingKey {
            case title, kind, level, line, label
            case lineCount = "line_count"
        }
    }

    /// A note and the marker that calls it.
    public struct NoteTruth: Codable, Sendable, Hashable {
        /// The marker as printed, without brackets: "3".
        public var label: String
        /// The note's text, unwrapped, single-spaced, without its label.
        public var text: String
        /// The body word the marker follows (lowercased letters and digits), e.g. "managed" for `managed.1`.
        public var anchor: String
        /// Byte offset of the marker's first character (its "[" for bracketed markers).
        public var markerOffset: Int
        public var markerLine: Int
        /// First line of the note's text.
        public var noteLine: Int
        /// Page on which the note text is printed.
        public var page: String?
        /// For a footnote that runs over to the next page, the first line of its rest there.
        public var continuationLine: Int?
        public init(
            label: String,
            text: String,
            anchor: String,
            markerOffset: Int,
            markerLine: Int,
            noteLine: Int,
            page: String?,
            continuationLine: Int? = nil
        ) {
            self.label = label
            self.text = text
            self.anchor = anchor
            self.markerOffset = markerOffset
            self.markerLine = markerLine
            self.noteLine = noteLine
            self.page = page
            self.continuationLine = continuationLine
        }
        enum CodingKeys: String, CodingKey {
            case label, text, anchor, page
            case continuationLine = "continuation_line"
            case markerOffset = "marker_offset"
            case markerLine = "marker_line"
            case noteLine = "note_line"
        }
    }

    /// The end of a body sentence (headings, notes and bylines are not counted).
    public struct SentenceEnd: Codable, Sendable, Hashable {
        /// Byte offset just after the sentence's last character (its stop, or a closing quote or bracket after it).
        public var offset: Int
        public var line: Int
        /// The sentence's last words, normalised (see `Scorer.words`), at most `Scorer.tailWords` of them.
        public var tail: String
        public var page: String?
        public init(offset: Int, line: Int, tail: String, page: String?) {
            self.offset = offset
            self.line = line
            self.tail = tail
            self.page = page
        }
    }

    /// An author-year citation (one per reference: a group "(A 2001; B 2003)" gives two).
    public struct CitationTruth: Codable, Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var line: Int
        /// The bytes start..<end as printed.
        public var raw: String
        public var authors: [String]
        public var year: String?
        public var pages: String?
        /// An "ibid."; `authors` and `year` are those of the citation it repeats.
        public var ibid: Bool
        public init(start: Int, end: Int, line: Int, raw: String, authors: [String], year: String?, pages: String?, ibid: Bool) {
            self.start = start
            self.end = end
            self.line = line
            self.raw = raw
            self.authors = authors
            self.year = year
            self.pages = pages
            self.ibid = ibid
        }
    }

    /// A word broken or joined at a line end by the typesetter or the PDF extraction.
    public struct Hyphenation: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable, Hashable {
            /// "indis-" / "tinguishable": the hyphen is the typesetter's; the word is "indistinguishable".
            case soft
            /// "well-" / "known": a compound broken at its own hyphen; the word keeps it.
            case compound
            /// "wellknown" on one line: the extraction lost a compound's hyphen; the word was "well-known".
            case lost
        }
        public var kind: Kind
        /// The line holding the first part (or the joined word).
        public var line: Int
        /// The first part as printed, hyphen included ("indis-", "well-"); for `lost`, the joined
        /// word in lower case (it may be printed capitalised).
        public var printed: String
        public var word: String
        /// The second part is printed on the next page (true), or on the next line of the same page (nil).
        public var acrossPages: Bool?
        public init(kind: Kind, line: Int, printed: String, word: String, acrossPages: Bool? = nil) {
            self.kind = kind
            self.line = line
            self.printed = printed
            self.word = word
            self.acrossPages = acrossPages
        }
        enum CodingKeys: String, CodingKey {
            case kind, line, printed, word
            case acrossPages = "across_pages"
        }
    }

    /// A paragraph as printed: its lines, the page its first and last lines are printed on, and
    /// its first and last words (normalised as `Scorer.words`), by which the scorer finds it.
    public struct ParagraphTruth: Codable, Sendable, Hashable {
        public var firstLine: Int
        /// Inclusive.
        public var lastLine: Int
        public var page: String?
        /// The page of the last line when it is not the first line's: the paragraph runs across a page break.
        public var lastPage: String?
        /// The first `Scorer.paragraphWords` words.
        public var opening: String
        /// The last `Scorer.tailWords` words.
        public var closing: String
        public init(firstLine: Int, lastLine: Int, page: String?, lastPage: String?, opening: String, closing: String) {
            self.firstLine = firstLine
            self.lastLine = lastLine
            self.page = page
            self.lastPage = lastPage
            self.opening = opening
            self.closing = closing
        }
        enum CodingKeys: String, CodingKey {
            case page, opening, closing
            case firstLine = "first_line"
            case lastLine = "last_line"
            case lastPage = "last_page"
        }
    }

    public struct LineRange: Codable, Sendable, Hashable {
        public var firstLine: Int
        /// Inclusive.
        public var lastLine: Int
        public init(firstLine: Int, lastLine: Int) {
            self.firstLine = firstLine
            self.lastLine = lastLine
        }
        enum CodingKeys: String, CodingKey {
            case firstLine = "first_line"
            case lastLine = "last_line"
        }
    }
}
