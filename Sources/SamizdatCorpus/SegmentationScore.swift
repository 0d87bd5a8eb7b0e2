/// How well a `SegmentedDocument` agrees with a `GroundTruth`, category by category
/// (see `Scorer` for the matching rules).
public struct SegmentationScore: Codable, Sendable, Hashable {
    public var documents: Int
    /// Lines removed as print artifacts (matched by line number; `agreeing` = same kind).
    public var artifacts: CategoryScore
    /// The printed page of each sentence end.
    public var pageLabels: CategoryScore
    /// Headings (by title; `agreeing` = same kind and level).
    public var headings: CategoryScore
    /// Notes found (by label and text), linked or not.
    public var notes: CategoryScore
    /// Notes linked to the right marker (label, text and the word the marker follows).
    public var noteLinks: CategoryScore
    /// Sentence ends (by the sentence's last words).
    public var sentenceEnds: CategoryScore
    /// Author-year citations (by first author, year and ibid).
    public var citations: CategoryScore

    public init(
        documents: Int = 0,
        artifacts: CategoryScore = .empty,
        pageLabels: CategoryScore = .empty,
        headings: CategoryScore = .empty,
        notes: CategoryScore = .empty,
        noteLinks: CategoryScore = .empty,
        sentenceEnds: CategoryScore = .empty,
        citations: CategoryScore = .empty
    ) {
        self.documents = documents
        self.artifacts = artifacts
        self.pageLabels = pageLabels
        self.headings = headings
        self.notes = notes
        self.noteLinks = noteLinks
        self.sentenceEnds = sentenceEnds
        self.citations = citations
    }

    enum CodingKeys: String, CodingKey {
        case documents, artifacts, headings, notes, citations
        case pageLabels = "page_labels"
        case noteLinks = "note_links"
        case sentenceEnds = "sentence_ends"
    }

    /// The categories by their JSON names, in a fixed order.
    public var categories: [(name: String, score: CategoryScore)] {
        [
            ("artifacts", artifacts), ("page_labels", pageLabels), ("headings", headings), ("notes", notes),
            ("note_links", noteLinks), ("sentence_ends", sentenceEnds), ("citations", citations),
        ]
    }

    /// Counts summed over documents (micro-average).
    public static func + (a: SegmentationScore, b: SegmentationScore) -> SegmentationScore {
        SegmentationScore(
            documents: a.documents + b.documents,
            artifacts: a.artifacts + b.artifacts,
            pageLabels: a.pageLabels + b.pageLabels,
            headings: a.headings + b.headings,
            notes: a.notes + b.notes,
            noteLinks: a.noteLinks + b.noteLinks,
            sentenceEnds: a.sentenceEnds + b.sentenceEnds,
            citations: a.citations + b.citations
        )
    }
}
