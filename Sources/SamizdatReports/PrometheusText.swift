import SamizdatModel

/// The Prometheus text exposition of what report knows at scrape time.
public enum PrometheusText {
    public static func render(_ s: SystemStatus) -> String {
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(String, Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, v) in samples { out += "\(name)\(labels) \(format(v))\n" }
        }
        metric(
            "samizdat_up",
            "gauge",
            "Whether each service answered report's last request.",
            [("{service=\"ingest\"}", s.pipeline == nil ? 0 : 1), ("{service=\"index\"}", s.index == nil ? 0 : 1)]
        )
        if let p = s.pipeline {
            metric(
                "samizdat_documents",
                "gauge",
                "Document versions in ingest's journal by state.",
                p.states.keys.sorted().map { ("{state=\"\($0)\"}", Double(p.states[$0]!)) }
            )
            metric("samizdat_backlog", "gauge", "Texts accepted but not yet indexed.", [("", Double(p.backlog))])
            metric("samizdat_workers", "gauge", "Segment workers known to ingest.", [("", Double(p.workers.count))])
            metric(
                "samizdat_worker_in_flight",
                "gauge",
                "Texts in flight per segment worker.",
                p.workers.map { ("{worker=\"\(escape($0.id))\"}", Double($0.inFlight)) }
            )
            metric(
                "samizdat_redeliveries_total",
                "counter",
                "Deliveries beyond the first, over every text in the journal.",
                [("", Double(p.redeliveries))]
            )
            metric("samizdat_ingest_bytes_total", "counter", "Bytes accepted since ingest started.", [("", Double(p.bytesAccepted))])
            metric("samizdat_accepted_per_second", "gauge", "Texts accepted per second over the last stats interval.", [("", p.acceptedPerSecond)])
            metric("samizdat_indexed_per_second", "gauge", "Texts indexed per second over the last stats interval.", [("", p.indexedPerSecond)])
        }
        if let i = s.index {
            metric("samizdat_index_documents", "gauge", "Documents in the index.", [("", Double(i.documents))])
            metric("samizdat_index_paragraphs", "gauge", "Paragraphs in the index.", [("", Double(i.paragraphs))])
            metric("samizdat_index_sentences", "gauge", "Sentences in the index.", [("", Double(i.sentences))])
            metric("samizdat_index_tokens", "gauge", "Tokens in the index.", [("", Double(i.tokens))])
            metric("samizdat_index_types", "gauge", "Distinct terms in the index.", [("", Double(i.types))])
        }
        return out
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
