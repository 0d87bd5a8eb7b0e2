/// The first frame of every Samizdat message, in ASCII.
public enum MessageKind: String, Sendable, CaseIterable, Codable {
    // client ↔ ingest
    case ingest, accepted, duplicate, busy, error, ping, pong, status, delete, deleted
    /// A document's original file, as ingest keeps it (report → ingest).
    case original
    // segment worker ↔ ingest
    case ready, work, heartbeat, failed
    // segment → index
    case segmented
    // index → ingest (ack) and index → subscribers (event)
    case indexed
    // queries to index (and through report)
    case search, kwic, terms, stats, documents, document
    // analysis reports (queries to index, and through report)
    case wordlist, ngrams, collocates, keywords, dispersion, trends, compare, citations
    /// One index shard's part of a query or report that report merges across shards (report →
    /// index shard; `PartialHeader` names the kind, the body is that kind's partial request).
    case partial
    /// The answer to any query kind.
    case result
    /// A service's metrics (ingest, index, report): the `result` body is Prometheus text, not JSON.
    case metrics
}
