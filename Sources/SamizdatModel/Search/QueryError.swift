/// A query that cannot be parsed or run. `position` is the 0-based index, in Characters,
/// of the place in the query where the problem was found.
public struct QueryError: Error, Codable, Sendable, Hashable, CustomStringConvertible {
    public var position: Int
    public var message: String
    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }
    public var description: String { "query error at \(position): \(message)" }
}
