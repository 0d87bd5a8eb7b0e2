/// What the store holds. `versions` counts every (document, version) applied to a live document.
public struct IndexStats: Codable, Sendable, Hashable {
    public var documents: Int
    public var versions: Int
    public var paragraphs: Int
    public var sentences: Int
    /// Running words (compound joined forms not counted).
    public var tokens: Int
    /// Distinct folded forms with at least one occurrence.
    public var types: Int
    public var notes: Int
    public var citations: Int
    public var sections: Int
    public var pages: Int
    /// UTF-8 bytes of clean text.
    public var bytes: Int

    public init(
        documents: Int,
        versions: Int,
        paragraphs: Int,
        sentences: Int,
        tokens: Int,
        types: Int,
        notes: Int,
        citations: Int,
        sections: Int,
        pages: Int,
        bytes: Int
    ) {
        self.documents = documents
        self.versions = versions
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.tokens = tokens
        self.types = types
        self.notes = notes
        self.citations = citations
        self.sections = sections
        self.pages = pages
        self.bytes = bytes
    }
}
