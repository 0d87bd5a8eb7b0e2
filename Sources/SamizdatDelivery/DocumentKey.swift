/// One version of one document: what is delivered, acked and journaled.
public struct DocumentKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The document id (`d` and twelve hex digits).
    public var id: String
    /// The version, from 1; a new text under the same external id makes the next one.
    public var version: Int

    /// A key for `id` at `version`.
    public init(id: String, version: Int) {
        self.id = id
        self.version = version
    }

    public static func < (lhs: DocumentKey, rhs: DocumentKey) -> Bool {
        (lhs.id, lhs.version) < (rhs.id, rhs.version)
    }

    public var description: String { "\(id) v\(version)" }
}
