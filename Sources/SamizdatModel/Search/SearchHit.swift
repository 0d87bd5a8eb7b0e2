/// One matching passage (paragraph) with its printed location.
public struct SearchHit: Codable, Sendable, Hashable {
    public var documentID: String
    public var title: String
    /// The file name or origin the client gave at ingest (metadata.source).
    public var source: String
    /// Index into the document's paragraphs.
    public var paragraph: Int
    /// Index into the document's sentences of the sentence holding the first match.
    public var sentence: Int?
    /// Title of the innermost section holding the paragraph.
    public var section: String?
    /// Title of the chapter (or part, or post) holding the paragraph: the nearest enclosing section of that kind.
    public var chapter: String?
    /// Printed page label where the first match stands.
    public var page: String?
    /// Printed page labels where the paragraph starts and ends.
    public var paragraphPages: [String]
    /// BM25 over passages; higher is better.
    public var score: Double
    /// The passage around the first match, every match between « and ».
    public var snippet: String
    /// The same text without markers.
    public var snippetText: String
    /// Matches as UTF-8 byte ranges of `snippetText`.
    public var snippetMatches: [TextRange]
    /// Every match in the paragraph as UTF-8 byte ranges of the document's clean text (of the
    /// note's text for a hit in a note).
    public var matches: [TextRange]
    /// For a hit in a note's text: the note (`paragraph` is then the note's index).
    public var note: NoteReference?
    /// For a hit in the body: the notes whose markers stand in its paragraph.
    public var anchoredNotes: [NoteReference] = []

    public init(
        documentID: String,
        title: String,
        source: String,
        paragraph: Int,
        sentence: Int?,
        section: String?,
        chapter: String?,
        page: String?,
        paragraphPages: [String],
        score: Double,
        snippet: String,
        snippetText: String,
        snippetMatches: [TextRange],
        matches: [TextRange]
    ) {
        self.documentID = documentID
        self.title = title
        self.source = source
        self.paragraph = paragraph
        self.sentence = sentence
        self.section = section
        self.chapter = chapter
        self.page = page
        self.paragraphPages = paragraphPages
        self.score = score
        self.snippet = snippet
        self.snippetText = snippetText
        self.snippetMatches = snippetMatches
        self.matches = matches
    }

    enum CodingKeys: String, CodingKey {
        case title, source, paragraph, sentence, section, chapter, page, score, snippet, matches
        case documentID = "document_id"
        case paragraphPages = "paragraph_pages"
        case snippetText = "snippet_text"
        case snippetMatches = "snippet_matches"
        case note
        case anchoredNotes = "anchored_notes"
    }
}
