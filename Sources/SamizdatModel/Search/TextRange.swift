/// A half-open UTF-8 byte range [start, end).
public struct TextRange: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
