/// How documents are ordered in a trend across documents (ties by document id).
public enum TrendOrder: String, Codable, Sendable, Hashable, CaseIterable {
    case id
    case title
    case author
    case source
    /// Ingest order, oldest first.
    case ingest
}
