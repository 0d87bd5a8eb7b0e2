import Foundation
import Metrics
import Prometheus
import Testing

@testable import SamizdatService

@Suite("PrometheusExposition")
struct PrometheusExpositionTests {
    static let sample = """
        # HELP things_total Things seen.
        # TYPE things_total counter
        things_total{reason="busy"} 3
        things_total{reason="a \\"quoted\\" one\\nand a line"} 4
        # TYPE wait_seconds histogram
        wait_seconds_bucket{le="0.1"} 1
        wait_seconds_bucket{le="1.0"} 3
        wait_seconds_bucket{le="+Inf"} 4
        wait_seconds_sum 2.5
        wait_seconds_count 4
        # TYPE depth gauge
        depth -2.5 1700000000000

        """

    @Test func readsFamiliesSamplesLabelsAndValues() throws {
        let exposition = try PrometheusExposition(parsing: Self.sample)
        #expect(exposition.families.map(\.name) == ["things_total", "wait_seconds", "depth"])
        let things = try #require(exposition.family("things_total"))
        #expect(things.type == "counter")
        #expect(things.help == "Things seen.")
        #expect(things.samples[1].label("reason") == "a \"quoted\" one\nand a line")
        #expect(exposition.sum("things_total") == 7)
        #expect(exposition.sum("things_total", matching: ["reason": "busy"]) == 3)
        #expect(exposition.family("wait_seconds")?.samples.count == 5)
        #expect(exposition.sum("depth") == -2.5)
    }

    @Test func writesWhatItReads() throws {
        let exposition = try PrometheusExposition(parsing: Self.sample)
        let again = try PrometheusExposition(parsing: exposition.text)
        #expect(again == exposition)
        #expect(exposition.text.contains(#"things_total{reason="a \"quoted\" one\nand a line"} 4"#))
    }

    @Test func eachBadLineIsNamed() {
        let cases: [(String, Int, String)] = [
            ("lonely_total 1\n", 1, "not of the family"),
            ("# TYPE x counter\nx{a=\"1\" 2\n", 2, "not name=\"value\""),
            ("# TYPE x counter\nx{a=\"1\"} one\n", 2, "not a number"),
            ("# TYPE x counter\nx{a=\"1\",a=\"2\"} 1\n", 2, "appears twice"),
            ("# TYPE x counter\n# TYPE x counter\n", 2, "second TYPE"),
            ("# TYPE x countr\n", 1, "unknown metric type"),
            ("# TYPE x counter\nx{a=\"\\q\"} 1\n", 2, "unknown escape"),
            ("# TYPE x counter\nx 1 2 3\n", 2, "one value"),
        ]
        for (text, line, words) in cases {
            let error = #expect(throws: ExpositionError.self) { try PrometheusExposition(parsing: text) }
            #expect(error?.line == line, "\(text)")
            #expect(error?.message.contains(words) == true, "\(String(describing: error))")
        }
    }

    @Test func labellingPutsTheServiceFirstAndKeepsAnExistingOne() throws {
        let exposition = try PrometheusExposition(parsing: "# TYPE x_total counter\nx_total{service=\"segment\",k=\"v\"} 1\nx_total{k=\"w\"} 2\n")
        let labelled = exposition.labelled([.init("service", "ingest")])
        let samples = try #require(labelled.family("x_total")).samples
        #expect(samples[0].labels == [.init("service", "segment"), .init("k", "v")])
        #expect(samples[1].labels == [.init("service", "ingest"), .init("k", "w")])
    }

    @Test func mergingJoinsFamiliesByNameAndRefusesTwoTypes() throws {
        let first = try PrometheusExposition(parsing: "# TYPE b_total counter\nb_total{service=\"x\"} 1\n# TYPE a gauge\na 1\n")
        let second = try PrometheusExposition(parsing: "# HELP b_total Bees.\n# TYPE b_total counter\nb_total{service=\"y\"} 2\n")
        let merged = try PrometheusExposition.merging([first, second])
        #expect(merged.families.map(\.name) == ["a", "b_total"])
        #expect(merged.family("b_total")?.samples.count == 2)
        #expect(merged.family("b_total")?.help == "Bees.")
        let clash = try PrometheusExposition(parsing: "# TYPE a counter\na 1\n")
        #expect(throws: ExpositionError.self) { try PrometheusExposition.merging([first, clash]) }
    }

    @Test func quantilesInterpolateInsideTheirBucket() throws {
        let exposition = try PrometheusExposition(parsing: Self.sample)
        let buckets = HistogramBuckets(exposition, "wait_seconds")
        #expect(buckets.count == 4)
        // rank 2 of 4 lies halfway through the (0.1, 1] bucket, which holds observations 2 and 3.
        #expect(abs((buckets.quantile(0.5) ?? 0) - 0.55) < 1e-9)
        // rank 3.96 falls in +Inf: the highest finite bound answers.
        #expect(buckets.quantile(0.99) == 1.0)
        let earlier = HistogramBuckets(bounds: [(0.1, 1), (1.0, 1), (.infinity, 1)])
        let recent = buckets.since(earlier)
        #expect(recent.count == 3)
        #expect(HistogramBuckets(bounds: []).quantile(0.99) == nil)
    }
}

@Suite("ServiceMetrics")
struct ServiceMetricsTests {
    @Test func swiftMetricsRecordIntoTheRegistryAndComeOutLabelledWithHelp() throws {
        let registry = PrometheusCollectorRegistry()
        let factory = ServiceMetrics.factory(registry: registry)
        MetricCatalog.ingestAccepted.counter(factory: factory).increment(by: 2)
        MetricCatalog.ingestRefused.counter([("reason", "busy")], factory: factory).increment()
        MetricCatalog.ingestJournalCommit.timer(factory: factory).record(duration: .microseconds(300))
        MetricCatalog.ingestBacklog.gauge(factory: factory).record(5)
        let exposition = try ServiceMetrics.exposition(of: registry, labels: [.init("service", "ingest")])
        #expect(exposition.sum("samizdat_ingest_accepted_total", matching: ["service": "ingest"]) == 2)
        #expect(exposition.sum("samizdat_ingest_refused_total", matching: ["reason": "busy"]) == 1)
        #expect(exposition.sum("samizdat_ingest_backlog") == 5)
        let commit = try #require(exposition.family("samizdat_ingest_journal_commit_duration_seconds"))
        #expect(commit.type == "histogram")
        #expect(commit.help == MetricCatalog.ingestJournalCommit.help)
        let buckets = HistogramBuckets(exposition, "samizdat_ingest_journal_commit_duration_seconds")
        #expect(buckets.count == 1)
        // 300 µs lands in the (250 µs, 500 µs] bucket: in seconds, as Prometheus expects.
        #expect(buckets.bounds.first { $0.count == 1 }?.upper == 0.0005)
        #expect(abs(exposition.sum("samizdat_ingest_journal_commit_duration_seconds_sum") - 0.0003) < 1e-12)
    }

    @Test func catalogNamesFollowPrometheusConventions() {
        #expect(Set(MetricCatalog.all.map(\.name)).count == MetricCatalog.all.count)
        for metric in MetricCatalog.all {
            #expect(metric.name.hasPrefix("samizdat_"), "\(metric.name)")
            // swift-prometheus 2.4.1 rewrites the digits 1 to 8 in a name; keep them out.
            #expect(!metric.name.contains { $0.isNumber }, "\(metric.name)")
            switch metric.kind {
            case .counter: #expect(metric.name.hasSuffix("_total"), "\(metric.name)")
            case .histogram: #expect(metric.name.hasSuffix("_seconds"), "\(metric.name)")
            case .gauge: #expect(!metric.name.hasSuffix("_total"), "\(metric.name)")
            }
            #expect(!metric.help.isEmpty)
        }
    }

    @Test func operationsPageDocumentsEveryMetric() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/OPERATIONS.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        for metric in MetricCatalog.all {
            #expect(text.contains("`\(metric.name)`"), "docs/OPERATIONS.md does not list \(metric.name)")
        }
    }
}
