/// Which keywords a list holds: those relatively more frequent in the target (positive), those
/// relatively less frequent (negative), or both.
public enum KeywordPolarity: String, Codable, Sendable, Hashable, CaseIterable {
    case positive
    case negative
    case both
}
