/// Every metric of every service. Names follow Prometheus' conventions: `samizdat_<service>_…`,
/// counters end in `_total`, durations are histograms in `_seconds`, sizes in `_bytes`.
public enum MetricCatalog {
    // ingest
    public static let ingestAccepted = MetricDescription(
        "samizdat_ingest_accepted_total",
        .counter,
        "Texts accepted: new versions made durable in the journal."
    )
    public static let ingestAcceptedBytes = MetricDescription(
        "samizdat_ingest_accepted_bytes_total",
        .counter,
        "Bytes of the texts accepted (normalised UTF-8)."
    )
    public static let ingestDuplicates = MetricDescription(
        "samizdat_ingest_duplicates_total",
        .counter,
        "Texts answered duplicate: identical content already stored."
    )
    public static let ingestRefused = MetricDescription(
        "samizdat_ingest_refused_total",
        .counter,
        labels: ["reason"],
        "Client requests refused, by error code (busy: the backlog is full)."
    )
    public static let ingestDispatched = MetricDescription(
        "samizdat_ingest_dispatched_total",
        .counter,
        "Deliveries of a text to a segment worker, first or later."
    )
    public static let ingestRedeliveries = MetricDescription(
        "samizdat_ingest_redeliveries_total",
        .counter,
        "Texts put back in the queue: ack timeout or their worker lost."
    )
    public static let ingestFailed = MetricDescription(
        "samizdat_ingest_failed_total",
        .counter,
        labels: ["stage"],
        "Texts marked failed, by stage (segment, index, delivery)."
    )
    public static let ingestIndexed = MetricDescription(
        "samizdat_ingest_indexed_total",
        .counter,
        "Texts index acked as committed."
    )
    public static let ingestDeleted = MetricDescription(
        "samizdat_ingest_deleted_total",
        .counter,
        "Documents deleted from the journal."
    )
    public static let ingestJournalCommit = MetricDescription(
        "samizdat_ingest_journal_commit_duration_seconds",
        .histogram,
        "One batch of accepted texts written to the journal and synced."
    )
    public static let ingestBacklog = MetricDescription(
        "samizdat_ingest_backlog",
        .gauge,
        "Texts accepted but not yet indexed or failed (at scrape time)."
    )
    public static let ingestInFlight = MetricDescription(
        "samizdat_ingest_in_flight",
        .gauge,
        "Texts sent to a worker and not yet acked (at scrape time)."
    )
    public static let ingestWorkers = MetricDescription(
        "samizdat_ingest_workers",
        .gauge,
        "Segment workers ingest knows (at scrape time)."
    )
    public static let ingestTexts = MetricDescription(
        "samizdat_ingest_texts",
        .gauge,
        labels: ["state"],
        "Document versions in the journal by state (at scrape time)."
    )

    // segment
    public static let segmentTexts = MetricDescription(
        "samizdat_segment_texts_total",
        .counter,
        "Texts segmented and handed to index."
    )
    public static let segmentBytes = MetricDescription(
        "samizdat_segment_bytes_total",
        .counter,
        "Bytes of the texts segmented."
    )
    public static let segmentFailed = MetricDescription(
        "samizdat_segment_failed_total",
        .counter,
        labels: ["stage"],
        "Texts that could not be segmented, by stage."
    )
    public static let segmentDuration = MetricDescription(
        "samizdat_segment_duration_seconds",
        .histogram,
        "Segmentation of one text."
    )

    // index
    public static let indexApplied = MetricDescription(
        "samizdat_index_applied_total",
        .counter,
        labels: ["outcome"],
        "Documents committed, by outcome (applied, already_applied, superseded)."
    )
    public static let indexReceivedBytes = MetricDescription(
        "samizdat_index_received_bytes_total",
        .counter,
        "Bytes of segmented documents taken from the intake."
    )
    public static let indexFailed = MetricDescription(
        "samizdat_index_failed_total",
        .counter,
        "Documents that could not be stored (reported failed to ingest)."
    )
    public static let indexApply = MetricDescription(
        "samizdat_index_apply_duration_seconds",
        .histogram,
        "One batch of documents applied in one transaction, commit included."
    )
    public static let indexQuery = MetricDescription(
        "samizdat_index_query_duration_seconds",
        .histogram,
        labels: ["kind"],
        "One query answered, by kind (search, kwic, wordlist, ...)."
    )
    public static let indexQueriesRefused = MetricDescription(
        "samizdat_index_queries_refused_total",
        .counter,
        labels: ["reason"],
        "Queries refused or failed, by error code."
    )
    public static let indexDocuments = MetricDescription("samizdat_index_documents", .gauge, "Documents in the index (at scrape time).")
    public static let indexParagraphs = MetricDescription("samizdat_index_paragraphs", .gauge, "Paragraphs in the index (at scrape time).")
    public static let indexSentences = MetricDescription("samizdat_index_sentences", .gauge, "Sentences in the index (at scrape time).")
    public static let indexTokens = MetricDescription("samizdat_index_tokens", .gauge, "Tokens in the index (at scrape time).")
    public static let indexTypes = MetricDescription("samizdat_index_types", .gauge, "Distinct terms in the index (at scrape time).")

    // report
    public static let reportHTTPRequest = MetricDescription(
        "samizdat_report_http_request_duration_seconds",
        .histogram,
        labels: ["route", "method", "status"],
        "One HTTP request answered, by route pattern, method and status code."
    )
    public static let reportClientRequest = MetricDescription(
        "samizdat_report_client_request_duration_seconds",
        .histogram,
        labels: ["kind"],
        "One request on the ZeroMQ client API answered, by kind."
    )
    public static let reportBackendUp = MetricDescription(
        "samizdat_report_backend_up",
        .gauge,
        labels: ["backend"],
        "1 if the backend (ingest, index) answered this scrape's metrics request, else 0."
    )

    public static let all: [MetricDescription] = [
        ingestAccepted, ingestAcceptedBytes, ingestDuplicates, ingestRefused, ingestDispatched, ingestRedeliveries,
        ingestFailed, ingestIndexed, ingestDeleted, ingestJournalCommit, ingestBacklog, ingestInFlight, ingestWorkers,
        ingestTexts, segmentTexts, segmentBytes, segmentFailed, segmentDuration, indexApplied, indexReceivedBytes,
        indexFailed, indexApply, indexQuery, indexQueriesRefused, indexDocuments, indexParagraphs, indexSentences,
        indexTokens, indexTypes, reportHTTPRequest, reportClientRequest, reportBackendUp,
    ]

    /// The help text of a metric by name.
    public static func help(_ name: String) -> String? {
        all.first { $0.name == name }?.help
    }
}
