/// One stored document and its counts.
public struct DocumentSummary: Codable, Sendable, Hashable {
    public var id: String
    public var version: Int
    public var contentHash: String
    public var title: String
    public var author: String
    public var source: String
    public var paragraphs: Int
    public var sentences: Int
    public var tokens: Int
    public var pages: Int
    public var sections: Int
    public var notes: Int
    public var citations: Int
    public var bytes: Int
    /// When index stored this version: seconds since 1970-01-01 UTC; nil for a document stored
    /// before the index kept the time.
    public var indexedAt: Double?

    public init(
        id: String,
        version: Int,
        contentHash: String,
        title: String,
        author: String,
        source: String,
        paragraphs: Int,
        sentences: Int,
        tokens: Int,
        pages: Int,
        sections: Int,
        notes: Int,
        citations: Int,
        bytes: Int,
        indexedAt: Double? = nil
    ) {
        self.id = id
        self.version = version
        self.contentHash = contentHash
        self.title = title
        self.author = author
        self.source = source
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.tokens = tokens
        self.pages = pages
        self.sections = sections
        self.notes = notes
        self.citations = citations
        self.bytes = bytes
        self.indexedAt = indexedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, version, title, author, source, paragraphs, sentences, tokens, pages, sections, notes, citations, bytes
        case contentHash = "content_hash"
        case indexedAt = "indexed_at"
    }
}
