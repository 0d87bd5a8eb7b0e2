import Foundation
import GRDB
import GRDBSQLite

/// A cached INSERT whose values are bound and stepped through SQLite's C API: for the many rows
/// of a write (paragraphs, citations, sections, notes), which `StatementArguments` would box
/// value by value. Bind every column in order, then `insert()`.
struct RowInsert {
    private let statement: Statement
    private let db: Database
    private var column: Int32 = 0

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    /// SQLite copies the bytes it is given (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func int(_ value: Int) {
        column += 1
        sqlite3_bind_int64(handle, column, Int64(value))
    }

    mutating func int(_ value: Int?) {
        guard let value else { return null() }
        int(value)
    }

    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    mutating func null() {
        column += 1
        sqlite3_bind_null(handle, column)
    }

    mutating func text(_ value: String?) {
        guard var value else { return null() }
        value.withUTF8 { text($0) }
    }

    /// UTF-8 bytes as text (the caller checks they are valid).
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        column += 1
        if let base = bytes.baseAddress, !bytes.isEmpty {
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(handle, column, $0, Int32(bytes.count), Self.transient)
            }
        } else {
            sqlite3_bind_text(handle, column, "", 0, Self.transient)
        }
    }

    /// UTF-8 bytes as text, not copied by SQLite (`SQLITE_STATIC`): they must stay valid until
    /// `insert()` (the caller checks they are valid UTF-8).
    mutating func textInPlace(_ bytes: UnsafeBufferPointer<UInt8>) {
        column += 1
        if let base = bytes.baseAddress, !bytes.isEmpty {
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(handle, column, $0, Int32(bytes.count), nil)
            }
        } else {
            sqlite3_bind_text(handle, column, "", 0, Self.transient)
        }
    }

    mutating func blob(_ bytes: [UInt8]) {
        column += 1
        bytes.withUnsafeBytes { b in
            // a zero-length blob, not NULL, for no bytes
            _ = sqlite3_bind_blob(handle, column, b.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(b.count), Self.transient)
        }
    }

    /// Inserts the row bound; the statement is then ready for the next.
    mutating func insert() throws {
        column = 0
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc),
                message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: statement.sql
            )
        }
    }
}
