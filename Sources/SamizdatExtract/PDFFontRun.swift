/// A run of characters of a page's text set in one font and size (poppler's text attributes;
/// `start` and `end` are character indices into the page text, `end` inclusive).
struct PDFFontRun: Sendable {
    var start: Int
    var end: Int
    var size: Double
    var bold: Bool

    /// A face whose name says it is bold ("Times-Bold", "LMRoman10-Bold", "Minion-Semibold", "CMBX10").
    static func isBold(_ fontName: String) -> Bool {
        let name = fontName.lowercased()
        return name.contains("bold") || name.contains("black") || name.contains("heavy") || name.contains("semibold")
            || name.contains("cmbx") || name.hasSuffix("-bd") || name.contains("demi")
    }
}
