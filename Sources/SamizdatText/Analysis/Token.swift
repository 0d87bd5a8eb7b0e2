/// One word of a text as the analyzer sees it.
///
/// Offsets are UTF-8 byte offsets into the analyzed text, half-open. `position` counts words:
/// every word takes the next position, except the joined form of a hyphenated compound
/// ("post-war" → "postwar"), which shares the position of the compound's first part.
public struct Token: Sendable, Hashable {
    /// Case- and diacritic-folded form: "Žižek" → "zizek", "Stalin’s" → "stalin's".
    public var term: String
    /// Porter2 (Snowball English) stem of `term`; equal to `term` for numbers and non-Latin words.
    public var stem: String
    public var start: Int
    public var end: Int
    public var position: Int
    /// True for the joined form of a hyphenated compound (indexed beside its parts).
    public var isCompound: Bool

    public init(term: String, stem: String, start: Int, end: Int, position: Int, isCompound: Bool = false) {
        self.term = term
        self.stem = stem
        self.start = start
        self.end = end
        self.position = position
        self.isCompound = isCompound
    }
}
