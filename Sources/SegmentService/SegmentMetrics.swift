import CoreMetrics
import Foundation
import Metrics
import SamizdatService

/// What a segment worker counts and times. A worker binds no socket, so its exposition travels
/// to ingest as the body of its heartbeat, labelled `service="segment"` and `worker=<instance>`.
struct SegmentMetrics {
    let worker: String
    let texts = MetricCatalog.segmentTexts.counter()
    let bytes = MetricCatalog.segmentBytes.counter()
    let duration = MetricCatalog.segmentDuration.timer()

    init(worker: String) {
        self.worker = worker
    }

    func segmented(bytes count: Int, took: Duration) {
        texts.increment()
        bytes.increment(by: count)
        duration.record(duration: took)
    }

    func failed(stage: String) {
        MetricCatalog.segmentFailed.counter([("stage", stage)]).increment()
    }

    /// The heartbeat's body: this worker's exposition (empty when the registry cannot be read,
    /// which ingest then ignores).
    func heartbeatBody() -> [Data] {
        guard let exposition = try? ServiceMetrics.exposition(labels: [.init("service", "segment"), .init("worker", worker)]) else {
            return []
        }
        return [Data(exposition.text.utf8)]
    }
}
