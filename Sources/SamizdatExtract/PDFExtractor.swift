import SamizdatModel
import SamizdatText

/// Turns a PDF's bytes into laid-out pages through poppler (linked, not a subprocess): each
/// page's text in reading order with the PDF's own page label (its `PageLabels`: roman front
/// matter, then arabic), and every line's role decided from positions and type sizes by
/// `PDFLayoutClassifier`. No I/O beyond poppler reading the bytes it is given.
public struct PDFExtractor: Sendable {
    public init() {}

    /// Opens the PDF only, to say whether it can be read: `encrypted_document`,
    /// `damaged_document` or `unsupported_format`; returns its page count.
    public func check(_ bytes: [UInt8]) throws(ExtractionError) -> Int {
        try PDFExtractor.requireHeader(bytes)
        let document = try PopplerDocument(data: bytes)
        let count = document.pageCount
        guard count > 0 else { throw ExtractionError.damagedDocument(reason: "the PDF has no pages") }
        return count
    }

    /// The document's pages with their labels and laid-out lines.
    ///
    /// - Throws: `ExtractionError`: `unsupported_format` when the bytes are not a PDF,
    ///   `encrypted_document`, `damaged_document` (poppler cannot open it, or it has no pages),
    ///   `no_text_layer` when no page carries text.
    public func extract(_ bytes: [UInt8]) throws(ExtractionError) -> ExtractedDocument {
        let pages = try readPages(bytes)
        return ExtractedDocument(format: .pdf, pages: PDFLayoutClassifier(pages: pages).laidOutPages())
    }

    /// Every page as poppler reads it, before any line is classified.
    func readPages(_ bytes: [UInt8]) throws(ExtractionError) -> [PDFPageText] {
        try PDFExtractor.requireHeader(bytes)
        let document = try PopplerDocument(data: bytes)
        let count = document.pageCount
        guard count > 0 else { throw ExtractionError.damagedDocument(reason: "the PDF has no pages") }
        var pages: [PDFPageText] = []
        pages.reserveCapacity(count)
        var withText = 0
        for index in 0..<count {
            guard let page = document.page(index) else {
                throw ExtractionError.damagedDocument(reason: "page \(index + 1) of \(count) cannot be read")
            }
            if page.lines.contains(where: { !$0.isBlank }) { withText += 1 }
            pages.append(page)
        }
        guard withText > 0 else { throw ExtractionError.noTextLayer(pages: count) }
        return pages
    }

    static func requireHeader(_ bytes: [UInt8]) throws(ExtractionError) {
        guard DocumentFormat.sniff(bytes) == .pdf else {
            throw ExtractionError.unsupportedFormat(reason: "declared a PDF, but the bytes do not begin with %PDF-")
        }
    }
}
