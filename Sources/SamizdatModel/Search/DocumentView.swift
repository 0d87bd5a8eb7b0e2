/// A stored document: metadata, structure and paragraphs.
public struct DocumentView: Codable, Sendable, Hashable {
    public var summary: DocumentSummary
    public var sections: [Section]
    public var pages: [PageSpan]
    public var paragraphs: [ParagraphView]
    public var notes: [Note]
    /// The citations of the body text (byte ranges of the clean text, authors resolved for
    /// "ibid."); nil from an index that did not send them.
    public var citations: [Citation]?

    public init(
        summary: DocumentSummary,
        sections: [Section],
        pages: [PageSpan],
        paragraphs: [ParagraphView],
        notes: [Note],
        citations: [Citation]? = nil
    ) {
        self.summary = summary
        self.sections = sections
        self.pages = pages
        self.paragraphs = paragraphs
        self.notes = notes
        self.citations = citations
    }
}

public struct ParagraphView: Codable, Sendable, Hashable {
    public var index: Int
    public var kind: ParagraphKind
    public var text: String
    /// UTF-8 byte range in the document's clean text.
    public var start: Int
    public var end: Int
    public var page: String?
    public var lastPage: String?
    public var section: Int?
    public var sectionTitle: String?

    public init(
        index: Int,
        kind: ParagraphKind,
        text: String,
        start: Int,
        end: Int,
        page: String?,
        lastPage: String?,
        section: Int?,
        sectionTitle: String?
    ) {
        self.index = index
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.page = page
        self.lastPage = lastPage
        self.section = section
        self.sectionTitle = sectionTitle
    }

    enum CodingKeys: String, CodingKey {
        case index, kind, text, start, end, page, section
        case lastPage = "last_page"
        case sectionTitle = "section_title"
    }
}
