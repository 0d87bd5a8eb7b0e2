import Foundation
import Logging
import SamizdatExtract
import SamizdatModel
import SamizdatService
import SamizdatText
import ZeroMQ

/// One segment worker: asks ingest for work with credit (load balancing), segments each text,
/// pushes the result to index, and reports texts it cannot segment. Heartbeats both ways;
/// when ingest goes quiet for three beats it reconnects with backoff.
final class SegmentWorker {
    let config: SamizdatConfig
    let logger: Logger
    let context: Context
    let security: ServiceSecurity
    let segmenter = Segmenter()
    let name: String
    private let clock = ContinuousClock()
    private var local: [WireMessage] = []
    private var processed = 0
    private var windowProcessed = 0, windowBytes = 0
    private lazy var metrics = SegmentMetrics(worker: name)

    init(config: SamizdatConfig, logger: Logger, context: Context, security: ServiceSecurity) {
        self.config = config
        self.logger = logger
        self.context = context
        self.security = security
        name = config.instance
    }

    var beat: Duration { .milliseconds(config.heartbeatMs) }

    /// Logs each refused handshake of `socket`: a worker whose key the others do not know would
    /// otherwise just wait, silent.
    private func watchHandshakes(_ socket: Socket) throws {
        guard !security.isInsecure else { return }
        let logger = self.logger
        _ = try HandshakeMonitor(socket: socket, context: context) { event in
            if case .succeeded = event { return }
            logger.event("auth.refused", "connection not authenticated: \(event.summary)", level: .error)
        }
    }

    func run(stop: StopSignal) throws {
        var options = try security.clientOptions(of: .index)
        options.sendHighWaterMark = 100
        let index = try Socket.push(context, connecting: config.segmentIndex, options: options)
        try watchHandshakes(index)
        let acks = try Socket.push(context, connecting: config.segmentAcks, options: try security.clientOptions(of: .ingest))
        try watchHandshakes(acks)
        defer {
            index.close()
            acks.close()
        }
        var backoff = Duration.milliseconds(config.heartbeatMs)
        var generation = 0
        while !stop.requested {
            generation += 1
            // A fresh routing id per connection, so a restarted worker is never mistaken for its stale self.
            let ingest = try Socket.dealer(
                context,
                connecting: config.segmentIngest,
                identity: "\(name)#\(generation)-\(UInt32.random(in: 0 ... .max))",
                options: try security.clientOptions(of: .ingest)
            )
            try watchHandshakes(ingest)
            logger.event(
                "connect",
                "asking ingest for work",
                ["net.endpoint": .string(config.segmentIngest), "worker.credit": .int(config.segmentCredit)]
            )
            let heardAny = try session(ingest: ingest, index: index, acks: acks, stop: stop)
            ingest.close()
            if stop.requested { break }
            backoff = heardAny ? .milliseconds(config.heartbeatMs) : min(backoff * 2, .seconds(30))
            logger.event(
                "reconnect",
                "ingest silent for 3 heartbeats; reconnecting",
                level: .warning,
                ["backoff.ms": .int(Int(backoff.milliseconds))]
            )
            sleep(for: backoff, stop: stop)
        }
    }

    /// One connection's life. Returns whether ingest was ever heard from.
    private func session(ingest: Socket, index: Socket, acks: Socket, stop: StopSignal) throws -> Bool {
        try ingest.send(try WireMessage(.ready, ReadyHeader(credit: config.segmentCredit, worker: name)).frames)
        var poller = Poller()
        poller.add(ingest)
        poller.add(fd: stop.wakeup.fd)
        var lastHeard = clock.now
        var heard = false
        var nextBeat = clock.now + beat
        var nextStats = clock.now + .seconds(config.statsIntervalSeconds)
        local.removeAll()
        while !stop.requested {
            if local.isEmpty { _ = try poller.poll(timeoutMs: config.heartbeatMs) }
            for frames in try ingest.receiveBatch(limit: 64) {
                lastHeard = clock.now
                heard = true
                do {
                    let m = try WireMessage.decode(frames)
                    if m.kind == .work { local.append(m) }
                } catch {
                    logger.event(
                        "rejected",
                        "malformed message from ingest: \(error.message)",
                        level: .warning,
                        ["error.code": .string(error.code.rawValue)]
                    )
                }
            }
            if !local.isEmpty {
                let m = local.removeFirst()
                try process(m, index: index, acks: acks, ingest: ingest, stop: stop)
                try ingest.send(try WireMessage(.ready, ReadyHeader(credit: 1, worker: name)).frames, wait: false)
            }
            let now = clock.now
            if now >= nextBeat {
                let credit = max(0, config.segmentCredit - local.count)
                let heartbeat = try WireMessage(.heartbeat, HeartbeatHeader(worker: name, credit: credit), body: metrics.heartbeatBody())
                try? ingest.send(heartbeat.frames, wait: false)
                nextBeat = now + beat
            }
            if now >= nextStats {
                logger.event(
                    "stats",
                    "segment stats",
                    ["interval.processed": .int(windowProcessed), "interval.bytes": .int(windowBytes), "total.processed": .int(processed)]
                )
                windowProcessed = 0
                windowBytes = 0
                nextStats = now + .seconds(config.statsIntervalSeconds)
            }
            if now - lastHeard > beat * 3 { return heard }
        }
        return heard
    }

    private func process(_ m: WireMessage, index: Socket, acks: Socket, ingest: Socket, stop: StopSignal) throws {
        let header: WorkHeader
        do { header = try m.header(as: WorkHeader.self) } catch {
            logger.event("rejected", "work without a valid header: \(error.message)", level: .warning)
            return
        }
        let original = header.format?.isBinary == true ? m.body.first : nil
        let text = original == nil ? (m.body.first.map { String(decoding: $0, as: UTF8.self) } ?? "") : ""
        let doc = header.document(text: text)
        let bytesIn = original?.count ?? text.utf8.count
        let t0 = clock.now
        let outgoing: (Socket, [Data])
        do {
            let segmented: SegmentedDocument
            if let original, let format = header.format {
                segmented = try extractAndSegment(doc, original: original, format: format)
            } else {
                segmented = try segmenter.segment(doc)
            }
            let ms = (clock.now - t0).milliseconds
            metrics.segmented(bytes: bytesIn, took: clock.now - t0)
            let body = SegmentedDocumentCodec.encode(segmented)
            outgoing = (
                index,
                try WireMessage(.segmented, SegmentedHeader(doc: doc.id, version: doc.version, attempt: header.attempt, ms: ms), body: [body]).frames
            )
            logger.event(
                "segmented",
                "text segmented",
                [
                    "doc.id": .string(doc.id), "doc.version": .int(doc.version), "bytes.in": .int(bytesIn),
                    "doc.paragraphs": .int(segmented.paragraphs.count), "doc.sentences": .int(segmented.sentences.count),
                    "duration.ms": .number(ms), "delivery.attempt": .int(header.attempt),
                ]
            )
        } catch {
            var (stage, reason) = (error as? SegmentationError).map { ($0.stage, $0.reason) } ?? ("segment", "\(error)")
            if let extraction = error as? ExtractionError { (stage, reason) = ("extract", extraction.description) }
            metrics.failed(stage: stage)
            logger.event(
                "failed",
                "cannot segment: \(reason)",
                level: .error,
                ["doc.id": .string(doc.id), "doc.version": .int(doc.version), "failure.stage": .string(stage), "error.message": .string(reason)]
            )
            outgoing = (acks, try WireMessage(.failed, FailedHeader(doc: doc.id, version: doc.version, stage: stage, reason: reason)).frames)
        }
        processed += 1
        windowProcessed += 1
        windowBytes += bytesIn
        // Hand over without blocking forever: while the peer is away keep heartbeating ingest.
        var nextBeat = clock.now + beat
        while !stop.requested {
            do {
                try outgoing.0.send(outgoing.1, wait: false)
                return
            } catch ZeroMQError.again {
                Thread.sleep(forTimeInterval: 0.02)
                if clock.now >= nextBeat {
                    try? ingest.send(try WireMessage(.heartbeat, HeartbeatHeader(worker: name, credit: 0)).frames, wait: false)
                    nextBeat = clock.now + beat
                }
            }
        }
    }

    /// A file's pages through extraction (PDF via poppler), then segmentation from the known pages.
    private func extractAndSegment(_ doc: Document, original: Data, format: DocumentFormat) throws -> SegmentedDocument {
        let extracted = try DocumentExtractor().extract([UInt8](original), format: format)
        return try segmenter.segment(
            pages: extracted.pages,
            id: doc.id,
            version: doc.version,
            contentHash: doc.contentHash,
            metadata: doc.metadata
        )
    }

    private func sleep(for d: Duration, stop: StopSignal) {
        var p = Poller()
        p.add(fd: stop.wakeup.fd)
        _ = try? p.poll(timeoutMs: Int(d.milliseconds))
    }
}
