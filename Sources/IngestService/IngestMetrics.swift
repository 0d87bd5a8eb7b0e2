import CoreMetrics
import Metrics
import SamizdatDelivery
import SamizdatModel
import SamizdatService

/// What ingest counts and times, recorded where each event happens (`MetricCatalog` names them),
/// and the latest exposition each segment worker sent with its heartbeat.
final class IngestMetrics {
    let accepted = MetricCatalog.ingestAccepted.counter()
    let acceptedBytes = MetricCatalog.ingestAcceptedBytes.counter()
    let duplicates = MetricCatalog.ingestDuplicates.counter()
    let dispatched = MetricCatalog.ingestDispatched.counter()
    let redeliveries = MetricCatalog.ingestRedeliveries.counter()
    let indexed = MetricCatalog.ingestIndexed.counter()
    let deleted = MetricCatalog.ingestDeleted.counter()
    let journalCommit = MetricCatalog.ingestJournalCommit.timer()
    let backlog = MetricCatalog.ingestBacklog.gauge()
    let inFlight = MetricCatalog.ingestInFlight.gauge()
    let workers = MetricCatalog.ingestWorkers.gauge()
    /// Each worker's last exposition (already labelled `service="segment"`, `worker=…`), by worker name.
    private var workerExpositions: [String: PrometheusExposition] = [:]

    func refused(reason: String) {
        MetricCatalog.ingestRefused.counter([("reason", reason)]).increment()
    }

    func failed(stage: String) {
        MetricCatalog.ingestFailed.counter([("stage", stage)]).increment()
    }

    /// Keeps a worker's exposition; one that does not parse is dropped and named in the error.
    func workerSent(_ text: String, worker: String) throws(ExpositionError) {
        workerExpositions[worker] = try PrometheusExposition(parsing: text)
    }

    func workerLost(_ worker: String) {
        workerExpositions.removeValue(forKey: worker)
    }

    /// ingest's own metrics (gauges refreshed from the core now) and its workers', as one text.
    func exposition(core: DeliveryCore, states: [String: Int]) throws(ExpositionError) -> String {
        backlog.record(core.backlog)
        inFlight.record(core.inFlightCount)
        workers.record(core.workerCount)
        for state in ["accepted", "dispatched", "indexed", "failed"] {
            MetricCatalog.ingestTexts.gauge([("state", state)]).record(states[state] ?? 0)
        }
        let own = try ServiceMetrics.exposition(labels: [.init("service", "ingest")])
        let all = [own] + workerExpositions.keys.sorted().compactMap { workerExpositions[$0] }
        return try PrometheusExposition.merging(all).text
    }
}
