/// One line of a PDF page as poppler reads it: its text, its box on the page (points, origin at
/// the top left) and its type.
struct PDFTextLine: Sendable {
    var text: String
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    /// The size most of the line's characters are set in.
    var fontSize: Double
    /// The size of the line's first character (a superscript note label is smaller).
    var leadingSize: Double
    /// Every character of the line is in a bold face.
    var bold: Bool

    var height: Double { bottom - top }
    var isBlank: Bool { !text.unicodeScalars.contains { $0 != " " && $0 != "\u{A0}" } }
}
