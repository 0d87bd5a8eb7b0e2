import Foundation
import SamizdatModel

/// What the delivery core asks its loop to do (the sends) or to log (the notes).
public enum DeliveryAction: Sendable, Equatable {
    // Sends.

    /// Send `work` with `document`'s text to the worker at `worker` (its ROUTER identity).
    /// If the send fails, tell the core with `workUndelivered`.
    case sendWork(worker: Data, document: Document, attempt: Int)
    /// Send a `heartbeat` to the worker at `worker`.
    case sendHeartbeat(worker: Data)
    /// index acked a version of a document deleted meanwhile (a late `segmented` push brought it
    /// back): ask index to delete the document again.
    case deleteFromIndex(documentID: String)

    // Notes.

    /// A worker joined (by `ready`, or by a heartbeat stating its credit).
    case workerJoined(name: String, credit: Int)
    /// A worker is gone (three missed heartbeats, or a send to it failed); its work went back.
    case workerLost(name: String, inFlight: Int, reason: String)
    /// A version went to a worker.
    case dispatched(DocumentKey, worker: String, attempt: Int)
    /// A version goes back to the queue (after `delay`) for another delivery.
    case requeued(DocumentKey, attempts: Int, reason: String, delay: Duration)
    /// A version is marked failed.
    case failed(DocumentKey, stage: String, reason: String)
    /// index acked a version: it is indexed.
    case indexed(DocumentKey)
    /// An ack or failure that changes nothing (repeated, unknown, or of a deleted document).
    case dropped(DocumentKey, reason: String)
}
