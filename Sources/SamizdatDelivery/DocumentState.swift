import GRDB

/// Where a version is on its way: accepted → dispatched → indexed, or failed.
public enum DocumentState: String, CaseIterable, Codable, Sendable, DatabaseValueConvertible {
    /// Durable in the journal, waiting for a worker (also after a redelivery).
    case accepted
    /// Sent to a segment worker; waiting for index's ack.
    case dispatched
    /// index acked it: its transaction committed.
    case indexed
    /// Given up on, with the stage and the reason.
    case failed
}
