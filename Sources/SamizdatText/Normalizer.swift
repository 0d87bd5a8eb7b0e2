import Foundation

/// Unicode and line-ending hygiene applied before anything else looks at a text.
public enum Normalizer {
    /// NFC, no byte-order mark, "\n" line endings, no NUL or other C0 controls except tab and newline.
    public static func normalize(_ text: String) -> String {
        var t = text
        if t.hasPrefix("\u{FEFF}") { t.removeFirst() }
        t = t.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        t = t.precomposedStringWithCanonicalMapping
        if t.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) {
            t = String(String.UnicodeScalarView(t.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }))
        }
        return t
    }
}
