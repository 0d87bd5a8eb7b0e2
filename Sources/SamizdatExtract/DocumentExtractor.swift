import SamizdatModel

/// Extraction for every format Samizdat reads as a file: picks the reader for the format.
public struct DocumentExtractor: Sendable {
    public init() {}

    /// The pages of a document in `format`.
    ///
    /// - Throws: `ExtractionError`; `unsupported_format` for plain text (it is segmented as text).
    public func extract(_ bytes: [UInt8], format: DocumentFormat) throws(ExtractionError) -> ExtractedDocument {
        switch format {
        case .pdf: return try PDFExtractor().extract(bytes)
        case .text: throw ExtractionError.unsupportedFormat(reason: "plain text is segmented as text, not extracted")
        case .epub: return try EPUBExtractor().extract(bytes)
        case .html: return try HTMLExtractor().extract(bytes)
        }
    }
}
