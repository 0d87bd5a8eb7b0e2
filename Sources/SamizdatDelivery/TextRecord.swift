import GRDB

/// A row of `texts`: a version's normalised text. Written once when the version is accepted and
/// never updated, so a state change never rewrites it; removed only when the document is deleted.
public struct TextRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "texts"

    /// The document id.
    public var id: String
    /// The version.
    public var version: Int
    /// The text, NFC with `\n` line ends.
    public var text: String

    /// The columns of `texts`.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let version = Column(CodingKeys.version)
        public static let text = Column(CodingKeys.text)
    }

    /// A row for `key`'s text.
    public init(key: DocumentKey, text: String) {
        id = key.id
        version = key.version
        self.text = text
    }
}
