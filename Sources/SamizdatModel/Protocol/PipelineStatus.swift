import Foundation

/// What ingest knows of the pipeline: the body of its `result` to `status`.
public struct PipelineStatus: Codable, Sendable, Equatable {
    public struct Worker: Codable, Sendable, Equatable {
        public var id: String
        public var lastHeartbeatMsAgo: Int
        public var inFlight: Int
        public var credit: Int
        public var processed: Int
        public init(id: String, lastHeartbeatMsAgo: Int, inFlight: Int, credit: Int, processed: Int) {
            self.id = id
            self.lastHeartbeatMsAgo = lastHeartbeatMsAgo
            self.inFlight = inFlight
            self.credit = credit
            self.processed = processed
        }
        enum CodingKeys: String, CodingKey {
            case id, credit, processed
            case lastHeartbeatMsAgo = "last_heartbeat_ms_ago"
            case inFlight = "in_flight"
        }
    }
    public struct Failure: Codable, Sendable, Equatable {
        public var doc: String
        public var version: Int
        public var source: String
        public var stage: String
        public var reason: String
        public init(doc: String, version: Int, source: String, stage: String, reason: String) {
            self.doc = doc
            self.version = version
            self.source = source
            self.stage = stage
            self.reason = reason
        }
    }
    /// Count of document versions per state: accepted, dispatched, indexed, failed.
    public var states: [String: Int]
    /// Accepted or dispatched, not yet indexed.
    public var backlog: Int
    public var workers: [Worker]
    public var redeliveries: Int
    public var failures: [Failure]
    /// Texts and bytes accepted per second over the last stats interval.
    public var acceptedPerSecond: Double
    public var indexedPerSecond: Double
    public var bytesAccepted: Int

    public init(
        states: [String: Int],
        backlog: Int,
        workers: [Worker],
        redeliveries: Int,
        failures: [Failure],
        acceptedPerSecond: Double,
        indexedPerSecond: Double,
        bytesAccepted: Int
    ) {
        self.states = states
        self.backlog = backlog
        self.workers = workers
        self.redeliveries = redeliveries
        self.failures = failures
        self.acceptedPerSecond = acceptedPerSecond
        self.indexedPerSecond = indexedPerSecond
        self.bytesAccepted = bytesAccepted
    }
    enum CodingKeys: String, CodingKey {
        case states, backlog, workers, redeliveries, failures
        case acceptedPerSecond = "accepted_per_s"
        case indexedPerSecond = "indexed_per_s"
        case bytesAccepted = "bytes_accepted"
    }
}
