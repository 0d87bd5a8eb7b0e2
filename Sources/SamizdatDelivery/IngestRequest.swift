import Foundation
import SamizdatModel

/// A validated, normalised ingest request on its way into the journal.
public struct IngestRequest: Sendable, Equatable {
    /// The client's request id, if it sent one: a retry with it gets the first answer.
    public var req: String?
    /// Title, author, source, external id.
    public var metadata: DocumentMetadata
    /// The normalised text.
    public var text: String
    /// sha256 of `text` (or of `original`), lowercase hex.
    public var hash: String
    /// The format of a file's bytes; `.text` for a text.
    public var format: DocumentFormat = .text
    /// A file's original bytes (a PDF …), stored as they came; nil for a text.
    public var original: Data? = nil

    /// A request for `text`; its hash is computed here.
    public init(req: String?, metadata: DocumentMetadata, text: String) {
        self.req = req
        self.metadata = metadata
        self.text = text
        hash = ContentHash.sha256(text)
    }

    /// A request for a file's original bytes in `format`; their hash is computed here.
    public init(req: String?, metadata: DocumentMetadata, original: Data, format: DocumentFormat) {
        self.req = req
        self.metadata = metadata
        self.text = ""
        self.format = format
        self.original = original
        hash = ContentHash.sha256(original)
    }
}
