/// A PDF page as poppler reads it: its own label, its size, and its lines in reading order.
struct PDFPageText: Sendable {
    var label: String
    var width: Double
    var height: Double
    var lines: [PDFTextLine]
}
