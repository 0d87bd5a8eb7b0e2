import GRDB

/// A row of `states`: a version's delivery state, attempts and last error. The only row a state
/// change writes: a few dozen bytes, whatever the size of the text.
public struct StateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "states"

    /// The document id.
    public var id: String
    /// The version.
    public var version: Int
    /// accepted, dispatched, indexed or failed.
    public var state: DocumentState
    /// Deliveries so far.
    public var attempts: Int
    /// The stage that failed (`segment`, `index`, `delivery`), when failed.
    public var stage: String?
    /// The last reason it failed or went back to the queue.
    public var lastError: String?
    /// Wall-clock seconds since 1970 when the version was accepted: the order of the queue.
    public var acceptedAt: Double
    /// Wall-clock seconds since 1970 of the last change.
    public var updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case id, version, state, attempts, stage
        case lastError = "last_error"
        case acceptedAt = "accepted_at"
        case updatedAt = "updated_at"
    }

    /// The columns of `states`.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let version = Column(CodingKeys.version)
        public static let state = Column(CodingKeys.state)
        public static let attempts = Column(CodingKeys.attempts)
        public static let stage = Column(CodingKeys.stage)
        public static let lastError = Column(CodingKeys.lastError)
        public static let acceptedAt = Column(CodingKeys.acceptedAt)
        public static let updatedAt = Column(CodingKeys.updatedAt)
    }

    /// The version's key.
    public var key: DocumentKey { DocumentKey(id: id, version: version) }
}
