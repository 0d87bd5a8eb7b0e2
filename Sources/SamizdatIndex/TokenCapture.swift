import Foundation
import GRDB
import SamizdatText

/// Per-connection state of the `samizdat` FTS5 tokenizer and of queries: a stem cache. A
/// connection is used by one thread at a time, which is what makes the unchecked Sendable sound.
final class TokenCapture: @unchecked Sendable {
    let stems = StemCache()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var byConnection: [ObjectIdentifier: TokenCapture] = [:]

    /// Called from `prepareDatabase`: a fresh capture for a new connection.
    static func register(_ db: Database) {
        lock.lock()
        defer { lock.unlock() }
        byConnection[ObjectIdentifier(db)] = TokenCapture()
    }

    static func of(_ db: Database) -> TokenCapture {
        lock.lock()
        defer { lock.unlock() }
        if let c = byConnection[ObjectIdentifier(db)] { return c }
        let c = TokenCapture()
        byConnection[ObjectIdentifier(db)] = c
        return c
    }
}
