import Foundation
import Logging
import SamizdatIndex
import SamizdatModel
import SamizdatService
import ZeroMQ

/// index's query thread: owns the query ROUTER and has reads answered from the store's
/// published state (the in-memory snapshot of the last commit and reader connections of the WAL
/// database), so a query never waits for the writer's commit. Reads are answered on a pool of
/// `concurrency` threads, so that the reports a page asks for at once (the term page's four)
/// are answered side by side; their replies come back to this thread (a queue and an eventfd),
/// which alone sends on the ROUTER. A request that writes (`delete`) is handed to the writer's
/// thread over an inproc PAIR (`IndexLoop.writesEndpoint`), and its reply comes back the same
/// way; each socket stays on the thread that made it.
final class QueryLoop {
    /// Reads answered at once: one per core.
    static let concurrency = max(1, ProcessInfo.processInfo.activeProcessorCount)

    let config: SamizdatConfig
    let logger: Logger
    let store: CorpusStore
    let context: Context
    let security: ServiceSecurity
    private let clock = ContinuousClock()
    private let metrics: IndexMetrics
    private var windowQueries = 0

    init(config: SamizdatConfig, logger: Logger, store: CorpusStore, context: Context, security: ServiceSecurity, metrics: IndexMetrics) {
        self.config = config
        self.logger = logger
        self.store = store
        self.context = context
        self.security = security
        self.metrics = metrics
    }

    func run(stop: StopSignal) throws {
        let queries = try Socket.router(context, binding: config.indexQueries, options: try security.serverOptions(.indexQueries))
        try HandshakeLog.watch(queries, context: context, security: security, domain: .indexQueries, logger: logger)
        let writes = try Socket(context, .pair)
        try writes.connect(IndexLoop.writesEndpoint)
        defer {
            queries.close()
            writes.close()
        }
        let answered = AnsweredQueries()
        var poller = Poller()
        poller.add(queries)
        poller.add(writes)
        poller.add(fd: stop.wakeup.fd)
        poller.add(fd: answered.wakeup.fd)
        let handler = QueryHandler(store: store, metrics: metrics)
        let pool = OperationQueue()
        pool.name = "index-query-pool"
        pool.maxConcurrentOperationCount = Self.concurrency
        defer { pool.waitUntilAllOperationsAreFinished() }
        var nextStats = clock.now + .seconds(config.statsIntervalSeconds)
        let logger = self.logger
        while !stop.requested {
            _ = try poller.poll(timeoutMs: 1000)
            answered.wakeup.drain()
            for reply in answered.take() {
                try? queries.send(reply, wait: false)
            }
            for frames in try queries.receiveBatch(limit: 64) {
                windowQueries += 1
                if Self.kind(of: frames).map(QueryHandler.writes) == true {
                    // the writer answers; if it is gone the client's retry finds it back
                    try? writes.send(frames, wait: false)
                    continue
                }
                pool.addOperation {
                    if let reply = handler.reply(to: frames, logger: logger) {
                        answered.put(reply)
                    }
                }
            }
            for reply in try writes.receiveBatch(limit: 64) {
                try? queries.send(reply, wait: false)
            }
            if clock.now >= nextStats {
                logger.event("stats", "index query stats", ["interval.queries": .int(windowQueries)])
                windowQueries = 0
                nextStats = clock.now + .seconds(config.statsIntervalSeconds)
            }
        }
    }

    /// The kind a ROUTER message names (frame 0 after the route), nil when it names none.
    static func kind(of frames: [Data]) -> MessageKind? {
        let (_, rest) = Envelope.split(frames)
        guard let first = rest.first else { return nil }
        return MessageKind(rawValue: String(decoding: first, as: UTF8.self))
    }
}
