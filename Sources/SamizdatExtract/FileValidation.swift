import Foundation
import SamizdatModel

/// What an ingest body is, checked before anything is stored: the declared `format` (or, when the
/// client declared none, the format the first bytes show), and for a file, that it is what it
/// claims and can be opened.
public enum FileValidation {
    /// The body's format, or the named reason it is refused: `unsupported_format` (an unknown
    /// format, a body that is not the format declared), `too_large`,
    /// `encrypted_document`, `damaged_document`.
    public static func format(declared: String?, body: Data, maxBytes: Int) throws(ProtocolError) -> DocumentFormat {
        let sniffed = DocumentFormat.sniff(body)
        var format = sniffed
        if let declared {
            guard let named = DocumentFormat(rawValue: declared.lowercased()) else {
                let known = DocumentFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ProtocolError(.unsupportedFormat, "format '\(declared)' is not one of \(known)")
            }
            let markupDeclared = named == .html && sniffed == .text && FileValidation.opensWithMarkup(body)
            if named.isBinary, named != sniffed, !markupDeclared {
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
        case .epub:
            do {
                _ = try EPUBExtractor().check([UInt8](body))
            } catch {
                throw FileValidation.protocolError(error)
            }
        case .html:
            do {
                _ = try HTMLExtractor().check([UInt8](body))
            } catch {
                throw FileValidation.protocolError(error)
            }
        case .text:
            break
        }
        return format
    }

    /// A body whose first character (after a byte-order mark and white space) is `<`: a page
    /// fragment declared HTML without `<!doctype html>` or `<html>`.
    static func opensWithMarkup(_ body: Data) -> Bool {
        var bytes = body.prefix(1024)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        return first == UInt8(ascii: "<")
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
