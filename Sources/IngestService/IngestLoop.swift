import Foundation
import Logging
import Metrics
import SamizdatDelivery
import SamizdatExtract
import SamizdatModel
import SamizdatService
import SamizdatText
import ZeroMQ

/// ingest's one thread: sockets, decoding and encoding around `DeliveryCore`, which holds every
/// delivery decision and the journal. The client ROUTER, the work ROUTER for segment workers, the
/// ack PULL, and a DEALER to index's queries for the deletes that tombstones call for.
final class IngestLoop {
    let config: SamizdatConfig
    let logger: Logger
    let core: DeliveryCore
    let context: Context
    let security: ServiceSecurity

    private let clock = ContinuousClock()
    /// The core's totals when the current stats interval began.
    private var windowStart: (accepted: Int, indexed: Int, bytes: Int)
    private var lastRates = (accepted: 0.0, indexed: 0.0)
    private let metrics = IngestMetrics()

    init(config: SamizdatConfig, logger: Logger, journal: DeliveryJournal, context: Context, security: ServiceSecurity) throws {
        self.config = config
        self.logger = logger
        self.context = context
        self.security = security
        let policy = DeliveryPolicy(
            ackTimeout: .milliseconds(Int(config.ackTimeoutSeconds * 1000)),
            maxAttempts: config.maxAttempts,
            heartbeat: .milliseconds(config.heartbeatMs),
            maxBacklog: config.maxBacklog
        )
        core = try DeliveryCore(journal: journal, policy: policy, now: clock.now)
        windowStart = (0, 0, 0)
    }

    func run(stop: StopSignal) throws {
        var clientOptions = try security.serverOptions(.ingestClient)
        clientOptions.maxMessageSize = Int64(config.maxTextBytes + WireMessage.maxHeaderBytes + 1024)
        clientOptions.receiveHighWaterMark = 10_000
        let client = try Socket.router(context, binding: config.ingestClient, options: clientOptions)
        try HandshakeLog.watch(client, context: context, security: security, domain: .ingestClient, logger: logger)
        let work = try Socket.router(context, binding: config.ingestWork, options: try security.serverOptions(.ingestWork))
        let acks = try Socket.pull(context, binding: config.ingestAcks, options: try security.serverOptions(.ingestAcks))
        try HandshakeLog.watch(work, context: context, security: security, domain: .ingestWork, logger: logger)
        try HandshakeLog.watch(acks, context: context, security: security, domain: .ingestAcks, logger: logger)
        let index = try Socket.dealer(context, connecting: config.reportIndex, options: try security.clientOptions(of: .index))
        defer {
            client.close()
            work.close()
            acks.close()
            index.close()
        }
        logger.event("resume", "journal loaded", ["queue.backlog": .int(core.backlog)])

        var poller = Poller()
        poller.add(client)
        poller.add(work)
        poller.add(acks)
        poller.add(index)
        poller.add(fd: stop.wakeup.fd)
        var nextStats = clock.now + .seconds(config.statsIntervalSeconds)
        var lastStats = clock.now

        while !stop.requested {
            _ = try poller.poll(timeoutMs: config.heartbeatMs)
            try perform(try handleAcks(acks), work: work, index: index)
            try perform(handleWorkers(work), work: work, index: index)
            try handleClients(client)
            drainIndexReplies(index)
            try perform(try core.tick(now: clock.now), work: work, index: index)
            let now = clock.now
            if now >= nextStats {
                logStats(since: lastStats, now: now)
                lastStats = now
                nextStats = now + .seconds(config.statsIntervalSeconds)
            }
        }
        // Shutdown: answer what clients already sent, stop granting work, take the last acks.
        try handleClients(client)
        try perform(try handleAcks(acks), work: work, index: index)
        logger.event("shutdown", "ingest stopping", ["queue.backlog": .int(core.backlog)])
    }

    // MARK: actions

    /// Does what the core asked: sends, and logs its notes.
    private func perform(_ actions: [DeliveryAction], work: Socket, index: Socket) throws {
        for action in actions {
            switch action {
            case .sendWork(let worker, let document, let attempt):
                do {
                    let body = document.original ?? Data(document.text.utf8)
                    let message = try WireMessage(.work, WorkHeader(document: document, attempt: attempt), body: [body])
                    try work.send([worker] + message.frames, wait: false)
                } catch {
                    let key = DocumentKey(id: document.id, version: document.version)
                    logger.event("send_failed", "cannot send work to a worker: \(error)", level: .warning, ["doc.id": .string(document.id)])
                    try perform(try core.workUndelivered(key, worker: worker, now: clock.now), work: work, index: index)
                }
            case .sendHeartbeat(let worker):
                if let frames = try? WireMessage(.heartbeat, HeartbeatHeader(worker: nil)).frames {
                    try? work.send([worker] + frames, wait: false)
                }
            case .deleteFromIndex(let documentID):
                logger.event(
                    "tombstone_delete",
                    "a deleted document came back into the index; deleting it there again",
                    level: .warning,
                    ["doc.id": .string(documentID)]
                )
                if let frames = try? WireMessage(.delete, DocumentRefHeader(req: "tombstone-\(documentID)", doc: documentID)).frames {
                    try? index.send([Data()] + frames, wait: false)
                }
            case .workerJoined(let name, let credit):
                logger.event("worker_joined", "segment worker joined", ["worker.id": .string(name), "worker.credit": .int(credit)])
            case .workerLost(let name, let inFlight, let reason):
                metrics.workerLost(name)
                logger.event(
                    "worker_lost",
                    "segment worker lost: \(reason)",
                    level: .warning,
                    ["worker.id": .string(name), "worker.in_flight": .int(inFlight)]
                )
            case .dispatched(let key, let worker, let attempt):
                metrics.dispatched.increment()
                logger.event(
                    "dispatched",
                    "text sent to a segment worker",
                    ["doc.id": .string(key.id), "doc.version": .int(key.version), "worker.id": .string(worker), "delivery.attempt": .int(attempt)]
                )
            case .requeued(let key, let attempts, let reason, _):
                metrics.redeliveries.increment()
                logger.event(
                    "redelivery",
                    "text goes back to the queue: \(reason)",
                    level: .warning,
                    ["doc.id": .string(key.id), "doc.version": .int(key.version), "delivery.attempt": .int(attempts)]
                )
            case .failed(let key, let stage, let reason):
                metrics.failed(stage: stage)
                logger.event(
                    "failed",
                    "text failed: \(reason)",
                    level: .error,
                    ["doc.id": .string(key.id), "doc.version": .int(key.version), "failure.stage": .string(stage), "error.message": .string(reason)]
                )
            case .indexed(let key):
                metrics.indexed.increment()
                logger.event("indexed", "text indexed", ["doc.id": .string(key.id), "doc.version": .int(key.version)])
            case .dropped(let key, let reason):
                logger.event(
                    "ack_dropped",
                    "ack dropped: \(reason)",
                    level: .debug,
                    ["doc.id": .string(key.id), "doc.version": .int(key.version)]
                )
            }
        }
    }

    // MARK: clients

    private func handleClients(_ socket: Socket) throws {
        let batch = try socket.receiveMessageBatch(limit: 512)
        if batch.isEmpty { return }
        var toStore: [(envelope: Envelope, request: IngestRequest)] = []
        for received in batch {
            let requester = Requester(userId: received.userId)
            let (envelope, rest) = Envelope.split(received.frames)
            let message: WireMessage
            do {
                message = try WireMessage.decode(rest)
            } catch {
                reject(socket, envelope, req: WireMessage.requestID(inFrames: rest), error, kind: rest.first)
                continue
            }
            do {
                try authorize(message.kind, requester: requester)
                switch message.kind {
                case .ingest:
                    let header: IngestHeader
                    do {
                        header = try message.header(as: IngestHeader.self)
                    } catch {
                        throw ProtocolError(.badMetadata, error.message)
                    }
                    try TextValidation.check(header)
                    guard let body = message.body.first else { throw ProtocolError(.truncatedMessage, "'ingest' has no body frame with the text") }
                    if let busy = core.busy(pendingInBatch: toStore.count, now: clock.now) {
                        metrics.refused(reason: "busy")
                        send(socket, envelope, try WireMessage(.busy, BusyHeader(req: header.req, retryMs: busy.retryMs, backlog: busy.backlog)))
                        continue
                    }
                    let format = try FileValidation.format(declared: header.format, body: body, maxBytes: config.maxTextBytes)
                    if format.isBinary {
                        toStore.append((envelope, IngestRequest(req: header.req, metadata: header.metadata, original: body, format: format)))
                    } else {
                        let text = Normalizer.normalize(try TextValidation.text(from: body, maxBytes: config.maxTextBytes))
                        toStore.append((envelope, IngestRequest(req: header.req, metadata: header.metadata, text: text)))
                    }
                case .ping:
                    send(socket, envelope, try WireMessage(.pong, PongHeader(req: message.requestID, service: "ingest", instance: config.instance)))
                case .status:
                    let status = try core.status(now: clock.now, acceptedPerSecond: lastRates.accepted, indexedPerSecond: lastRates.indexed)
                    send(
                        socket,
                        envelope,
                        try WireMessage(.result, ResultHeader(req: message.requestID, of: .status), body: [WireCoding.encoder.encode(status)])
                    )
                case .metrics:
                    let text: String
                    do {
                        let states = try core.status(now: clock.now, acceptedPerSecond: 0, indexedPerSecond: 0).states
                        text = try metrics.exposition(core: core, states: states)
                    } catch {
                        throw ProtocolError(.internal, "cannot read the metrics: \(error)")
                    }
                    send(socket, envelope, try WireMessage(.result, ResultHeader(req: message.requestID, of: .metrics), body: [Data(text.utf8)]))
                case .original:
                    let header = try message.header(as: DocumentRefHeader.self)
                    let record: OriginalRecord?
                    do {
                        record = try core.journal.latestOriginal(id: header.doc)
                    } catch {
                        throw ProtocolError(.internal, "cannot read the journal: \(error)")
                    }
                    guard let record else {
                        throw ProtocolError(.notFound, "document \(header.doc) has no original file (it came as text, or is unknown)")
                    }
                    let reply = OriginalHeader(
                        req: header.req,
                        doc: record.id,
                        version: record.version,
                        format: record.format,
                        bytes: record.bytes.count
                    )
                    send(socket, envelope, try WireMessage(.result, reply, body: [record.bytes]))
                case .delete:
                    let header = try message.header(as: DocumentRefHeader.self)
                    let found = try core.delete(id: header.doc)
                    if found {
                        metrics.deleted.increment()
                    }
                    logger.event(
                        "deleted",
                        "document deleted from the journal, tombstone kept",
                        ["doc.id": .string(header.doc), "delete.found": .bool(found), "auth.user": .string(header.by ?? requester.label)]
                    )
                    send(socket, envelope, try WireMessage(.deleted, DeletedHeader(req: header.req, doc: header.doc, found: found)))
                default:
                    throw ProtocolError(.unexpectedKind, "ingest's client socket does not take '\(message.kind.rawValue)'")
                }
            } catch let error as ProtocolError {
                reject(socket, envelope, req: message.requestID, error, kind: rest.first, requester: requester)
            }
        }
        guard !toStore.isEmpty else { return }
        let start = clock.now
        let outcomes: [IngestOutcome]
        do {
            outcomes = try core.accept(toStore.map(\.request))
        } catch {
            logger.event(
                "journal_error",
                "could not store a batch",
                level: .error,
                ["error.message": .string("\(error)"), "batch.size": .int(toStore.count)]
            )
            for (envelope, request) in toStore {
                reject(socket, envelope, req: request.req, ProtocolError(.internal, "journal write failed: \(error)"), kind: nil)
            }
            return
        }
        let commitDuration = clock.now - start
        metrics.journalCommit.record(duration: commitDuration)
        let milliseconds = commitDuration.milliseconds
        for ((envelope, request), outcome) in zip(toStore, outcomes) {
            switch outcome {
            case .accepted(let key, let hash, let bytes, let isNew):
                if isNew {
                    metrics.accepted.increment()
                    metrics.acceptedBytes.increment(by: bytes)
                    logger.event(
                        "accepted",
                        "text accepted",
                        [
                            "doc.id": .string(key.id), "doc.version": .int(key.version), "bytes.in": .int(bytes),
                            "doc.source": .string(request.metadata.source), "duration.ms": .number(milliseconds),
                        ]
                    )
                }
                send(
                    socket,
                    envelope,
                    try WireMessage(.accepted, AcceptedHeader(req: request.req, doc: key.id, version: key.version, hash: hash, bytes: bytes))
                )
            case .duplicate(let key):
                metrics.duplicates.increment()
                logger.event(
                    "duplicate",
                    "identical text already stored",
                    ["doc.id": .string(key.id), "doc.version": .int(key.version), "doc.source": .string(request.metadata.source)]
                )
                send(socket, envelope, try WireMessage(.duplicate, DuplicateHeader(req: request.req, doc: key.id, version: key.version)))
            }
        }
    }

    /// What each requester may ask of the client socket: status, ping and metrics for any key on the
    /// allow-list, texts for ingest keys, deletes only from report, which checked the admin key that asked
    /// (deletes have that one path, so each is logged with its key and leaves a tombstone).
    private func authorize(_ kind: MessageKind, requester: Requester) throws {
        switch kind {
        case .ingest:
            guard requester.may(.ingest) else {
                throw ProtocolError(.forbidden, "key \(requester.label) may not ingest: it needs the ingest or admin role")
            }
        case .delete:
            switch requester {
            case .service(.report), .unauthenticated:
                return
            default:
                throw ProtocolError(.forbidden, "deletes go through report's client API with an admin key, not to ingest from \(requester.label)")
            }
        default:
            guard requester.may(.query) else { throw ProtocolError(.forbidden, "key \(requester.label) may not use ingest") }
        }
    }

    private func reject(_ socket: Socket, _ envelope: Envelope, req: String?, _ error: ProtocolError, kind: Data?, requester: Requester? = nil) {
        metrics.refused(reason: error.code.rawValue)
        logger.event(
            "rejected",
            "request refused: \(error.message)",
            level: .warning,
            [
                "error.code": .string(error.code.rawValue), "peer.id": .string(envelope.peer),
                "request.kind": .string(kind.map { String(decoding: $0.prefix(32), as: UTF8.self) } ?? ""),
                "auth.user": .string(requester?.label ?? "-"),
            ]
        )
        if let message = try? WireMessage(.error, ErrorHeader(req: req, error)) {
            send(socket, envelope, message)
        }
    }

    private func send(_ socket: Socket, _ envelope: Envelope, _ message: WireMessage) {
        do {
            try socket.send(envelope.route + message.frames, wait: false)
        } catch {
            logger.event(
                "reply_lost",
                "could not reply to a client that went away",
                level: .warning,
                ["peer.id": .string(envelope.peer), "error.message": .string("\(error)")]
            )
        }
    }

    // MARK: workers

    private func handleWorkers(_ socket: Socket) throws -> [DeliveryAction] {
        var actions: [DeliveryAction] = []
        for frames in try socket.receiveBatch(limit: 1024) {
            let (envelope, rest) = Envelope.split(frames)
            guard let route = envelope.route.first else { continue }
            let message: WireMessage
            do {
                message = try WireMessage.decode(rest)
            } catch {
                logger.event(
                    "rejected",
                    "malformed message from a worker: \(error.message)",
                    level: .warning,
                    ["peer.id": .string(envelope.peer), "error.code": .string(error.code.rawValue)]
                )
                continue
            }
            let now = clock.now
            switch message.kind {
            case .ready:
                guard let header = try? message.header(as: ReadyHeader.self) else { continue }
                actions += core.workerReady(route, name: header.worker, credit: header.credit, now: now)
            case .heartbeat:
                let header = try? message.header(as: HeartbeatHeader.self)
                let name = header?.worker ?? envelope.peer
                if let exposition = message.body.first {
                    recordWorkerMetrics(exposition, worker: name)
                }
                actions += core.workerHeartbeat(route, name: name, credit: header?.credit, now: now)
            default:
                logger.event("rejected", "unexpected '\(message.kind.rawValue)' from a worker", level: .warning, ["peer.id": .string(envelope.peer)])
            }
        }
        return actions
    }

    /// A worker's metrics, sent as its heartbeat's body; an unreadable one is logged and dropped.
    private func recordWorkerMetrics(_ exposition: Data, worker: String) {
        do {
            try metrics.workerSent(String(decoding: exposition, as: UTF8.self), worker: worker)
        } catch {
            logger.event(
                "rejected",
                "unreadable metrics from a worker: \(error)",
                level: .warning,
                ["worker.id": .string(worker), "error.message": .string(error.description)]
            )
        }
    }

    // MARK: acks

    private func handleAcks(_ socket: Socket) throws -> [DeliveryAction] {
        var actions: [DeliveryAction] = []
        for received in try socket.receiveMessageBatch(limit: 1024) {
            let message: WireMessage
            do {
                message = try WireMessage.decode(received.frames)
            } catch {
                logger.event("rejected", "malformed ack: \(error.message)", level: .warning, ["error.code": .string(error.code.rawValue)])
                continue
            }
            let sender = Requester(userId: received.userId)
            guard Self.mayAck(message.kind, sender: sender) else {
                logger.event(
                    "rejected",
                    "'\(message.kind.rawValue)' from \(sender.label) refused on the ack socket: only index acks and only segment reports failures",
                    level: .warning,
                    ["error.code": .string(ProtocolError.Code.forbidden.rawValue), "auth.user": .string(sender.label)]
                )
                continue
            }
            switch message.kind {
            case .indexed:
                guard let header = try? message.header(as: IndexedHeader.self) else { continue }
                for action in try core.indexed(DocumentKey(id: header.doc, version: header.version), now: clock.now) {
                    guard case .indexed = action else {
                        actions.append(action)
                        continue
                    }
                    metrics.indexed.increment()
                    logger.event(
                        "indexed",
                        "text indexed",
                        [
                            "doc.id": .string(header.doc), "doc.version": .int(header.version),
                            "index.outcome": .string(header.outcome), "doc.paragraphs": .int(header.paragraphs),
                        ]
                    )
                }
            case .failed:
                guard let header = try? message.header(as: FailedHeader.self) else { continue }
                actions += try core.failed(DocumentKey(id: header.doc, version: header.version), stage: header.stage, reason: header.reason)
            default:
                logger.event("rejected", "unexpected '\(message.kind.rawValue)' on the ack socket", level: .warning)
            }
        }
        return actions
    }

    /// `indexed` comes from index, `failed` from segment (or index, for a document it cannot store).
    static func mayAck(_ kind: MessageKind, sender: Requester) -> Bool {
        switch (kind, sender) {
        case (_, .unauthenticated): true
        case (.indexed, .service(.index)): true
        case (.failed, .service(.segment)), (.failed, .service(.index)): true
        default: false
        }
    }

    /// index's answers to the deletes sent for tombstones: logged, nothing else.
    private func drainIndexReplies(_ socket: Socket) {
        guard let batch = try? socket.receiveBatch(limit: 64) else { return }
        for frames in batch {
            let (_, rest) = Envelope.split(frames)
            guard let message = try? WireMessage.decode(rest), let header = try? message.header(as: DeletedHeader.self) else { continue }
            logger.event(
                "tombstone_deleted",
                "index deleted a document that came back after its delete",
                ["doc.id": .string(header.doc), "delete.found": .bool(header.found)]
            )
        }
    }

    // MARK: stats

    private func logStats(since: ContinuousClock.Instant, now: ContinuousClock.Instant) {
        let seconds = max(0.001, (now - since).seconds)
        let accepted = core.acceptedTotal - windowStart.accepted
        let indexed = core.indexedTotal - windowStart.indexed
        let bytes = core.bytesAccepted - windowStart.bytes
        lastRates = (Double(accepted) / seconds, Double(indexed) / seconds)
        logger.event(
            "stats",
            "ingest stats",
            [
                "queue.backlog": .int(core.backlog), "queue.in_flight": .int(core.inFlightCount), "queue.workers": .int(core.workerCount),
                "interval.accepted": .int(accepted), "interval.indexed": .int(indexed), "interval.bytes": .int(bytes),
                "total.redeliveries": .int(core.redeliveries),
            ]
        )
        windowStart = (core.acceptedTotal, core.indexedTotal, core.bytesAccepted)
    }
}
