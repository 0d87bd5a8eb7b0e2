/// What `samizdat status` shows: ingest's pipeline view and index's counts. Report's `result` to `status`.
public struct SystemStatus: Codable, Sendable, Equatable {
    public var pipeline: PipelineStatus?
    public var index: IndexStats?
    /// Services that did not answer, with the reason.
    public var unavailable: [String: String]
    public init(pipeline: PipelineStatus?, index: IndexStats?, unavailable: [String: String]) {
        self.pipeline = pipeline
        self.index = index
        self.unavailable = unavailable
    }
}
