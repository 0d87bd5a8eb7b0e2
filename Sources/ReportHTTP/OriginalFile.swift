import Foundation
import SamizdatModel

/// A document's original file as ingest keeps it: its format and bytes.
public struct OriginalFile: Sendable {
    public var documentID: String
    public var version: Int
    public var format: DocumentFormat
    public var bytes: Data

    public init(documentID: String, version: Int, format: DocumentFormat, bytes: Data) {
        self.documentID = documentID
        self.version = version
        self.format = format
        self.bytes = bytes
    }

    /// The media type it is served with.
    public var contentType: String {
        switch format {
        case .pdf: "application/pdf"
        case .epub: "application/epub+zip"
        case .html: "text/html; charset=utf-8"
        case .text: "text/plain; charset=utf-8"
        }
    }

    /// A PDF opens in the browser; an EPUB or a web page (whose scripts must not run as the
    /// workbench) is downloaded.
    public var contentDisposition: String {
        let name = "\(documentID).\(format.rawValue)"
        return format == .pdf ? "inline; filename=\"\(name)\"" : "attachment; filename=\"\(name)\""
    }
}
