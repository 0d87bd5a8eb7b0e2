import SamizdatModel

/// Quotations in running text — curly double and single quotes, straight double quotes — and
/// block quotations (whole paragraphs).
enum QuotationScanner {
    static func scan(_ b: [UInt8], paragraphs: [Paragraph], into out: inout [Quotation]) {
        for p in paragraphs {
            if p.kind == .blockQuote {
                out.append(Quotation(start: p.start, end: p.end, block: true))
                continue
            }
            guard p.kind == .body else { continue }
            var i = p.start
            while i < p.end {
                let c = b[i]
                if c != 0xE2 && c != 0x22 {
                    i += 1
                    continue
                }
                if c == 0xE2, i + 2 < p.end, b[i + 1] == 0x80, b[i + 2] == 0x9C {  // “
                    if let close = findClose(b, i + 3, p.end, double: true) {
                        out.append(Quotation(start: i, end: close, block: false))
                        i = close
                        continue
                    }
                } else if c == 0xE2, i + 2 < p.end, b[i + 1] == 0x80, b[i + 2] == 0x98, opensAt(b, i, p.start) {  // ‘
                    if let close = findClose(b, i + 3, p.end, double: false) {
                        out.append(Quotation(start: i, end: close, block: false))
                        i = close
                        continue
                    }
                } else if c == 0x22, opensAt(b, i, p.start) {
                    var j = i + 1
                    while j < p.end, b[j] != 0x22 { j += 1 }
                    if j < p.end, j - i < 3000 {
                        out.append(Quotation(start: i, end: j + 1, block: false))
                        i = j + 1
                        continue
                    }
                }
                i += 1
            }
        }
    }

    /// An opening quote follows the paragraph start, a space, a bracket or a dash.
    static func opensAt(_ b: [UInt8], _ i: Int, _ start: Int) -> Bool {
        guard i > start else { return true }
        let (v, _) = TextBytes.scalar(b, endingAt: i)
        return v == 0x20 || v == 0x28 || v == 0x5B || v == TextBytes.enDash || v == TextBytes.emDash || v == TextBytes.leftDouble || v == 0x2F
    }

    /// The byte after the matching closing quote; single quotes skip apostrophes (a letter follows them).
    static func findClose(_ b: [UInt8], _ from: Int, _ end: Int, double: Bool) -> Int? {
        var j = from
        var nest = 0
        while j + 2 < end {
            if b[j] == 0xE2, b[j + 1] == 0x80 {
                let t = b[j + 2]
                if double {
                    if t == 0x9C { nest += 1 }
                    if t == 0x9D {
                        if nest == 0 { return j + 3 }
                        nest -= 1
                    }
                } else if t == 0x99 {
                    let after = j + 3
                    let letterAfter = after < end && (TextBytes.isLetterASCII(b[after]) || b[after] >= 0xC3)
                    if !letterAfter { return after }
                }
            }
            if j - from > 4000 { return nil }
            j += 1
        }
        return nil
    }
}
