/// One n-gram of an n-grams report.
public struct NGramEntry: Codable, Sendable, Hashable {
    /// Its types' names under the report's unit, in text order.
    public var words: [String]
    /// Its occurrences in the scope.
    public var frequency: Int
    /// The documents it occurs in.
    public var range: Int

    public init(words: [String], frequency: Int, range: Int) {
        self.words = words
        self.frequency = frequency
        self.range = range
    }
}
