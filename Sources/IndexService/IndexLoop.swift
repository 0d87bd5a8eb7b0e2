import Foundation
import Logging
import SamizdatIndex
import SamizdatModel
import SamizdatService
import ZeroMQ

/// index's writer thread, the single writer of the store: takes segmented documents, commits them
/// in batches (one transaction each), then acks to ingest and publishes `indexed` events. Queries
/// are answered on `QueryLoop`'s thread; the requests that write (`delete`) reach this thread
/// from there over the inproc PAIR `writesEndpoint` and their replies go back the same way.
final class IndexLoop {
    /// Where the query thread hands requests that write the store to this one.
    static let writesEndpoint = "inproc://samizdat-index-writes"

    let config: SamizdatConfig
    let logger: Logger
    let store: CorpusStore
    let context: Context
    let security: ServiceSecurity
    private let clock = ContinuousClock()
    private var windowApplied = 0
    /// Acks not yet taken by ingest (it is down or slow); sent in order, never blocking the loop.
    private var outbox: [[Data]] = []
    private let metrics: IndexMetrics
    /// Documents were committed since the reports' analysis last caught up.
    private var analysisPending = false
    /// When the intake last gave documents.
    private var lastIntake = ContinuousClock.now
    /// How long the intake stays empty before the reports' analysis catches up: the analysis
    /// prepares what reports keep over the whole corpus, so run after every batch of a stream
    /// it would redo that for each (a report in the meantime analyses what is missing itself).
    static let analysisIdle = Duration.milliseconds(250)

    init(config: SamizdatConfig, logger: Logger, store: CorpusStore, context: Context, security: ServiceSecurity, metrics: IndexMetrics) {
        self.config = config
        self.logger = logger
        self.store = store
        self.context = context
        self.security = security
        self.metrics = metrics
    }

    func run(stop: StopSignal) throws {
        var intakeOptions = try security.serverOptions(.indexIntake)
        intakeOptions.receiveHighWaterMark = 200
        let intake = try Socket.pull(context, binding: config.indexIntake, options: intakeOptions)
        let writes = try Socket(context, .pair)
        try writes.bind(Self.writesEndpoint)
        let events = try Socket.pub(context, binding: config.indexEvents, options: try security.serverOptions(.indexEvents))
        let acks = try Socket.push(context, connecting: config.indexAcks, options: try security.clientOptions(of: .ingest))
        try HandshakeLog.watch(intake, context: context, security: security, domain: .indexIntake, logger: logger)
        defer {
            intake.close()
            writes.close()
            events.close()
            acks.close()
        }
        var poller = Poller()
        poller.add(intake)
        poller.add(writes)
        poller.add(fd: stop.wakeup.fd)
        var nextStats = clock.now + .seconds(config.statsIntervalSeconds)
        while !stop.requested {
            _ = try poller.poll(timeoutMs: pollTimeoutMs())
            // Deletes first so a long intake burst never starves them.
            let handler = QueryHandler(store: store, metrics: metrics)
            for frames in try writes.receiveBatch(limit: 64) {
                if let reply = handler.reply(to: frames, logger: logger) { try? writes.send(reply, wait: false) }
            }
            flush(acks)
            // Take new documents only while ingest takes our acks, so the outbox stays bounded.
            if outbox.count < 1000 {
                let batch = try intake.receiveBatch(limit: 16)
                if !batch.isEmpty {
                    lastIntake = clock.now
                }
                try take(batch, events: events)
                // The reports' analysis of what was committed, on another thread, once the intake
                // has been empty for `analysisIdle`: while documents stream in, the cores go to
                // indexing them (the words come from the write's own analysis; what reports keep
                // over the corpus is prepared once the stream pauses, and a report in the
                // meantime analyses and prepares what is missing itself).
                if batch.isEmpty && analysisPending && clock.now - lastIntake >= Self.analysisIdle {
                    analysisPending = false
                    store.refreshAnalysisInBackground()
                }
            }
            flush(acks)
            if clock.now >= nextStats {
                logger.event("stats", "index stats", ["interval.applied": .int(windowApplied)])
                windowApplied = 0
                nextStats = clock.now + .seconds(config.statsIntervalSeconds)
            }
        }
    }

    /// How long the next poll may wait: until the reports' analysis is due, else a second (20 ms
    /// while acks wait for ingest).
    private func pollTimeoutMs() -> Int {
        let most = outbox.isEmpty ? 1000 : 20
        guard analysisPending, outbox.count < 1000 else {
            return most
        }
        let due = lastIntake + Self.analysisIdle - clock.now
        return max(0, min(most, Int(due.milliseconds.rounded(.up))))
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
            guard let body = message.body.first else {
                fail(doc: h.doc, version: h.version, reason: "'segmented' has no body frame")
                continue
            }
            do { docs.append(try SegmentedDocumentCodec.decode(body)) } catch {
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
        if store.commitPauseMs > 0 {
            logger.event("commit_held", "test hook: holding this commit open", level: .warning, ["batch.size": .int(docs.count)])
        }
        let t0 = clock.now
        defer { analysisPending = true }
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
}
