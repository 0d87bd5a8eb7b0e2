/// What a report counts as one word type.
public enum CountingUnit: String, Codable, Sendable, Hashable, CaseIterable {
    /// The form as written, case- and diacritic-folded: "camps", "stalin's" and "camp" are three types.
    case form
    /// A word with its inflections (the default): "camps" → "camp", "studies" → "study",
    /// "women" → "woman", "Stalin's" → "stalin"; derivations stay apart ("stalinism" ≠ "stalin").
    case word
    /// The Porter2 (Snowball English) stem: "social", "socialism" and "socially" are one type.
    case stem
}
