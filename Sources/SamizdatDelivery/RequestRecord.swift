import GRDB

/// A row of `requests`: a client's request id and what it got, so a retry gets the same answer.
public struct RequestRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "requests"

    /// What a request got.
    public enum Outcome: String, Codable, Sendable, DatabaseValueConvertible {
        case accepted, duplicate
    }

    /// The client's `req`.
    public var req: String
    /// The document and version it was answered with.
    public var doc: String
    public var version: Int
    public var outcome: Outcome
    /// Wall-clock seconds since 1970.
    public var createdAt: Double

    enum CodingKeys: String, CodingKey {
        case req, doc, version, outcome
        case createdAt = "created_at"
    }

    /// The columns of `requests`.
    public enum Columns {
        public static let req = Column(CodingKeys.req)
        public static let doc = Column(CodingKeys.doc)
        public static let version = Column(CodingKeys.version)
    }

    /// The version the request was answered with.
    public var key: DocumentKey { DocumentKey(id: doc, version: version) }
}
