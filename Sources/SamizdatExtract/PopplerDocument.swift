import CPoppler

/// A PDF opened by poppler-glib from bytes in memory, read page by page. Owns its
/// `PopplerDocument`; use it on one thread and let it go.
final class PopplerDocument {
    private let document: OpaquePointer
    private let bytes: OpaquePointer

    /// Opens the PDF in `data` (copied into a `GBytes` poppler keeps while the document lives).
    init(data: [UInt8]) throws(ExtractionError) {
        let gbytes = data.withUnsafeBytes { buffer in g_bytes_new(buffer.baseAddress, gsize(buffer.count)) }
        guard let gbytes else { throw ExtractionError.damagedDocument(reason: "could not hold the document's bytes") }
        var error: UnsafeMutablePointer<GError>? = nil
        guard let opened = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            g_bytes_unref(gbytes)
            var failure = ExtractionError.damagedDocument(reason: "poppler could not open it")
            if let error {
                let message = error.pointee.message.map { String(cString: $0) } ?? "no message"
                if error.pointee.domain == samizdat_poppler_error_quark(), error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                    failure = .encryptedDocument
                } else {
                    failure = .damagedDocument(reason: "poppler could not open it: \(message)")
                }
                g_error_free(error)
            }
            throw failure
        }
        self.document = opened
        self.bytes = gbytes
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
        g_bytes_unref(bytes)
    }

    var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    /// Page `index` (0-based): its label, size and lines with their boxes and type.
    func page(_ index: Int) -> PDFPageText? {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        var label = String(index + 1)
        if let raw = poppler_page_get_label(page) {
            let text = String(cString: raw)
            if !text.isEmpty { label = text }
            g_free(raw)
        }
        guard let rawText = poppler_page_get_text(page) else {
            return PDFPageText(label: label, width: width, height: height, lines: [])
        }
        let text = String(cString: rawText)
        g_free(rawText)
        var rectangles: UnsafeMutablePointer<PopplerRectangle>? = nil
        var rectangleCount: guint = 0
        _ = poppler_page_get_text_layout(page, &rectangles, &rectangleCount)
        defer { g_free(rectangles) }
        let attributes = PopplerDocument.runs(poppler_page_get_text_attributes(page))
        let boxes = UnsafeBufferPointer(start: rectangles, count: Int(rectangleCount))
        let lines = PDFLineBuilder.lines(text: text, boxes: boxes, runs: attributes)
        return PDFPageText(label: label, width: width, height: height, lines: lines)
    }

    /// The text attributes poppler reports, as runs of characters, freeing its list.
    private static func runs(_ list: UnsafeMutablePointer<GList>?) -> [PDFFontRun] {
        var runs: [PDFFontRun] = []
        var node = list
        while let current = node {
            if let data = current.pointee.data {
                let attributes = data.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                let name = attributes.font_name.map { String(cString: $0) } ?? ""
                runs.append(
                    PDFFontRun(
                        start: Int(attributes.start_index),
                        end: Int(attributes.end_index),
                        size: attributes.font_size,
                        bold: PDFFontRun.isBold(name)
                    )
                )
            }
            node = current.pointee.next
        }
        if list != nil { poppler_page_free_text_attributes(list) }
        return runs
    }
}
