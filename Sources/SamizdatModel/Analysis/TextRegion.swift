/// Which running text a report or query looks at: the body, the notes, or both.
public enum TextRegion: String, Codable, Sendable, Hashable, CaseIterable {
    case body
    case notes
    case all
}
