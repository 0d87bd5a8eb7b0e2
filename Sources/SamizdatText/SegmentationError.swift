/// Why a text could not be segmented; segment reports it to ingest as a failure.
public struct SegmentationError: Error, Sendable, CustomStringConvertible {
    public var stage: String
    public var reason: String
    public init(stage: String, reason: String) {
        self.stage = stage
        self.reason = reason
    }
    public var description: String { "\(stage): \(reason)" }
}
