import CoreMetrics
import Metrics

/// One metric a service records: its Prometheus name, type, help text and the labels its samples
/// carry besides `service` (and `worker` on segment's). docs/OPERATIONS.md lists every one.
public struct MetricDescription: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    public let name: String
    public let kind: Kind
    public let labels: [String]
    public let help: String

    public init(_ name: String, _ kind: Kind, labels: [String] = [], _ help: String) {
        self.name = name
        self.kind = kind
        self.labels = labels
        self.help = help
    }

    /// A swift-metrics counter of this metric (registered on first use).
    public func counter(_ dimensions: [(String, String)] = [], factory: (any MetricsFactory)? = nil) -> Counter {
        precondition(kind == .counter, "\(name) is not a counter")
        return Counter(label: name, dimensions: dimensions, factory: factory ?? MetricsSystem.factory)
    }

    /// A swift-metrics gauge of this metric.
    public func gauge(_ dimensions: [(String, String)] = [], factory: (any MetricsFactory)? = nil) -> Gauge {
        precondition(kind == .gauge, "\(name) is not a gauge")
        return Gauge(label: name, dimensions: dimensions, factory: factory ?? MetricsSystem.factory)
    }

    /// A swift-metrics timer of this metric: a Prometheus histogram in seconds.
    public func timer(_ dimensions: [(String, String)] = [], factory: (any MetricsFactory)? = nil) -> CoreMetrics.Timer {
        precondition(kind == .histogram, "\(name) is not a histogram")
        return CoreMetrics.Timer(label: name, dimensions: dimensions, factory: factory ?? MetricsSystem.factory)
    }
}
