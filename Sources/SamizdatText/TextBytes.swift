/// Byte-level helpers over UTF-8 text. Every stage of segmentation works on `[UInt8]`
/// with byte offsets, so offsets map straight onto `SegmentedDocument`'s UTF-8 offsets.
enum TextBytes {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A

    static let leftSingle: UInt32 = 0x2018, rightSingle: UInt32 = 0x2019
    static let leftDouble: UInt32 = 0x201C, rightDouble: UInt32 = 0x201D
    static let enDash: UInt32 = 0x2013, emDash: UInt32 = 0x2014, ellipsis: UInt32 = 0x2026

    /// The scalar starting at `i` and its length in bytes.
    @inline(__always)
    static func scalar(_ b: [UInt8], _ i: Int) -> (value: UInt32, length: Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c < 0xE0, i + 1 < b.count { return ((UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
        if c < 0xF0, i + 2 < b.count {
            return ((UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
        }
        if i + 3 < b.count {
            return (
                (UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6)
                    | UInt32(b[i + 3] & 0x3F), 4
            )
        }
        return (UInt32(c), 1)
    }

    /// The scalar ending just before `end` and its length in bytes.
    @inline(__always)
    static func scalar(_ b: [UInt8], endingAt end: Int) -> (value: UInt32, length: Int) {
        var s = end - 1
        while s > 0, b[s] & 0xC0 == 0x80, end - s < 4 { s -= 1 }
        let r = scalar(b, s)
        return (r.value, end - s)
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isUpperASCII(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    @inline(__always) static func isLowerASCII(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
    @inline(__always) static func isLetterASCII(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == space || c == tab }

    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return isLetterASCII(UInt8(v)) }
        return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return isUpperASCII(UInt8(v)) }
        return Unicode.Scalar(v)?.properties.isUppercase ?? false
    }
    static func isLower(_ v: UInt32) -> Bool {
        if v < 0x80 { return isLowerASCII(UInt8(v)) }
        return Unicode.Scalar(v)?.properties.isLowercase ?? false
    }
    static func isOpeningQuote(_ v: UInt32) -> Bool {
        v == leftSingle || v == leftDouble || v == 0x22 || v == 0x27 || v == 0xAB
    }
    static func isClosingQuote(_ v: UInt32) -> Bool {
        v == rightSingle || v == rightDouble || v == 0x22 || v == 0x27 || v == 0xBB
    }

    /// Number of scalars in a byte range.
    static func width(_ b: [UInt8], _ start: Int, _ end: Int) -> Int {
        var n = 0
        var i = start
        while i < end {
            if b[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    static func string(_ b: [UInt8], _ start: Int, _ end: Int) -> String {
        String(decoding: b[start..<max(start, end)], as: UTF8.self)
    }

    /// Parses an unsigned decimal in [start, end); nil if any byte is not a digit or it is too long.
    static func integer(_ b: [UInt8], _ start: Int, _ end: Int) -> Int? {
        guard end > start, end - start <= 6 else { return nil }
        var v = 0
        for i in start..<end {
            guard isDigit(b[i]) else { return nil }
            v = v * 10 + Int(b[i] - 0x30)
        }
        return v
    }

    static func hasPrefix(_ b: [UInt8], _ start: Int, _ end: Int, _ p: StaticString, caseInsensitive: Bool = true) -> Bool {
        let n = p.utf8CodeUnitCount
        guard end - start >= n else { return false }
        return p.withUTF8Buffer { pb in
            for k in 0..<n {
                var c = b[start + k]
                var d = pb[k]
                if caseInsensitive {
                    if isUpperASCII(c) { c |= 0x20 }
                    if isUpperASCII(d) { d |= 0x20 }
                }
                if c != d { return false }
            }
            return true
        }
    }
}
