import Foundation

// The typed headers of each message kind (docs/PROTOCOL.md). Field names on the wire are snake_case.

/// `ingest` (client → ingest). Body frame 0: the text, UTF-8.
public struct IngestHeader: Codable, Sendable, Equatable {
    /// Client's request id, echoed in the reply; a retry with the same id is answered, not stored twice.
    public var req: String?
    public var title: String?
    public var author: String?
    public var source: String?
    public var externalID: String?
    /// What the body is: `text` (the default when absent), `pdf`, `epub` or `html` (docs/PROTOCOL.md).
    /// Absent, ingest goes by the body's first bytes.
    public var format: String?
    public init(
        req: String? = nil,
        title: String? = nil,
        author: String? = nil,
        source: String? = nil,
        externalID: String? = nil,
        format: String? = nil
    ) {
        self.req = req
        self.title = title
        self.author = author
        self.source = source
        self.externalID = externalID
        self.format = format
    }
    enum CodingKeys: String, CodingKey {
        case req, title, author, source, format
        case externalID = "external_id"
    }
    public var metadata: DocumentMetadata {
        DocumentMetadata(title: title ?? "", author: author ?? "", source: source ?? "", externalID: externalID)
    }
}

/// `accepted` (ingest → client): the text is durable in the journal.
public struct AcceptedHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var doc: String
    public var version: Int
    public var hash: String
    public var bytes: Int
    public init(req: String?, doc: String, version: Int, hash: String, bytes: Int) {
        self.req = req
        self.doc = doc
        self.version = version
        self.hash = hash
        self.bytes = bytes
    }
}

/// `duplicate` (ingest → client): identical content is already stored under `doc`.
public struct DuplicateHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var doc: String
    public var version: Int
    public init(req: String?, doc: String, version: Int) {
        self.req = req
        self.doc = doc
        self.version = version
    }
}

/// `busy` (ingest → client): the backlog is over its bound; try again after `retry_ms`.
public struct BusyHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var retryMs: Int
    public var backlog: Int
    public init(req: String?, retryMs: Int, backlog: Int) {
        self.req = req
        self.retryMs = retryMs
        self.backlog = backlog
    }
    enum CodingKeys: String, CodingKey {
        case req, backlog
        case retryMs = "retry_ms"
    }
}

/// `error` (any → requester).
public struct ErrorHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var code: String
    public var message: String
    public var offset: Int?
    public var parameter: String?
    public init(req: String?, _ error: ProtocolError) {
        self.req = req
        code = error.code.rawValue
        message = error.message
        offset = error.offset
        parameter = error.parameter
    }
    public var error: ProtocolError {
        ProtocolError(ProtocolError.Code(rawValue: code) ?? .internal, message, offset: offset, parameter: parameter)
    }
}

/// Header of requests that carry nothing but an id: `ping`, `status`, `stats`, `documents`,
/// and query kinds whose parameters travel as JSON in body frame 0.
public struct RequestHeader: Codable, Sendable, Equatable {
    public var req: String?
    public init(req: String? = nil) { self.req = req }
}

/// `pong`.
public struct PongHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var service: String
    public var instance: String
    public init(req: String?, service: String, instance: String) {
        self.req = req
        self.service = service
        self.instance = instance
    }
}

/// `result` (index or report → requester): the answer to a query kind; body frame 0 is its JSON.
public struct ResultHeader: Codable, Sendable, Equatable {
    public var req: String?
    /// The kind of the request answered.
    public var of: String
    public init(req: String?, of: MessageKind) {
        self.req = req
        self.of = of.rawValue
    }
}

/// A `partial` request: which query or report kind the shard answers its part of.
public struct PartialHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var of: String
    public init(req: String?, of: MessageKind) {
        self.req = req
        self.of = of.rawValue
    }
}

/// The `result` of `original`: the file's format and length; body frame 0 is its bytes.
public struct OriginalHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var of: String
    public var doc: String
    public var version: Int
    /// `pdf`, `epub` or `html`.
    public var format: String
    public var bytes: Int
    public init(req: String?, doc: String, version: Int, format: String, bytes: Int) {
        self.req = req
        self.of = MessageKind.original.rawValue
        self.doc = doc
        self.version = version
        self.format = format
        self.bytes = bytes
    }
}

/// `delete` and `document`: a request about one document. `deleted` is the reply to `delete`.
public struct DocumentRefHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var doc: String
    /// On a `delete` that report forwards: the client key that asked (`client:admin:NAME`), for the log.
    public var by: String?
    public init(req: String?, doc: String, by: String? = nil) {
        self.req = req
        self.doc = doc
        self.by = by
    }
}

public struct DeletedHeader: Codable, Sendable, Equatable {
    public var req: String?
    public var doc: String
    public var found: Bool
    public init(req: String?, doc: String, found: Bool) {
        self.req = req
        self.doc = doc
        self.found = found
    }
}

/// `ready` (worker → ingest): the worker can take `credit` more texts.
public struct ReadyHeader: Codable, Sendable, Equatable {
    public var credit: Int
    public var worker: String
    public init(credit: Int, worker: String) {
        self.credit = credit
        self.worker = worker
    }
}

/// `heartbeat` (both ways between ingest and workers).
public struct HeartbeatHeader: Codable, Sendable, Equatable {
    public var worker: String?
    /// From a worker: the texts it can take now. ingest uses it to re-register a worker it does
    /// not know (after ingest restarted, or declared the worker dead).
    public var credit: Int?
    public init(worker: String? = nil, credit: Int? = nil) {
        self.worker = worker
        self.credit = credit
    }
}

/// `work` (ingest → worker). Body frame 0: the text.
public struct WorkHeader: Codable, Sendable, Equatable {
    public var doc: String
    public var version: Int
    public var hash: String
    public var attempt: Int
    public var title: String
    public var author: String
    public var source: String
    public var externalID: String?
    /// The body's format when it is a file's original bytes (`pdf` …); absent for text.
    public var format: DocumentFormat?
    public init(document d: Document, attempt: Int) {
        doc = d.id
        version = d.version
        hash = d.contentHash
        self.attempt = attempt
        title = d.metadata.title
        author = d.metadata.author
        source = d.metadata.source
        externalID = d.metadata.externalID
        format = d.format == .text ? nil : d.format
    }
    enum CodingKeys: String, CodingKey {
        case doc, version, hash, attempt, title, author, source, format
        case externalID = "external_id"
    }
    public func document(text: String) -> Document {
        Document(
            id: doc,
            version: version,
            contentHash: hash,
            metadata: DocumentMetadata(title: title, author: author, source: source, externalID: externalID),
            text: text
        )
    }
}

/// `failed` (worker → ingest): the text cannot be processed; not worth a retry.
public struct FailedHeader: Codable, Sendable, Equatable {
    public var doc: String
    public var version: Int
    public var stage: String
    public var reason: String
    public init(doc: String, version: Int, stage: String, reason: String) {
        self.doc = doc
        self.version = version
        self.stage = stage
        self.reason = reason
    }
}

/// `segmented` (worker → index). Body frame 0: the SegmentedDocument as JSON.
public struct SegmentedHeader: Codable, Sendable, Equatable {
    public var doc: String
    public var version: Int
    public var attempt: Int
    public var ms: Double
    public init(doc: String, version: Int, attempt: Int, ms: Double) {
        self.doc = doc
        self.version = version
        self.attempt = attempt
        self.ms = ms
    }
}

/// `indexed` (index → ingest as the ack, and on the PUB socket as the event).
public struct IndexedHeader: Codable, Sendable, Equatable {
    public var doc: String
    public var version: Int
    /// applied, already_applied, superseded.
    public var outcome: String
    public var paragraphs: Int
    public init(doc: String, version: Int, outcome: String, paragraphs: Int) {
        self.doc = doc
        self.version = version
        self.outcome = outcome
        self.paragraphs = paragraphs
    }
}
