/// What a trend runs across: the chapters of the documents in scope, or the documents.
public enum TrendAxis: String, Codable, Sendable, Hashable, CaseIterable {
    case chapters
    case documents
}
