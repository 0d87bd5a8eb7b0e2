/// Why a document's bytes could not be turned into pages. Each case has the wire code ingest and
/// segment report (`code`) and says what was wrong (`description`).
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document is encrypted and cannot be opened without a password.
    case encryptedDocument
    /// The bytes claim the format but cannot be read as it (a broken cross-reference table, a cut-off file …).
    case damagedDocument(reason: String)
    /// A PDF whose pages carry no text (scanned images): there is nothing to read without OCR.
    case noTextLayer(pages: Int)
    /// The bytes are not the format declared, or not a format Samizdat reads.
    case unsupportedFormat(reason: String)

    /// The named error as ingest and segment report it.
    public var code: String {
        switch self {
        case .encryptedDocument: "encrypted_document"
        case .damagedDocument: "damaged_document"
        case .noTextLayer: "no_text_layer"
        case .unsupportedFormat: "unsupported_format"
        }
    }

    public var description: String {
        switch self {
        case .encryptedDocument: "encrypted_document: the document is encrypted"
        case .damagedDocument(let reason): "damaged_document: \(reason)"
        case .noTextLayer(let pages): "no_text_layer: none of its \(pages) pages has text (scanned? Samizdat does no OCR)"
        case .unsupportedFormat(let reason): "unsupported_format: \(reason)"
        }
    }
}
