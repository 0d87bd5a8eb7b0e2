import GRDB

/// A row of `tombstones`: a deleted document. Every version up to `version` is dead: an ack or a
/// redelivery of one of them is dropped. A text sent again later gets a version above it.
public struct TombstoneRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "tombstones"

    /// The document id.
    public var id: String
    /// The highest version the document had when it was deleted.
    public var version: Int
    /// Wall-clock seconds since 1970.
    public var deletedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, version
        case deletedAt = "deleted_at"
    }

    /// The columns of `tombstones`.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let version = Column(CodingKeys.version)
    }

    /// Whether `version` of this document died with the delete.
    public func covers(_ version: Int) -> Bool { version <= self.version }
}
