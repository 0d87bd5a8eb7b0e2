import Foundation
import Logging
import SamizdatModel
import SamizdatService
import SamizdatText
import ZeroMQ

/// ingest's one thread: the client ROUTER, the work ROUTER for segment workers, the ack PULL.
/// Clients' texts are committed to the journal in batches (group commit) before any reply;
/// work goes only to workers with credit; unacked work is redelivered.
final class IngestLoop {
    typealias Key = Journal.Key

    struct Worker {
        var route: Data
        var name: String
        var credit: Int
        var lastSeen: ContinuousClock.Instant
        var inFlight: Set<Key> = []
        var processed = 0
    }

    struct Flight {
        var worker: Data
        var deadline: ContinuousClock.Instant
        var attempt: Int
    }

    let config: SamizdatConfig
    let logger: Logger
    let journal: Journal
    let context: Context

    private var queue: [Key] = []
    private var queueHead = 0
    private var attempts: [Key: Int] = [:]
    private var delayed: [(key: Key, at: ContinuousClock.Instant)] = []
    private var flights: [Key: Flight] = [:]
    private var workers: [Data: Worker] = [:]
    private var redeliveries = 0
    private var windowAccepted = 0, windowIndexed = 0, windowBytes = 0
    private var lastRates = (accepted: 0.0, indexed: 0.0)
    private var bytesAccepted = 0
    private let clock = ContinuousClock()

    init(config: SamizdatConfig, logger: Logger, journal: Journal, context: Context) {
        self.config = config
        self.logger = logger
        self.journal = journal
        self.context = context
    }

    var backlog: Int { (queue.count - queueHead) + flights.count + delayed.count }
    var heartbeat: Duration { .milliseconds(config.heartbeatMs) }

    func run(stop: StopSignal) throws {
        var clientOptions = Socket.Options()
        clientOptions.maxMessageSize = Int64(config.maxTextBytes + WireMessage.maxHeaderBytes + 1024)
        clientOptions.receiveHighWaterMark = 10_000
        let client = try Socket.router(context, binding: config.ingestClient, options: clientOptions)
        let work = try Socket.router(context, binding: config.ingestWork)
        let acks = try Socket.pull(context, binding: config.ingestAcks)
        defer { client.close(); work.close(); acks.close() }

        for p in try journal.pending() {
            queue.append(p.key)
            attempts[p.key] = p.attempts
        }
        logger.event("resume", "journal loaded", ["backlog": "\(backlog)"])

        var poller = Poller()
        poller.add(client)
        poller.add(work)
        poller.add(acks)
        poller.add(fd: stop.wakeup.fd)
        var nextBeat = clock.now + heartbeat
        var nextStats = clock.now + .seconds(config.statsIntervalSeconds)
        var lastStats = clock.now

        while !stop.requested {
            _ = try poller.poll(timeoutMs: config.heartbeatMs)
            try handleAcks(acks)
            try handleWorkers(work)
            try handleClients(client)
            try redeliverExpired()
            try dispatch(work)
            let now = clock.now
            if now >= nextBeat {
                beat(work, now: now)
                nextBeat = now + heartbeat
            }
            if now >= nextStats {
                logStats(since: lastStats, now: now)
                lastStats = now
                nextStats = now + .seconds(config.statsIntervalSeconds)
            }
        }
        // Shutdown: answer what clients already sent, stop granting work, take the last acks.
        try handleClients(client)
        try handleAcks(acks)
        logger.event("shutdown", "ingest stopping", ["backlog": "\(backlog)"])
    }

    // MARK: clients

    private func handleClients(_ socket: Socket) throws {
        let batch = try socket.receiveBatch(limit: 512)
        if batch.isEmpty { return }
        var toStore: [(Envelope, Journal.Incoming)] = []
        for frames in batch {
            let (envelope, rest) = Envelope.split(frames)
            let message: WireMessage
            do { message = try WireMessage.decode(rest) } catch {
                reject(socket, envelope, req: WireMessage.requestID(inFrames: rest), error, kind: rest.first)
                continue
            }
            switch message.kind {
            case .ingest:
                do {
                    let header: IngestHeader
                    do { header = try message.header(as: IngestHeader.self) } catch {
                        throw ProtocolError(.badMetadata, error.message)
                    }
                    try TextValidation.check(header)
                    guard let body = message.body.first else { throw ProtocolError(.truncatedMessage, "'ingest' has no body frame with the text") }
                    if backlog + toStore.count >= config.maxBacklog {
                        let retry = max(200, min(10_000, backlog))
                        send(socket, envelope, try WireMessage(.busy, BusyHeader(req: header.req, retryMs: retry, backlog: backlog)))
                        continue
                    }
                    let text = Normalizer.normalize(try TextValidation.text(from: body, maxBytes: config.maxTextBytes))
                    toStore.append((envelope, Journal.Incoming(req: header.req, metadata: header.metadata, text: text, hash: ContentHash.sha256(text))))
                } catch let error as ProtocolError {
                    reject(socket, envelope, req: message.requestID, error, kind: rest.first)
                }
            case .ping:
                send(socket, envelope, try WireMessage(.pong, PongHeader(req: message.requestID, service: "ingest", instance: config.instance)))
            case .status:
                let status = try statusReport()
                send(socket, envelope, try WireMessage(.result, ResultHeader(req: message.requestID, of: .status), body: [WireCoding.encoder.encode(status)]))
            case .delete:
                do {
                    let h = try message.header(as: DocumentRefHeader.self)
                    let found = try journal.delete(id: h.doc)
                    forget(id: h.doc)
                    logger.event("deleted", "document deleted from the journal", ["doc": .string(h.doc), "found": "\(found)"])
                    send(socket, envelope, try WireMessage(.deleted, DeletedHeader(req: h.req, doc: h.doc, found: found)))
                } catch let error as ProtocolError {
                    reject(socket, envelope, req: message.requestID, error, kind: rest.first)
                }
            default:
                reject(socket, envelope, req: message.requestID,
                       ProtocolError(.unexpectedKind, "ingest's client socket does not take '\(message.kind.rawValue)'"), kind: rest.first)
            }
        }
        guard !toStore.isEmpty else { return }
        let t0 = clock.now
        let outcomes: [Journal.Outcome]
        do { outcomes = try journal.accept(toStore.map(\.1)) } catch {
            logger.event("journal_error", "could not store a batch", level: .error, ["error": .string("\(error)"), "batch": "\(toStore.count)"])
            for (env, item) in toStore {
                reject(socket, env, req: item.req, ProtocolError(.internal, "journal write failed: \(error)"), kind: nil)
            }
            return
        }
        let ms = (clock.now - t0).milliseconds
        for ((env, item), outcome) in zip(toStore, outcomes) {
            switch outcome {
            case .accepted(let key, let hash, let bytes):
                if attempts[key] == nil && flights[key] == nil {
                    queue.append(key)
                    attempts[key] = 0
                    windowAccepted += 1
                    windowBytes += bytes
                    bytesAccepted += bytes
                    logger.event("accepted", "text accepted", ["doc": .string(key.id), "version": "\(key.version)", "bytes": "\(bytes)",
                                                                "source": .string(item.metadata.source), "ms": "\(ms)"])
                }
                send(socket, env, try WireMessage(.accepted, AcceptedHeader(req: item.req, doc: key.id, version: key.version, hash: hash, bytes: bytes)))
            case .duplicate(let key):
                logger.event("duplicate", "identical text already stored", ["doc": .string(key.id), "version": "\(key.version)", "source": .string(item.metadata.source)])
                send(socket, env, try WireMessage(.duplicate, DuplicateHeader(req: item.req, doc: key.id, version: key.version)))
            }
        }
    }

    private func reject(_ socket: Socket, _ envelope: Envelope, req: String?, _ error: ProtocolError, kind: Data?) {
        logger.event("rejected", "request refused: \(error.message)", level: .warning,
                     ["error": .string(error.code.rawValue), "peer": .string(envelope.peer),
                      "kind": .string(kind.map { String(decoding: $0.prefix(32), as: UTF8.self) } ?? "")])
        if let m = try? WireMessage(.error, ErrorHeader(req: req, error)) { send(socket, envelope, m) }
    }

    private func send(_ socket: Socket, _ envelope: Envelope, _ message: WireMessage) {
        do { try socket.send(envelope.route + message.frames, wait: false) } catch {
            logger.event("reply_lost", "could not reply to a client that went away", level: .warning,
                         ["peer": .string(envelope.peer), "error": .string("\(error)")])
        }
    }

    // MARK: workers

    private func handleWorkers(_ socket: Socket) throws {
        for frames in try socket.receiveBatch(limit: 1024) {
            let (envelope, rest) = Envelope.split(frames)
            guard let route = envelope.route.first else { continue }
            let message: WireMessage
            do { message = try WireMessage.decode(rest) } catch {
                logger.event("rejected", "malformed message from a worker: \(error.message)", level: .warning, ["peer": .string(envelope.peer), "error": .string(error.code.rawValue)])
                continue
            }
            let now = clock.now
            switch message.kind {
            case .ready:
                guard let h = try? message.header(as: ReadyHeader.self) else { continue }
                if workers[route] == nil {
                    logger.event("worker_joined", "segment worker joined", ["worker": .string(h.worker), "credit": "\(h.credit)"])
                    workers[route] = Worker(route: route, name: h.worker, credit: 0, lastSeen: now)
                }
                workers[route]!.credit += max(0, min(h.credit, 64))
                workers[route]!.lastSeen = now
            case .heartbeat:
                if workers[route] != nil {
                    workers[route]!.lastSeen = now
                } else if let h = try? message.header(as: HeartbeatHeader.self), let credit = h.credit {
                    // A worker from before our restart, or one we declared dead: take it (back) with the credit it states.
                    let name = h.worker ?? envelope.peer
                    logger.event("worker_joined", "segment worker (re)joined by heartbeat", ["worker": .string(name), "credit": "\(credit)"])
                    workers[route] = Worker(route: route, name: name, credit: max(0, min(credit, 64)), lastSeen: now)
                }
            default:
                logger.event("rejected", "unexpected '\(message.kind.rawValue)' from a worker", level: .warning, ["peer": .string(envelope.peer)])
            }
        }
        // Three missed beats: the worker is dead and its work goes back to the queue.
        let now = clock.now
        for (route, w) in workers where now - w.lastSeen > heartbeat * 3 {
            logger.event("worker_lost", "segment worker missed 3 heartbeats", level: .warning,
                         ["worker": .string(w.name), "in_flight": "\(w.inFlight.count)"])
            workers[route] = nil
            for key in w.inFlight.sorted(by: { ($0.id, $0.version) < ($1.id, $1.version) }) {
                flights[key] = nil
                try requeue(key, reason: "worker \(w.name) died", front: true)
            }
        }
    }

    private func dispatch(_ socket: Socket) throws {
        var now = clock.now
        if !delayed.isEmpty {
            let due = delayed.filter { $0.at <= now }
            delayed.removeAll { $0.at <= now }
            for d in due { queue.append(d.key) }
        }
        while queueHead < queue.count {
            guard let route = workers.values.filter({ $0.credit > 0 }).min(by: { $0.inFlight.count < $1.inFlight.count })?.route else { break }
            let key = queue[queueHead]
            queueHead += 1
            guard let doc = try journal.document(key) else { continue }  // deleted meanwhile
            let attempt = (attempts[key] ?? 0) + 1
            let message = try WireMessage(.work, WorkHeader(document: doc, attempt: attempt), body: [Data(doc.text.utf8)])
            do {
                try socket.send([route] + message.frames, wait: false)
            } catch {
                // Peer gone or its pipe full: take it out and put the text back in front.
                logger.event("worker_lost", "cannot send to worker: \(error)", level: .warning, ["worker": .string(workers[route]?.name ?? "?")])
                queueHead -= 1
                if let w = workers.removeValue(forKey: route) {
                    for k in w.inFlight { flights[k] = nil; try requeue(k, reason: "worker \(w.name) unreachable", front: false) }
                }
                continue
            }
            attempts[key] = attempt
            try journal.markDispatched(key, attempts: attempt)
            now = clock.now
            flights[key] = Flight(worker: route, deadline: now + .seconds(config.ackTimeoutSeconds), attempt: attempt)
            workers[route]!.credit -= 1
            workers[route]!.inFlight.insert(key)
            logger.event("dispatched", "text sent to a segment worker",
                         ["doc": .string(key.id), "version": "\(key.version)", "worker": .string(workers[route]!.name), "attempt": "\(attempt)"])
        }
        if queueHead > 4096 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
    }

    private func beat(_ socket: Socket, now: ContinuousClock.Instant) {
        guard let frames = try? WireMessage(.heartbeat, HeartbeatHeader(worker: nil)).frames else { return }
        for route in workers.keys {
            try? socket.send([route] + frames, wait: false)
        }
    }

    // MARK: acks

    private func handleAcks(_ socket: Socket) throws {
        for frames in try socket.receiveBatch(limit: 1024) {
            let message: WireMessage
            do { message = try WireMessage.decode(frames) } catch {
                logger.event("rejected", "malformed ack: \(error.message)", level: .warning, ["error": .string(error.code.rawValue)])
                continue
            }
            switch message.kind {
            case .indexed:
                guard let h = try? message.header(as: IndexedHeader.self) else { continue }
                let key = Key(id: h.doc, version: h.version)
                land(key)
                if try journal.markIndexed(key) {
                    windowIndexed += 1
                    logger.event("indexed", "text indexed", ["doc": .string(h.doc), "version": "\(h.version)", "outcome": .string(h.outcome), "paragraphs": "\(h.paragraphs)"])
                }
            case .failed:
                guard let h = try? message.header(as: FailedHeader.self) else { continue }
                let key = Key(id: h.doc, version: h.version)
                land(key)
                try journal.markFailed(key, stage: h.stage, reason: h.reason)
                logger.event("failed", "text failed: \(h.reason)", level: .error,
                             ["doc": .string(h.doc), "version": "\(h.version)", "stage": .string(h.stage), "error": .string(h.reason)])
            default:
                logger.event("rejected", "unexpected '\(message.kind.rawValue)' on the ack socket", level: .warning)
            }
        }
    }

    /// The version's journey is over: no longer in flight anywhere.
    private func land(_ key: Key) {
        if let f = flights.removeValue(forKey: key) {
            workers[f.worker]?.inFlight.remove(key)
            workers[f.worker]?.processed += 1
        }
        attempts[key] = nil
        delayed.removeAll { $0.key == key }
    }

    private func forget(id: String) {
        for key in flights.keys where key.id == id { land(key) }
        for key in attempts.keys where key.id == id { attempts[key] = nil }
        queue = queue[queueHead...].filter { $0.id != id }
        queueHead = 0
        delayed.removeAll { $0.key.id == id }
    }

    private func redeliverExpired() throws {
        let now = clock.now
        for (key, f) in flights where f.deadline <= now {
            flights[key] = nil
            workers[f.worker]?.inFlight.remove(key)
            try requeue(key, reason: "no ack within \(Int(config.ackTimeoutSeconds)) s", front: false)
        }
    }

    /// Back to the queue, after a backoff, or failed when attempts are used up.
    private func requeue(_ key: Key, reason: String, front: Bool) throws {
        let n = attempts[key] ?? 0
        if n >= config.maxAttempts {
            attempts[key] = nil
            try journal.markFailed(key, stage: "delivery", reason: "\(reason); gave up after \(n) attempts")
            logger.event("failed", "text failed after \(n) attempts: \(reason)", level: .error,
                         ["doc": .string(key.id), "version": "\(key.version)", "attempt": "\(n)", "error": .string(reason)])
            return
        }
        redeliveries += 1
        try journal.markRequeued(key, reason: reason)
        logger.event("redelivery", "text goes back to the queue: \(reason)", level: .warning,
                     ["doc": .string(key.id), "version": "\(key.version)", "attempt": "\(n)"])
        if front {
            queue.insert(key, at: queueHead)
        } else {
            let backoff = Duration.milliseconds(min(30_000, 250 << min(n, 7)))
            delayed.append((key, clock.now + backoff))
        }
    }

    // MARK: status

    func statusReport() throws -> PipelineStatus {
        let now = clock.now
        let ws = workers.values.sorted { $0.name < $1.name }.map {
            PipelineStatus.Worker(id: $0.name, lastHeartbeatMsAgo: Int((now - $0.lastSeen).milliseconds), inFlight: $0.inFlight.count,
                                  credit: $0.credit, processed: $0.processed)
        }
        return PipelineStatus(states: try journal.counts(), backlog: backlog, workers: ws, redeliveries: try journal.redeliveries(),
                              failures: try journal.failures(), acceptedPerSecond: lastRates.accepted, indexedPerSecond: lastRates.indexed,
                              bytesAccepted: bytesAccepted)
    }

    private func logStats(since: ContinuousClock.Instant, now: ContinuousClock.Instant) {
        let secs = max(0.001, (now - since).seconds)
        lastRates = (Double(windowAccepted) / secs, Double(windowIndexed) / secs)
        logger.event("stats", "ingest stats", [
            "backlog": "\(backlog)", "in_flight": "\(flights.count)", "workers": "\(workers.count)",
            "accepted": "\(windowAccepted)", "indexed": "\(windowIndexed)", "bytes": "\(windowBytes)",
            "redeliveries": "\(redeliveries)",
        ])
        windowAccepted = 0; windowIndexed = 0; windowBytes = 0
    }
}
