import CoreMetrics
import Metrics
import Prometheus

/// The process's metrics: one swift-prometheus registry, behind swift-metrics. `ServiceMain`
/// bootstraps it; the services record through `MetricCatalog`'s counters, gauges and timers, and
/// answer a `metrics` request with `exposition(labels:)`.
public enum ServiceMetrics {
    /// This process's registry.
    public static let registry = PrometheusCollectorRegistry()

    /// Histogram bounds for every duration: 50 µs (a query) to 30 s (a large commit).
    public static let durationBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// A swift-metrics factory that records into `registry` with the duration buckets above.
    public static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = durationBuckets
        return factory
    }

    /// Makes swift-metrics record into this process's registry. Call once, before any metric is made.
    public static func bootstrap() {
        MetricsSystem.bootstrap(factory(registry: registry))
    }

    /// What `registry` holds now, each sample labelled with `labels` (e.g. `service="ingest"`)
    /// and each family given its help text from `MetricCatalog`.
    public static func exposition(
        of registry: PrometheusCollectorRegistry = registry,
        labels: [PrometheusExposition.Label]
    ) throws(ExpositionError) -> PrometheusExposition {
        try PrometheusExposition(parsing: registry.emitToString()).labelled(labels).withHelp(MetricCatalog.help)
    }
}
