/// A term's dispersion over a scope (see `DispersionRequest`).
public struct DispersionResponse: Codable, Sendable, Hashable {
    public var term: String
    public var unit: CountingUnit
    /// f: the term's tokens in the scope.
    public var frequency: Int
    /// N: tokens in the scope.
    public var tokens: Int
    /// f / N × 10⁶.
    public var perMillion: Double
    /// Over the scope's documents (each document's tokens in scope as its size).
    public var documents: DispersionMeasures
    /// Over its chapters; a document's text outside every chapter is one more part.
    public var chapters: DispersionMeasures
    /// Over `parts` equal parts of the scope's token stream (sizes as numpy's `array_split`).
    public var equalParts: DispersionMeasures
    /// The hits in stream order, at most `hit_limit`.
    public var hits: [DispersionHit]
    /// True when there were more hits than `hit_limit`.
    public var truncated: Bool
    /// With a one-document scope: its chapters in reading order (the text before the first
    /// chapter as one with no title), each with its tokens in scope and its hits, for a plot with
    /// one strip per chapter; empty otherwise.
    public var strips: [DispersionStrip]

    public init(
        term: String,
        unit: CountingUnit,
        frequency: Int,
        tokens: Int,
        perMillion: Double,
        documents: DispersionMeasures,
        chapters: DispersionMeasures,
        equalParts: DispersionMeasures,
        hits: [DispersionHit],
        truncated: Bool,
        strips: [DispersionStrip] = []
    ) {
        self.term = term
        self.unit = unit
        self.frequency = frequency
        self.tokens = tokens
        self.perMillion = perMillion
        self.documents = documents
        self.chapters = chapters
        self.equalParts = equalParts
        self.hits = hits
        self.truncated = truncated
        self.strips = strips
    }

    enum CodingKeys: String, CodingKey {
        case term, unit, frequency, tokens, documents, chapters, hits, truncated, strips
        case perMillion = "per_million"
        case equalParts = "equal_parts"
    }
}

/// One chapter of a one-document dispersion: its title (nil for the text before the first
/// chapter), its tokens in scope and the term's hits in it.
public struct DispersionStrip: Codable, Sendable, Hashable {
    public var chapter: String?
    public var tokens: Int
    public var hits: Int

    public init(chapter: String?, tokens: Int, hits: Int) {
        self.chapter = chapter
        self.tokens = tokens
        self.hits = hits
    }
}
