import CoreMetrics
import Foundation
import Metrics
import SamizdatIndex
import SamizdatModel
import SamizdatService
import Synchronization

/// What index counts and times, recorded where each event happens, and its answer to `metrics`.
final class IndexMetrics: Sendable {
    let receivedBytes = MetricCatalog.indexReceivedBytes.counter()
    let failed = MetricCatalog.indexFailed.counter()
    let apply = MetricCatalog.indexApply.timer()
    /// One timer per query kind, made once: a query must not pay for a registry lookup.
    private let queryTimers = Mutex<[MessageKind: CoreMetrics.Timer]>([:])

    /// A segmented document's frames taken from the intake.
    func received(_ frames: [Data]) {
        receivedBytes.increment(by: frames.reduce(0) { $0 + $1.count })
    }

    /// One batch's transaction, commit included.
    func applied(took: Duration) {
        apply.record(duration: took)
    }

    func committed(outcome: String) {
        MetricCatalog.indexApplied.counter([("outcome", outcome)]).increment()
    }

    func answered(_ kind: MessageKind, took: Duration) {
        let timer = queryTimers.withLock { timers in
            if let known = timers[kind] {
                return known
            }
            let made = MetricCatalog.indexQuery.timer([("kind", kind.rawValue)])
            timers[kind] = made
            return made
        }
        timer.record(duration: took)
    }

    func refused(reason: String) {
        MetricCatalog.indexQueriesRefused.counter([("reason", reason)]).increment()
    }

    /// The `metrics` result: the store's sizes as gauges now, then the exposition of this process.
    func reply(to message: WireMessage, store: CorpusStore) throws -> WireMessage {
        let stats = try store.stats()
        MetricCatalog.indexDocuments.gauge().record(stats.documents)
        MetricCatalog.indexParagraphs.gauge().record(stats.paragraphs)
        MetricCatalog.indexSentences.gauge().record(stats.sentences)
        MetricCatalog.indexTokens.gauge().record(stats.tokens)
        MetricCatalog.indexTypes.gauge().record(stats.types)
        let exposition: PrometheusExposition
        do { exposition = try ServiceMetrics.exposition(labels: [.init("service", "index")]) } catch {
            throw ProtocolError(.internal, error.description)
        }
        return try WireMessage(.result, ResultHeader(req: message.requestID, of: .metrics), body: [Data(exposition.text.utf8)])
    }
}
