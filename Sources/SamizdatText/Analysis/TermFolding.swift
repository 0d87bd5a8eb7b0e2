import Foundation

/// Case and diacritic folding for one word: lowercase, compatibility decomposition (ligatures,
/// full-width forms), combining marks dropped, a few letters that do not decompose mapped by
/// hand (ß → ss, æ → ae, ø → o, ł → l …), curly apostrophes made straight, format characters
/// (soft hyphen, zero-width joiners) removed.
public enum TermFolding {
    public static func fold(_ word: some StringProtocol) -> String {
        var ascii = true
        for b in word.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return asciiLowercased(word) }
        var out = String.UnicodeScalarView()
        let lowered = word.lowercased()
        for scalar in lowered.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format: continue
            default: break
            }
            if let mapped = special[scalar.value] {
                out.append(contentsOf: mapped.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func asciiLowercased(_ word: some StringProtocol) -> String {
        var hasUpper = false
        for b in word.utf8 where b >= 0x41 && b <= 0x5A { hasUpper = true; break }
        if !hasUpper { return String(word) }
        return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Letters that canonical/compatibility decomposition leaves alone.
    static let special: [UInt32: String] = [
        0x00DF: "ss", 0x1E9E: "ss",          // ß ẞ
        0x00E6: "ae", 0x0153: "oe",          // æ œ
        0x00F8: "o", 0x0142: "l", 0x0111: "d", 0x00F0: "d", // ø ł đ ð
        0x00FE: "th", 0x0131: "i", 0x0127: "h", 0x0167: "t", // þ ı ħ ŧ
        0x2019: "'", 0x2018: "'", 0x02BC: "'", 0xFF07: "'", // curly, modifier, full-width apostrophes
    ]
}
