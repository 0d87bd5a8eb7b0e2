/// The part of the corpus a report looks at: the whole corpus, one document, one chapter of it,
/// or a subcorpus chosen by metadata fields; and the body text, the notes or both.
///
/// The index resolves a scope to the documents and sections it covers; an unknown document or a
/// chapter that matches nothing is a named error, never an empty report.
public struct ReportScope: Codable, Sendable, Hashable {
    /// A document id or the file name it was ingested from (nil: every document).
    public var document: String?
    /// A chapter of `document` (or of every document in scope): a chapter number ("3") or words
    /// of its title ("biopolitics"), matched as the query language's `chapter:` field matches.
    public var chapter: String?
    /// A field query choosing documents and chapters: `title:`, `author:`, `doc:` and `chapter:`
    /// terms, as in the query language (for example `author:agamben chapter:camp`).
    public var subcorpus: String?
    public var region: TextRegion

    public init(document: String? = nil, chapter: String? = nil, subcorpus: String? = nil, region: TextRegion = .all) {
        self.document = document
        self.chapter = chapter
        self.subcorpus = subcorpus
        self.region = region
    }

    enum CodingKeys: String, CodingKey {
        case document, chapter, subcorpus, region
    }

    /// Missing keys take their defaults: every document, both regions.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            document: try container.decodeIfPresent(String.self, forKey: .document),
            chapter: try container.decodeIfPresent(String.self, forKey: .chapter),
            subcorpus: try container.decodeIfPresent(String.self, forKey: .subcorpus),
            region: try container.decodeIfPresent(TextRegion.self, forKey: .region) ?? .all
        )
    }

    /// True when the scope is the whole corpus, body and notes.
    public var isWholeCorpus: Bool {
        document == nil && chapter == nil && subcorpus == nil && region == .all
    }
}
