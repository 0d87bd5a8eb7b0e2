import Foundation

/// Case and diacritic folding for one word: lowercase, compatibility decomposition (ligatures,
/// full-width forms), combining marks dropped, a few letters that do not decompose mapped by
/// hand (ß → ss, æ → ae, ø → o, ł → l …), curly apostrophes made straight, format characters
/// (soft hyphen, zero-width joiners) removed.
///
/// Words whose every scalar is ASCII or in `tableRanges` (the Latin letters with their accents,
/// the spacing modifiers, the general punctuation: the curly apostrophe of "Žižek’s") are folded
/// scalar by scalar from a table made with the full procedure (`fullFold`) for each of those
/// scalars, which gives the same form: in these ranges lower-casing and decomposition do not
/// depend on the neighbours. Any other word takes the full procedure.
public enum TermFolding {
    public static func fold(_ word: some StringProtocol) -> String {
        var ascii = true
        for b in word.utf8 where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return asciiLowercased(word) }
        var out: [UInt8] = []
        out.reserveCapacity(word.utf8.count)
        appendFolded(String(word), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the folded UTF-8 of `bytes` (valid UTF-8) to `out`.
    static func fold(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        appendFolded(String(decoding: bytes, as: UTF8.self), to: &out)
    }

    /// Appends a word's folded form as UTF-8: by table when every scalar is in it, else in full
    /// (straight into `out`, which the word analysis reuses from word to word).
    private static func appendFolded(_ word: String, to out: inout [UInt8]) {
        let start = out.count
        if !foldByTable(word.unicodeScalars, into: &out) {
            out.removeSubrange(start...)
            out.append(contentsOf: fullFold(word).utf8)
        }
    }

    /// Folds scalar by scalar from the table; false (with `out` partly written) when a scalar is
    /// outside it.
    private static func foldByTable(_ scalars: some Sequence<Unicode.Scalar>, into out: inout [UInt8]) -> Bool {
        for scalar in scalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                out.append(b &- 0x41 < 26 ? b + 32 : b)
                continue
            }
            guard let folded = tableEntry(v) else { return false }
            out.append(contentsOf: folded)
        }
        return true
    }

    /// The scalar ranges folded by table.
    static let tableRanges: [ClosedRange<UInt32>] = [0x80...0x24F, 0x2B0...0x2FF, 0x2000...0x206F]

    /// Each scalar of `tableRanges`, folded by `fullFold`, in the ranges' order.
    private static let table: [[UInt8]] = tableRanges.flatMap { range in
        range.map { v in Unicode.Scalar(v).map { Array(fullFold(String(Character($0))).utf8) } ?? [] }
    }

    @inline(__always)
    private static func tableEntry(_ v: UInt32) -> [UInt8]? {
        var base = 0
        for r in tableRanges {
            if r.contains(v) { return table[base + Int(v - r.lowerBound)] }
            base += r.count
        }
        return nil
    }

    /// The whole procedure, on any word.
    static func fullFold(_ word: some StringProtocol) -> String {
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
        for b in word.utf8 where b >= 0x41 && b <= 0x5A {
            hasUpper = true
            break
        }
        if !hasUpper { return String(word) }
        return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Letters that canonical/compatibility decomposition leaves alone.
    static let special: [UInt32: String] = [
        0x00DF: "ss", 0x1E9E: "ss",  // ß ẞ
        0x00E6: "ae", 0x0153: "oe",  // æ œ
        0x00F8: "o", 0x0142: "l", 0x0111: "d", 0x00F0: "d",  // ø ł đ ð
        0x00FE: "th", 0x0131: "i", 0x0127: "h", 0x0167: "t",  // þ ı ħ ŧ
        0x2019: "'", 0x2018: "'", 0x02BC: "'", 0xFF07: "'",  // curly, modifier, full-width apostrophes
    ]
}
