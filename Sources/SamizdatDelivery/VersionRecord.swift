import GRDB

/// A row of `versions`: what a version is (hash, metadata, size, when it came). Written once.
public struct VersionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "versions"

    /// The document id.
    public var id: String
    /// The version.
    public var version: Int
    /// sha256 of the text, lowercase hex.
    public var hash: String
    /// The metadata the client sent.
    public var title: String
    public var author: String
    public var source: String
    public var externalID: String?
    /// The text's length in UTF-8 bytes.
    public var bytes: Int
    /// Wall-clock seconds since 1970 when it was accepted.
    public var createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id, version, hash, title, author, source, bytes
        case externalID = "external_id"
        case createdAt = "created_at"
    }

    /// The columns of `versions`.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let version = Column(CodingKeys.version)
        public static let hash = Column(CodingKeys.hash)
        public static let externalID = Column(CodingKeys.externalID)
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    /// The version's key.
    public var key: DocumentKey { DocumentKey(id: id, version: version) }
}
