/// A document in grouped search results: its best passages, best first.
public struct DocumentHits: Codable, Sendable, Hashable {
    public var documentID: String
    public var title: String
    public var author: String
    public var source: String
    /// The best passage's score.
    public var score: Double
    /// How many of its passages match.
    public var matchingPassages: Int
    public var hits: [SearchHit]

    public init(
        documentID: String,
        title: String,
        author: String,
        source: String,
        score: Double,
        matchingPassages: Int,
        hits: [SearchHit]
    ) {
        self.documentID = documentID
        self.title = title
        self.author = author
        self.source = source
        self.score = score
        self.matchingPassages = matchingPassages
        self.hits = hits
    }

    enum CodingKeys: String, CodingKey {
        case title, author, source, score, hits
        case documentID = "document_id"
        case matchingPassages = "matching_passages"
    }
}
