/// A line of an exposition that is not in the text format; `line` is 1-based (0: not one line).
public struct ExpositionError: Error, CustomStringConvertible, Equatable {
    public let line: Int
    public let message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "metrics exposition, line \(line): \(message)" : "metrics exposition: \(message)" }
}
