/// One occurrence of a term, placed for a dispersion plot.
public struct DispersionHit: Codable, Sendable, Hashable {
    /// Where the token stands: the body text or a note.
    public enum Region: String, Codable, Sendable, Hashable {
        case body
        case note
    }

    /// The document id.
    public var document: String
    /// The token index in the document.
    public var token: Int
    /// The token's place in the scope's token stream (documents in order, only tokens in scope):
    /// 0..<tokens, the x axis of a plot.
    public var position: Int
    /// UTF-8 byte offset: into the clean text for the body, into its note for a note.
    public var offset: Int
    /// The printed page (of the note itself for a note), nil when unknown.
    public var page: String?
    public var region: Region
    /// The innermost section's title, and the chapter's (nil outside every section or chapter).
    public var section: String?
    public var chapter: String?
    /// The body paragraph's index in the document (for a body hit), as the reader's `#para-N`.
    public var paragraph: Int?
    /// The note's index in the document (for a note hit); the reader shows it as `#note-(N+1)`.
    public var note: Int?
    /// With a one-document scope: the index of the hit's chapter in the response's `strips`,
    /// and the hit's place among that chapter's tokens in scope (0..<strip's tokens).
    public var strip: Int?
    public var stripPosition: Int?

    public init(
        document: String,
        token: Int,
        position: Int,
        offset: Int,
        page: String?,
        region: Region,
        section: String?,
        chapter: String?,
        paragraph: Int? = nil,
        note: Int? = nil,
        strip: Int? = nil,
        stripPosition: Int? = nil
    ) {
        self.document = document
        self.token = token
        self.position = position
        self.offset = offset
        self.page = page
        self.region = region
        self.section = section
        self.chapter = chapter
        self.paragraph = paragraph
        self.note = note
        self.strip = strip
        self.stripPosition = stripPosition
    }

    enum CodingKeys: String, CodingKey {
        case document, token, position, offset, page, region, section, chapter, paragraph, note, strip
        case stripPosition = "strip_position"
    }
}
