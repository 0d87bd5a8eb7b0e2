import Foundation

/// What a client says about a text when it streams it in.
public struct DocumentMetadata: Codable, Sendable, Hashable {
    public var title: String
    public var author: String
    public var source: String
    /// The client's own id for the text. Re-ingesting the same external id with new
    /// content makes a new version of the same document.
    public var externalID: String?

    public init(title: String = "", author: String = "", source: String = "", externalID: String? = nil) {
        self.title = title
        self.author = author
        self.source = source
        self.externalID = externalID
    }

    enum CodingKeys: String, CodingKey {
        case title, author, source
        case externalID = "external_id"
    }
}

/// A text as ingest stores it and hands it on: normalised, identified, versioned.
public struct Document: Codable, Sendable, Hashable {
    public var id: String
    public var version: Int
    /// sha256 of the normalised text, lowercase hex.
    public var contentHash: String
    public var metadata: DocumentMetadata
    public var text: String
    /// The format it arrived in; for any but `.text`, `original` holds its bytes and `text` is empty.
    public var format: DocumentFormat = .text
    /// The original bytes of a PDF (EPUB, HTML), kept as they came; nil for plain text.
    public var original: Data? = nil

    public init(id: String, version: Int, contentHash: String, metadata: DocumentMetadata, text: String) {
        self.id = id
        self.version = version
        self.contentHash = contentHash
        self.metadata = metadata
        self.text = text
    }

    /// A document that arrived as a file in `format` (a PDF …): its original bytes, no text yet.
    public init(id: String, version: Int, contentHash: String, metadata: DocumentMetadata, format: DocumentFormat, original: Data) {
        self.init(id: id, version: version, contentHash: contentHash, metadata: metadata, text: "")
        self.format = format
        self.original = original
    }

    enum CodingKeys: String, CodingKey {
        case id, version, metadata, text
        case contentHash = "content_hash"
    }
}
