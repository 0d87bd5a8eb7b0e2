import Foundation
import SamizdatModel

/// What an ingest body is, checked before anything is stored: the declared `format` (or, when the
/// client declared none, the format the first bytes show), and for a file, that it is what it
/// claims and can be opened.
public enum FileValidation {
    /// The body's format, or the named reason it is refused: `unsupported_format` (an unknown
    /// format, a body that is not the format declared, a format not read yet), `too_large`,
    /// `encrypted_document`, `damaged_document`.
    public static func format(declared: String?, body: Data, maxBytes: Int) throws(ProtocolError) -> DocumentFormat {
        let sniffed = DocumentFormat.sniff(body)
        var format = sniffed
        if let declared {
            guard let named = DocumentFormat(rawValue: declared.lowercased()) else {
                let known = DocumentFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ProtocolError(.unsupportedFormat, "format '\(declared)' is not one of \(known)")
            }
            if named.isBinary, named != sniffed {
                throw ProtocolError(
                    .unsupportedFormat,
                    "declared \(named.rawValue), but the bytes are not \(named.rawValue) (they look like \(sniffed.rawValue))"
                )
            }
            format = named
        }
        guard format.isBinary else { return format }
        guard body.count <= maxBytes else {
            throw ProtocolError(.tooLarge, "the \(format.rawValue) is \(body.count) bytes; the limit is \(maxBytes)")
        }
        switch format {
        case .pdf:
            do {
                _ = try PDFExtractor().check([UInt8](body))
            } catch {
                throw FileValidation.protocolError(error)
            }
        case .epub, .html:
            throw ProtocolError(.unsupportedFormat, "\(format.rawValue) is not read yet; send PDF or plain text")
        case .text:
            break
        }
        return format
    }

    /// An extraction error as the wire names it.
    public static func protocolError(_ error: ExtractionError) -> ProtocolError {
        switch error {
        case .encryptedDocument: ProtocolError(.encryptedDocument, "the document is encrypted")
        case .damagedDocument(let reason): ProtocolError(.damagedDocument, reason)
        case .unsupportedFormat(let reason): ProtocolError(.unsupportedFormat, reason)
        case .noTextLayer: ProtocolError(.unsupportedFormat, error.description)
        }
    }
}
