import Foundation
import GRDB
import SamizdatModel

/// A row of `originals`: the bytes of a version that arrived as a file (a PDF …), exactly as they
/// came, with their format. Written once, in the transaction that accepts the version (so they are
/// durable before `accepted`), never updated; removed only when the document is deleted. The
/// version's `texts` row is then empty: segment extracts the text from these bytes.
public struct OriginalRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "originals"

    public var id: String
    public var version: Int
    /// `pdf`, `epub` or `html`.
    public var format: String
    public var bytes: Data

    /// The columns of `originals`.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let version = Column(CodingKeys.version)
        public static let format = Column(CodingKeys.format)
        public static let bytes = Column(CodingKeys.bytes)
    }

    /// A row for `key`'s original bytes.
    public init(key: DocumentKey, format: DocumentFormat, bytes: Data) {
        id = key.id
        version = key.version
        self.format = format.rawValue
        self.bytes = bytes
    }
}
