/// What an `indexed` ack did to the journal.
public enum IndexedMark: Sendable, Equatable {
    /// The version is now `indexed`.
    case indexed
    /// It already was: a repeated ack.
    case alreadyIndexed
    /// The document was deleted (its tombstone covers the version); `liveVersion` tells whether a
    /// newer version of it has been accepted since.
    case deleted(liveVersion: Bool)
    /// The journal has no such version and no tombstone for it.
    case unknown
}
