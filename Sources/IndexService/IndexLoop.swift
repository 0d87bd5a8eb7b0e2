import Foundation
import Logging
import SamizdatIndex
import SamizdatModel
import SamizdatService
import ZeroMQ

/// index's one thread, the single writer of the store: takes segmented documents, commits each
/// in its own transaction, then acks to ingest and publishes an `indexed` event; answers queries.
final class IndexLoop {
    let config: SamizdatConfig
    let logger: Logger
    let store: CorpusStore
    let context: Context
    private let clock = ContinuousClock()
    private var windowApplied = 0, windowQueries = 0
    /// Acks not yet taken by ingest (it is down or slow); sent in order, never blocking the loop.
    private var outbox: [[Data]] = []
    private let metrics = IndexMetrics()

    init(config: SamizdatConfig, logger: Logger, store: CorpusStore, context: Context) {
        self.config = config
        self.logger = logger
        self.store = store
        self.context = context
    }

    func run(stop: StopSignal) throws {
        var intakeOptions = Socket.Options()
        intakeOptions.receiveHighWaterMark = 200
        let intake = try Socket.pull(context, binding: config.indexIntake, options: intakeOptions)
        let queries = try Socket.router(context, binding: config.indexQueries)
        let events = try Socket.pub(context, binding: config.indexEvents)
        let acks = try Socket.push(context, connecting: config.indexAcks)
        defer {
            intake.close()
            queries.close()
            events.close()
            acks.close()
        }
        var poller = Poller()
        poller.add(intake)
        poller.add(queries)
        poller.add(fd: stop.wakeup.fd)
        var nextStats = clock.now + .seconds(config.statsIntervalSeconds)
        while !stop.requested {
            _ = try poller.poll(timeoutMs: outbox.isEmpty ? 1000 : 20)
            // Queries first so a long intake burst never starves readers.
            for frames in try queries.receiveBatch(limit: 64) { answer(frames, on: queries) }
            flush(acks)
            // Take new documents only while ingest takes our acks, so the outbox stays bounded.
            if outbox.count < 1000 {
                try take(try intake.receiveBatch(limit: 16), events: events)
            }
            flush(acks)
            if clock.now >= nextStats {
                logger.event("stats", "index stats", ["interval.applied": .int(windowApplied), "interval.queries": .int(windowQueries)])
                windowApplied = 0
                windowQueries = 0
                nextStats = clock.now + .seconds(config.statsIntervalSeconds)
            }
        }
    }

    private func flush(_ acks: Socket) {
        while let first = outbox.first {
            do { try acks.send(first, wait: false) } catch { return }
            outbox.removeFirst()
        }
    }

    /// Decodes a batch from the intake and commits it in one transaction (one fsync for many texts);
    /// if the batch fails, each document is tried alone so one bad text cannot hold up the rest.
    private func take(_ batch: [[Data]], events: Socket) throws {
        var docs: [SegmentedDocument] = []
        for frames in batch {
            metrics.received(frames)
            let message: WireMessage
            do { message = try WireMessage.decode(frames) } catch {
                logger.event("rejected", "malformed intake message: \(error.message)", level: .warning, ["error.code": .string(error.code.rawValue)])
                continue
            }
            guard message.kind == .segmented, let h = try? message.header(as: SegmentedHeader.self) else {
                logger.event("rejected", "unexpected '\(message.kind.rawValue)' on the intake socket", level: .warning)
                continue
            }
            do { docs.append(try message.body(0, as: SegmentedDocument.self)) } catch {
                fail(doc: h.doc, version: h.version, reason: error.message)
            }
        }
        guard !docs.isEmpty else { return }
        defer {
            if let problem = store.checkpointProblem() {
                logger.event(
                    "checkpoint_failed",
                    "cannot copy the WAL into the store: \(problem)",
                    level: .warning,
                    ["error.message": .string(problem)]
                )
            }
        }
        let t0 = clock.now
        // the reports' analysis of what was committed, on another thread
        defer { store.refreshAnalysisInBackground() }
        if let outcomes = try? store.apply(docs) {
            let ms = (clock.now - t0).milliseconds
            metrics.applied(took: clock.now - t0)
            for (doc, outcome) in zip(docs, outcomes) { committed(doc, outcome, ms: ms, batch: docs.count, events: events) }
            return
        }
        for doc in docs {
            let t1 = clock.now
            do { committed(doc, try store.apply(doc), ms: (clock.now - t1).milliseconds, batch: 1, events: events) } catch {
                fail(doc: doc.id, version: doc.version, reason: "\(error)")
            }
        }
    }

    private func committed(_ doc: SegmentedDocument, _ outcome: ApplyOutcome, ms: Double, batch: Int, events: Socket) {
        windowApplied += 1
        metrics.committed(outcome: outcome.rawValue)
        logger.event(
            "indexed",
            "document committed",
            [
                "doc.id": .string(doc.id), "doc.version": .int(doc.version), "index.outcome": .string(outcome.rawValue),
                "doc.paragraphs": .int(doc.paragraphs.count), "duration.ms": .number(ms), "batch.size": .int(batch),
            ]
        )
        let header = IndexedHeader(doc: doc.id, version: doc.version, outcome: outcome.rawValue, paragraphs: doc.paragraphs.count)
        guard let reply = try? WireMessage(.indexed, header) else { return }
        try? events.send(reply.frames, wait: false)
        // If the ack never reaches ingest, ingest redelivers and apply, being idempotent, acks again.
        outbox.append(reply.frames)
    }

    private func fail(doc: String, version: Int, reason: String) {
        metrics.failed.increment()
        logger.event(
            "failed",
            "cannot index: \(reason)",
            level: .error,
            ["doc.id": .string(doc), "doc.version": .int(version), "error.message": .string(reason)]
        )
        if let m = try? WireMessage(.failed, FailedHeader(doc: doc, version: version, stage: "index", reason: reason)) { outbox.append(m.frames) }
    }

    private func answer(_ frames: [Data], on socket: Socket) {
        let (envelope, rest) = Envelope.split(frames)
        var req = WireMessage.requestID(inFrames: rest)
        let reply: WireMessage?
        do {
            let m = try WireMessage.decode(rest)
            req = m.requestID
            windowQueries += 1
            let started = clock.now
            reply = try m.kind == .metrics ? metrics.reply(to: m, store: store) : QueryHandler(store: store).answer(m)
            metrics.answered(m.kind, took: clock.now - started)
        } catch let e as ProtocolError {
            metrics.refused(reason: e.code.rawValue)
            logger.event(
                "rejected",
                "query refused: \(e.message)",
                level: .info,
                ["error.code": .string(e.code.rawValue), "peer.id": .string(envelope.peer)]
            )
            reply = try? WireMessage(.error, ErrorHeader(req: req, e))
        } catch {
            metrics.refused(reason: ProtocolError.Code.internal.rawValue)
            logger.event("query_error", "query failed: \(error)", level: .error, ["error.message": .string("\(error)")])
            reply = try? WireMessage(.error, ErrorHeader(req: req, ProtocolError(.internal, "\(error)")))
        }
        if let reply { try? socket.send(envelope.route + reply.frames, wait: false) }
    }
}
