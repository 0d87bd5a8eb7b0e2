import Foundation

/// Unicode and line-ending hygiene applied before anything else looks at a text.
public enum Normalizer {
    /// NFC, no byte-order mark, "\n" line endings, no NUL or other C0 controls except tab and newline.
    ///
    /// A text that is already clean (the usual case: ingest normalises before it stores) is
    /// recognised by one pass over its bytes and returned as it is.
    public static func normalize(_ text: String) -> String {
        let scan = text.utf8.withContiguousStorageIfAvailable { check($0) } ?? check(Array(text.utf8))
        if scan.clean { return text }
        var t = text
        if t.hasPrefix("\u{FEFF}") { t.removeFirst() }
        if scan.carriageReturn {
            t = t.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if scan.maybeNotNFC { t = t.precomposedStringWithCanonicalMapping }
        if scan.controls {
            t = String(String.UnicodeScalarView(t.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }))
        }
        return t
    }

    struct Scan {
        var clean = true
        var carriageReturn = false
        var controls = false
        var maybeNotNFC = false
        var bom = false
    }

    static func check<C: RandomAccessCollection>(_ b: C) -> Scan where C.Element == UInt8, C.Index == Int {
        var s = Scan()
        var i = b.startIndex
        let end = b.endIndex
        if end - i >= 3, b[i] == 0xEF, b[i + 1] == 0xBB, b[i + 2] == 0xBF {
            s.bom = true
            s.clean = false
        }
        while i < end {
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 && c != 0x0A && c != 0x09 {
                    if c == 0x0D { s.carriageReturn = true } else { s.controls = true }
                    s.clean = false
                }
                i += 1
                continue
            }
            // decode one multi-byte scalar
            var v: UInt32
            var len: Int
            if c < 0xE0 {
                v = UInt32(c & 0x1F)
                len = 2
            } else if c < 0xF0 {
                v = UInt32(c & 0x0F)
                len = 3
            } else {
                v = UInt32(c & 0x07)
                len = 4
            }
            if i + len > end { break }
            for k in 1..<len { v = (v << 6) | UInt32(b[i + k] & 0x3F) }
            i += len
            if v >= 0x300, mayChangeUnderNFC(v) {
                s.maybeNotNFC = true
                s.clean = false
            }
            if v == 0xFEFF { s.clean = false }
        }
        return s
    }

    /// Scalars that NFC may change: combining marks, conjoining jamo, and the singletons and
    /// composition exclusions that decompose.
    static func mayChangeUnderNFC(_ v: UInt32) -> Bool {
        switch v {
        case 0x0340...0x0344, 0x0374, 0x037E, 0x0387, 0x0958...0x095F, 0x09DC...0x09DF, 0x0A33, 0x0A36, 0x0A59...0x0A5E,
            0x0B5C...0x0B5D, 0x0F43...0x0FB9, 0x1100...0x11FF, 0x1F71...0x1FFD, 0x2000...0x2001, 0x2126, 0x212A...0x212B,
            0x2329...0x232A, 0x2ADC, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFB1D...0xFB4E, 0x1D15E...0x1D1C0, 0x2F800...0x2FA1D:
            return true
        default:
            guard let u = Unicode.Scalar(v) else { return false }
            return u.properties.canonicalCombiningClass.rawValue != 0
        }
    }
}
