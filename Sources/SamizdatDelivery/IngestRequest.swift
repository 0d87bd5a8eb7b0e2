import SamizdatModel

/// A validated, normalised ingest request on its way into the journal.
public struct IngestRequest: Sendable, Equatable {
    /// The client's request id, if it sent one: a retry with it gets the first answer.
    public var req: String?
    /// Title, author, source, external id.
    public var metadata: DocumentMetadata
    /// The normalised text.
    public var text: String
    /// sha256 of `text`, lowercase hex.
    public var hash: String

    /// A request for `text`; its hash is computed here.
    public init(req: String?, metadata: DocumentMetadata, text: String) {
        self.req = req
        self.metadata = metadata
        self.text = text
        hash = ContentHash.sha256(text)
    }
}
