/// What the journal made of one ingest request: the reply the client gets.
public enum IngestOutcome: Sendable, Equatable {
    /// Stored (or stored before, under the same request id: then `isNew` is false).
    case accepted(DocumentKey, hash: String, bytes: Int, isNew: Bool)
    /// The same text is already stored as this version; nothing new was stored.
    case duplicate(DocumentKey)
}
