import Foundation

// Every offset in a SegmentedDocument is a UTF-8 byte offset into `SegmentedDocument.text`
// (the clean text); ranges are half-open [start, end).

/// A run of the clean text printed on one page.
public struct PageSpan: Codable, Sendable, Hashable {
    /// The printed label: "vii", "13". Empty when the text carries no page numbers.
    public var label: String
    public var start: Int
    public var end: Int
    public init(label: String, start: Int, end: Int) {
        self.label = label
        self.start = start
        self.end = end
    }
}

public enum SectionKind: String, Codable, Sendable, Hashable, CaseIterable {
    case part, chapter, section, post
    /// Preface, contents, acknowledgements, introduction before chapter 1 …
    case frontMatter = "front_matter"
    /// Notes, bibliography, index …
    case backMatter = "back_matter"
}

/// A heading and the stretch of text it governs. Sections form a tree through `parent`.
public struct Section: Codable, Sendable, Hashable {
    public var kind: SectionKind
    /// 1 = part or top-level, 2 = chapter under a part, …
    public var level: Int
    public var title: String
    public var start: Int
    public var end: Int
    /// Index into `SegmentedDocument.sections`.
    public var parent: Int?
    public var page: String?
    public init(kind: SectionKind, level: Int, title: String, start: Int, end: Int, parent: Int? = nil, page: String? = nil) {
        self.kind = kind
        self.level = level
        self.title = title
        self.start = start
        self.end = end
        self.parent = parent
        self.page = page
    }
}

public enum ParagraphKind: String, Codable, Sendable, Hashable {
    case body, heading
    case blockQuote = "block_quote"
    /// A note's text, stored and indexed after the body's paragraphs (never sent by segment).
    case note
}

public struct Paragraph: Codable, Sendable, Hashable {
    public var kind: ParagraphKind
    public var start: Int
    public var end: Int
    /// Index into `SegmentedDocument.sections` of the innermost section holding it.
    public var section: Int?
    /// Printed page where the paragraph starts, and where it ends if on another page.
    public var page: String?
    public var lastPage: String?
    public init(kind: ParagraphKind = .body, start: Int, end: Int, section: Int? = nil, page: String? = nil, lastPage: String? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.section = section
        self.page = page
        self.lastPage = lastPage
    }
    enum CodingKeys: String, CodingKey {
        case kind, start, end, section, page
        case lastPage = "last_page"
    }
}

public struct Sentence: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    /// Index into `SegmentedDocument.paragraphs`.
    public var paragraph: Int
    public init(start: Int, end: Int, paragraph: Int) {
        self.start = start
        self.end = end
        self.paragraph = paragraph
    }
}

/// A note taken out of the body (page foot, endnotes, after a blog post), linked to its marker.
public struct Note: Codable, Sendable, Hashable {
    /// The marker as printed: "1", "*", "iv".
    public var label: String
    public var text: String
    /// Offset in the clean text where the marker stood (the marker itself is removed), or nil when unmatched.
    public var marker: Int?
    public var section: Int?
    /// Page where the note text was printed.
    public var page: String?
    public init(label: String, text: String, marker: Int? = nil, section: Int? = nil, page: String? = nil) {
        self.label = label
        self.text = text
        self.marker = marker
        self.section = section
        self.page = page
    }
}

/// An in-text author-year citation.
public struct Citation: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var authors: [String]
    public var year: String?
    public var pages: String?
    /// True for "ibid."; `authors`/`year` are then copied from the citation it resolves to.
    public var ibid: Bool
    public init(start: Int, end: Int, authors: [String], year: String? = nil, pages: String? = nil, ibid: Bool = false) {
        self.start = start
        self.end = end
        self.authors = authors
        self.year = year
        self.pages = pages
        self.ibid = ibid
    }
}

public struct Quotation: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var block: Bool
    public init(start: Int, end: Int, block: Bool) {
        self.start = start
        self.end = end
        self.block = block
    }
}

public enum ArtifactKind: String, Codable, Sendable, Hashable, CaseIterable {
    case printerSlug = "printer_slug"
    case pageNumber = "page_number"
    case runningHead = "running_head"
    case blankPageMark = "blank"
}

/// A line removed from the input because it is a print artifact, not text.
public struct Artifact: Codable, Sendable, Hashable {
    public var kind: ArtifactKind
    /// 0-based line number in the normalised input.
    public var line: Int
    public var text: String
    public init(kind: ArtifactKind, line: Int, text: String) {
        self.kind = kind
        self.line = line
        self.text = text
    }
}

/// What segment makes of a Document.
public struct SegmentedDocument: Codable, Sendable, Hashable {
    public var id: String
    public var version: Int
    public var contentHash: String
    public var metadata: DocumentMetadata
    /// The clean text: artifacts removed, lines rejoined, notes taken out. Paragraphs are
    /// separated by "\n\n".
    public var text: String
    public var pages: [PageSpan]
    public var sections: [Section]
    public var paragraphs: [Paragraph]
    public var sentences: [Sentence]
    public var notes: [Note]
    public var citations: [Citation]
    public var quotations: [Quotation]
    public var artifacts: [Artifact]
    /// Markers with no note and notes with no marker, reported rather than guessed.
    public var unmatchedMarkers: [String]
    public var unmatchedNotes: [String]

    public init(
        id: String,
        version: Int,
        contentHash: String,
        metadata: DocumentMetadata,
        text: String,
        pages: [PageSpan] = [],
        sections: [Section] = [],
        paragraphs: [Paragraph] = [],
        sentences: [Sentence] = [],
        notes: [Note] = [],
        citations: [Citation] = [],
        quotations: [Quotation] = [],
        artifacts: [Artifact] = [],
        unmatchedMarkers: [String] = [],
        unmatchedNotes: [String] = []
    ) {
        self.id = id
        self.version = version
        self.contentHash = contentHash
        self.metadata = metadata
        self.text = text
        self.pages = pages
        self.sections = sections
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.notes = notes
        self.citations = citations
        self.quotations = quotations
        self.artifacts = artifacts
        self.unmatchedMarkers = unmatchedMarkers
        self.unmatchedNotes = unmatchedNotes
    }

    enum CodingKeys: String, CodingKey {
        case id, version, metadata, text, pages, sections, paragraphs, sentences, notes, citations, quotations, artifacts
        case contentHash = "content_hash"
        case unmatchedMarkers = "unmatched_markers"
        case unmatchedNotes = "unmatched_notes"
    }

    /// The substring for a UTF-8 byte range of the clean text.
    public func slice(_ start: Int, _ end: Int) -> String {
        let u = text.utf8
        let s = u.index(u.startIndex, offsetBy: max(0, min(start, u.count)))
        let e = u.index(u.startIndex, offsetBy: max(0, min(end, u.count)))
        return String(decoding: u[s..<e], as: UTF8.self)
    }

    /// The printed page label at a clean-text offset.
    public func page(at offset: Int) -> String? {
        var lo = 0
        var hi = pages.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if pages[mid].end <= offset { lo = mid + 1 } else if pages[mid].start > offset { hi = mid - 1 } else { return pages[mid].label }
        }
        return pages.last.map { offset >= $0.end ? $0.label : nil } ?? nil
    }
}
