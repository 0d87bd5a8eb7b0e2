/// One occurrence in context.
public struct ConcordanceLine: Codable, Sendable, Hashable {
    public var documentID: String
    public var title: String
    public var source: String
    public var paragraph: Int
    public var sentence: Int?
    public var page: String?
    public var section: String?
    public var chapter: String?
    /// Up to n words before the match (within its paragraph), as printed.
    public var left: String
    public var match: String
    public var right: String
    /// The match as a UTF-8 byte range of the document's clean text.
    public var start: Int
    public var end: Int
    /// For a line in a note's text: the note (`paragraph` is the note's index, `start` and `end`
    /// offsets in the note's text).
    public var note: NoteReference?

    public init(
        documentID: String,
        title: String,
        source: String,
        paragraph: Int,
        sentence: Int?,
        page: String?,
        section: String?,
        chapter: String?,
        left: String,
        match: String,
        right: String,
        start: Int,
        end: Int
    ) {
        self.documentID = documentID
        self.title = title
        self.source = source
        self.paragraph = paragraph
        self.sentence = sentence
        self.page = page
        self.section = section
        self.chapter = chapter
        self.left = left
        self.match = match
        self.right = right
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey {
        case title, source, paragraph, sentence, page, section, chapter, left, match, right, start, end, note
        case documentID = "document_id"
    }
}
