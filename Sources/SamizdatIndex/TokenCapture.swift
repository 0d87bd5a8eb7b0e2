import Foundation
import GRDB
import SamizdatText

/// Per-connection state of the passage tokenizer: a stem cache, and a hand-off of tokens that
/// `apply` already analyzed (for its term statistics), so FTS5 indexes the very tokens the
/// statistics counted and the text is analyzed once. A connection is used by one thread at a
/// time, which is what makes the unchecked Sendable sound.
final class TokenCapture: @unchecked Sendable {
    /// Tokens for the next document-mode tokenization of a text of `suppliedBytes` UTF-8 bytes.
    var supplied: [Token]?
    var suppliedBytes = 0
    let stems = StemCache()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var byConnection: [ObjectIdentifier: TokenCapture] = [:]

    /// Called from `prepareDatabase`: a fresh capture for a new connection.
    static func register(_ db: Database) {
        lock.lock(); defer { lock.unlock() }
        byConnection[ObjectIdentifier(db)] = TokenCapture()
    }

    static func of(_ db: Database) -> TokenCapture {
        lock.lock(); defer { lock.unlock() }
        if let c = byConnection[ObjectIdentifier(db)] { return c }
        let c = TokenCapture()
        byConnection[ObjectIdentifier(db)] = c
        return c
    }
}
