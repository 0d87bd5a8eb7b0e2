/// Sentence boundaries for scholarly English, over UTF-8 bytes.
///
/// A boundary is a full stop, question or exclamation mark or ellipsis, with any closing quotes and
/// brackets, followed by a space and an upper-case letter, digit or opening quote. Not a boundary:
/// abbreviations (cf., ibid., pp., et al., U.S.S.R. …), initials, decimals, a numbered list item's
/// number, anything inside brackets. A citation in brackets after the full stop stays with its sentence.
enum SentenceSplitter {
    /// Tokens (lower case, without the final dot) that a full stop does not end a sentence after.
    static let abbreviations: Set<String> = [
        "cf", "ibid", "id", "p", "pp", "ed", "eds", "trans", "tr", "vol", "vols", "ch", "chs", "chap", "no", "nos",
        "e.g", "i.e", "st", "mr", "mrs", "ms", "dr", "prof", "fig", "figs", "viz", "vs", "v", "op", "cit", "c", "ca",
        "esp", "repr", "rev", "n", "nn", "para", "sec", "ff", "jr", "sr", "gen", "col", "lt", "capt", "sgt", "hon",
        "dept", "univ", "approx", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "comp", "pt", "bk", "ser", "suppl", "diss", "ms", "mss", "cp", "resp", "incl", "orig", "al",
        "a.m", "p.m", "u.s", "u.k", "u.s.s.r", "u.s.a", "b.c", "a.d", "ph.d", "m.a", "b.a", "et", "s",
    ]
    /// Words that begin a sentence often enough to break after an ambiguous abbreviation ("et al. The").
    static let starters: Set<String> = [
        "the", "a", "an", "in", "it", "this", "that", "these", "those", "he", "she", "they", "we", "i", "but", "and",
        "yet", "however", "thus", "for", "as", "on", "at", "if", "when", "while", "there", "such", "what", "his",
        "her", "their", "our", "its", "one", "to", "by", "after", "before", "so", "here", "both", "all", "moreover",
    ]
    /// Bytes the splitter stops at: stops, brackets, and the lead byte of "…".
    static let interesting: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in ".?!()[]" { t[Int(c.asciiValue!)] = true }
        t[0xE2] = true
        return t
    }()
    /// Abbreviations that stand before a number.
    static let numberAbbreviations: Set<String> = ["no", "nos", "vol", "vols", "fig", "figs", "nn", "para", "sec"]
    static let ambiguous: Set<String> = ["al", "a.m", "p.m", "u.s", "u.k", "u.s.s.r", "u.s.a", "no", "b.c", "a.d", "s"]

    /// Appends the sentences of b[start..<end] as half-open byte ranges.
    static func split(_ b: [UInt8], _ start: Int, _ end: Int, into out: inout [(Int, Int)]) {
        var s = start
        while s < end, b[s] == TextBytes.space { s += 1 }
        guard s < end else { return }
        var i = s
        var depth = 0
        var depthStart = 0
        while i < end {
            let c = b[i]
            if !interesting[Int(c)] {
                i += 1
                continue
            }
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") {
                if depth == 0 { depthStart = i }
                depth += 1
                i += 1
                continue
            }
            if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") {
                if depth > 0 { depth -= 1 }
                i += 1
                continue
            }
            var termLen = 0
            var isEllipsis = false
            if c == UInt8(ascii: ".") || c == UInt8(ascii: "?") || c == UInt8(ascii: "!") {
                termLen = 1
            } else if c == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0xA6 {
                termLen = 3
                isEllipsis = true
            }
            guard termLen > 0 else {
                i += 1
                continue
            }
            if depth > 0 {
                let closesBracket =
                    depth == 1 && i + termLen < end && (b[i + termLen] == UInt8(ascii: ")") || b[i + termLen] == UInt8(ascii: "]"))
                    && depthStart == s
                if i - depthStart > 300 || closesBracket {
                    depth = 0
                } else {
                    i += termLen
                    continue
                }
            }
            var j = i + termLen
            while j < end, b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: "?") || b[j] == UInt8(ascii: "!") { j += 1 }
            if c == UInt8(ascii: "."), j - i >= 3 { isEllipsis = true }
            while j < end {
                let (v, len) = TextBytes.scalar(b, j)
                if v == TextBytes.rightDouble || v == TextBytes.rightSingle || v == 0x22 || v == 0x27 || v == 0xBB || v == 0x29 || v == 0x5D {
                    j += len
                } else {
                    break
                }
            }
            guard j < end else { break }
            guard b[j] == TextBytes.space else {
                i = j
                continue
            }
            var k = j
            while k < end, b[k] == TextBytes.space { k += 1 }
            guard k < end else { break }
            let (nv, nlen) = TextBytes.scalar(b, k)
            var nextStartsSentence = false
            if TextBytes.isUpper(nv) || (nv < 0x80 && TextBytes.isDigit(UInt8(nv))) {
                nextStartsSentence = true
            } else if TextBytes.isOpeningQuote(nv) || nv == 0x28 || nv == 0x5B {
                if k + nlen < end {
                    let (v2, _) = TextBytes.scalar(b, k + nlen)
                    nextStartsSentence = TextBytes.isUpper(v2) || v2 == 0x2E || (nv == 0x5B && v2 < 0x80 && TextBytes.isDigit(UInt8(v2)))
                }
            }
            guard nextStartsSentence else {
                i = j
                continue
            }
            if c == UInt8(ascii: "."), !isEllipsis, !endsAfterFullStop(b, s, i, nextAt: k, end: end) {
                i = j
                continue
            }
            if isEllipsis, !(TextBytes.isUpper(nv)) {
                i = j
                continue
            }
            // The source of a quotation in brackets after its full stop — "… discipline. (Foucault 1994a: 64)" —
            // closes the sentence but is no sentence of its own.
            let e = j
            if nv == 0x28, let close = citationClose(b, k, end) {
                var after = close + 1
                if after < end, b[after] == UInt8(ascii: ".") { after += 1 }
                var m = after
                while m < end, b[m] == TextBytes.space { m += 1 }
                if m >= end || TextBytes.isUpper(TextBytes.scalar(b, m).value) || TextBytes.isOpeningQuote(TextBytes.scalar(b, m).value) {
                    k = m
                }
            }
            out.append((s, e))
            guard k < end else { return }
            s = k
            i = k
            depth = 0
        }
        var e = end
        while e > s, b[e - 1] == TextBytes.space { e -= 1 }
        guard e > s else { return }
        // a short run with no stop at all (a byline, a caption, a quotation's source) is not a sentence
        if !out.isEmpty || e - s < 80 {
            let (last, len) = TextBytes.scalar(b, endingAt: e)
            var stop = last == 0x2E || last == 0x3F || last == 0x21 || last == TextBytes.ellipsis
            if !stop, TextBytes.isClosingQuote(last) || last == 0x29 || last == 0x5D, e - len > s {
                let (prev, _) = TextBytes.scalar(b, endingAt: e - len)
                stop = prev == 0x2E || prev == 0x3F || prev == 0x21 || prev == TextBytes.ellipsis
            }
            if !stop {
                if !out.isEmpty, citationClose(b, s, e) == e - 1 { return }  // the source after a quotation
                if out.isEmpty { return }
            }
        }
        out.append((s, e))
    }

    /// The full stop at `dot` ends a sentence unless it closes an abbreviation, an initial or a list number.
    static func endsAfterFullStop(_ b: [UInt8], _ sentenceStart: Int, _ dot: Int, nextAt k: Int, end: Int) -> Bool {
        var t = dot
        while t > sentenceStart {
            let p = b[t - 1]
            if TextBytes.isLetterASCII(p) || p == UInt8(ascii: ".") || p >= 0x80 && p != 0x99 && p != 0x9D && p != 0x9C && p != 0x98 {
                t -= 1
            } else {
                break
            }
        }
        // digits: a list number at the start of the paragraph ("1. …"); otherwise a year or figure ends a sentence
        if t == dot {
            var d = dot
            while d > sentenceStart, TextBytes.isDigit(b[d - 1]) { d -= 1 }
            if d < dot, d == sentenceStart, dot - d <= 3 { return false }
            return true
        }
        guard dot - t <= 12 else { return true }  // a long word is no abbreviation
        // only a short token can be an abbreviation or an initial
        let token = String(decoding: b[t..<dot], as: UTF8.self).lowercased()
        let letters = token.filter { $0 != "." }
        // an initial: "J. Smith", "T.T. Heine"
        if letters.count == 1, TextBytes.isUpperASCII(b[t]) || b[t] >= 0xC0 {
            return starters.contains(word(b, k, end))
        }
        if numberAbbreviations.contains(token) {
            // "no. 11", "p. 6", "vol. 2": an abbreviation before a number; "No. Of course" ends a sentence
            let (v, _) = TextBytes.scalar(b, k)
            return !(v < 0x80 && TextBytes.isDigit(UInt8(v)))
        }
        if abbreviations.contains(token) {
            if ambiguous.contains(token) { return starters.contains(word(b, k, end)) }
            return false
        }
        // a dotted acronym not in the list: "U.N." — break only before a common sentence opener
        if token.contains("."), letters.count <= 6, letters.count * 2 >= token.count - 1 {
            return starters.contains(word(b, k, end))
        }
        // a roman list number opening the paragraph: "II. The"
        if t == sentenceStart, token.count <= 4, token.allSatisfy({ "ivxlc".contains($0) }) { return false }
        return true
    }

    static func word(_ b: [UInt8], _ k: Int, _ end: Int) -> String {
        var e = k
        while e < end, TextBytes.isLetterASCII(b[e]) { e += 1 }
        return String(decoding: b[k..<e], as: UTF8.self).lowercased()
    }

    /// The closing bracket of a short citation-like parenthetical opening at `open`.
    static func citationClose(_ b: [UInt8], _ open: Int, _ end: Int) -> Int? {
        var i = open + 1
        var digits = 0
        var run = 0
        var ibid = false
        while i < end, i - open < 160 {
            let c = b[i]
            if c == UInt8(ascii: ")") { return digits >= 1 || ibid ? i : nil }
            if c == UInt8(ascii: "(") { return nil }
            if TextBytes.isDigit(c) {
                run += 1
                if run == 4 { digits += 1 }
            } else {
                run = 0
            }
            if (c | 0x20) == UInt8(ascii: "i"), TextBytes.hasPrefix(b, i, end, "ibid") { ibid = true }
            i += 1
        }
        return nil
    }
}
