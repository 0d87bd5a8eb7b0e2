import SamizdatModel

/// In-text author-year citations: "(Agamben 2004: 65)", "(Danilov, Utkin and Filippov 2008: 86–90)",
/// "(see Collier 2011; Hoffmann 2011)", "Said (1988: 9–10)", "Trotsky 2001, p.6", and "(ibid.: 70)",
/// which takes its authors and year from the citation before it.
enum CitationParser {
    static func parse(_ b: [UInt8], paragraphs: [Paragraph], into out: inout [Citation]) {
        for p in paragraphs where p.kind != .heading {
            var i = p.start
            while i < p.end {
                let c = b[i]
                if c != UInt8(ascii: "(") && !TextBytes.isDigit(c) {
                    i += 1
                    continue
                }
                if c == UInt8(ascii: "(") {
                    var j = i + 1
                    var nested = 0
                    while j < p.end, j - i < 400 {
                        if b[j] == UInt8(ascii: "(") { nested += 1 }
                        if b[j] == UInt8(ascii: ")") {
                            if nested == 0 { break }
                            nested -= 1
                        }
                        j += 1
                    }
                    if j < p.end, b[j] == UInt8(ascii: ")") {
                        parenthetical(b, open: i, close: j, paragraphStart: p.start, into: &out)
                        i = j + 1
                        continue
                    }
                } else if TextBytes.isDigit(c), i + 4 <= p.end, i > p.start, b[i - 1] == TextBytes.space {
                    if let consumed = bare(b, at: i, paragraphStart: p.start, end: p.end, into: &out) {
                        i = consumed
                        continue
                    }
                }
                i += 1
            }
        }
    }

    /// A year at `y`: 4 digits from 1400 to 2099, maybe with a letter ("2008a"). Returns its end.
    static func year(_ b: [UInt8], _ y: Int, _ end: Int) -> Int? {
        guard y + 4 <= end else { return nil }
        for k in y..<(y + 4) where !TextBytes.isDigit(b[k]) { return nil }
        guard let v = TextBytes.integer(b, y, y + 4), v >= 1400, v <= 2099 else { return nil }
        var e = y + 4
        if e < end, TextBytes.isLowerASCII(b[e]), e + 1 >= end || !TextBytes.isLetterASCII(b[e + 1]) { e += 1 }
        if e < end, TextBytes.isDigit(b[e]) || TextBytes.isLetterASCII(b[e]) { return nil }
        // "1934-1943" is a span of years, not a citation's year
        if e + 1 < end, b[e] == UInt8(ascii: "-"), TextBytes.isDigit(b[e + 1]) { return nil }
        if e + 3 < end, b[e] == 0xE2, b[e + 1] == 0x80, b[e + 2] == 0x93, TextBytes.isDigit(b[e + 3]), year(b, e + 3, end) != nil { return nil }
        return e
    }

    private static func parenthetical(_ b: [UInt8], open: Int, close: Int, paragraphStart: Int, into out: inout [Citation]) {
        // split on ';'
        var parts: [(Int, Int)] = []
        var s = open + 1
        for k in (open + 1)...close where k == close || b[k] == UInt8(ascii: ";") {
            parts.append((s, k))
            s = k + 1
        }
        var found: [Citation] = []
        var lastAuthors: [String] = []
        for (ps, pe) in parts {
            var a = ps
            while a < pe, b[a] == TextBytes.space { a += 1 }
            var e = pe
            while e > a, b[e - 1] == TextBytes.space { e -= 1 }
            guard e > a else { continue }
            a = skipLeadIn(b, a, e)
            if TextBytes.hasPrefix(b, a, e, "ibid") {
                var pStart = a + 4
                while pStart < e,
                    b[pStart] == UInt8(ascii: ".") || b[pStart] == UInt8(ascii: ",") || b[pStart] == UInt8(ascii: ":") || b[pStart] == TextBytes.space
                { pStart += 1 }
                let pages = pageText(b, pStart, e)
                let prior = found.last ?? out.last
                found.append(Citation(start: a, end: e, authors: prior?.authors ?? [], year: prior?.year, pages: pages, ibid: true))
                continue
            }
            // find the first year in the part
            var y = a
            var yEnd: Int? = nil
            while y + 4 <= e {
                if TextBytes.isDigit(b[y]), y == a || !TextBytes.isDigit(b[y - 1]) && !TextBytes.isLetterASCII(b[y - 1]), let ye = year(b, y, e) {
                    yEnd = ye
                    break
                }
                y += 1
            }
            guard let ye = yEnd else { continue }
            var authorsText = TextBytes.string(b, a, y).trimmingSpaces()
            while let l = authorsText.last, l == "," || l == " " { authorsText.removeLast() }
            var authors: [String]
            var start = a
            if authorsText.isEmpty {
                if !lastAuthors.isEmpty {
                    authors = lastAuthors
                } else if parts.count == 1 || found.isEmpty, let (names, nameStart) = namesBefore(b, open, paragraphStart: paragraphStart) {
                    // narrative citation: Said (1988: 9–10)
                    authors = names
                    start = nameStart
                } else {
                    continue
                }
            } else {
                guard let names = authorList(authorsText) else { continue }
                authors = names
            }
            var pages: String? = nil
            var k = ye
            while k < e, b[k] == TextBytes.space { k += 1 }
            if k < e, b[k] == UInt8(ascii: ":") || b[k] == UInt8(ascii: ",") {
                pages = pageText(b, k + 1, e)
            }
            lastAuthors = authors
            let yearText = TextBytes.string(b, y, ye)
            found.append(Citation(start: start, end: e, authors: authors, year: yearText, pages: pages))
        }
        guard !found.isEmpty else { return }
        if parts.count == 1, found.count == 1 {
            // one citation: the span takes in its brackets
            found[0].start = min(found[0].start, open)
            found[0].end = close + 1
        }
        out.append(contentsOf: found)
    }

    /// "Trotsky 2001, p.6" or "Agamben 2004: 65" outside brackets: a year after a capitalised name, then pages.
    private static func bare(_ b: [UInt8], at y: Int, paragraphStart: Int, end: Int, into out: inout [Citation]) -> Int? {
        guard let ye = year(b, y, end), ye + 2 < end else { return nil }
        var k = ye
        let pagesStart: Int
        if b[k] == UInt8(ascii: ":"), k + 2 < end, b[k + 1] == TextBytes.space, TextBytes.isDigit(b[k + 2]) {
            pagesStart = k + 1
        } else if b[k] == UInt8(ascii: ","), k + 3 < end, b[k + 1] == TextBytes.space, b[k + 2] == UInt8(ascii: "p") {
            pagesStart = k + 1
        } else {
            return nil
        }
        guard let (names, nameStart) = namesBefore(b, y - 1, paragraphStart: paragraphStart, allowSpaceOnly: true) else { return nil }
        k = pagesStart
        var pe = k
        // pages run: "p.6", "pp. 12–14", "65", "86–90"
        while pe < end, b[pe] == TextBytes.space { pe += 1 }
        if pe < end, b[pe] == UInt8(ascii: "p") {
            pe += 1
            if pe < end, b[pe] == UInt8(ascii: "p") { pe += 1 }
            if pe < end, b[pe] == UInt8(ascii: ".") { pe += 1 }
            while pe < end, b[pe] == TextBytes.space { pe += 1 }
        }
        let digitsStart = pe
        while pe < end {
            let c = b[pe]
            if TextBytes.isDigit(c) || c == UInt8(ascii: "-") {
                pe += 1
                continue
            }
            if c == 0xE2, pe + 2 < end, b[pe + 1] == 0x80, b[pe + 2] == 0x93 {
                pe += 3
                continue
            }
            break
        }
        guard pe > digitsStart else { return nil }
        out.append(Citation(start: nameStart, end: pe, authors: names, year: TextBytes.string(b, y, ye), pages: pageText(b, pagesStart, pe)))
        return pe
    }

    static func skipLeadIn(_ b: [UInt8], _ a: Int, _ e: Int) -> Int {
        var a = a
        for lead in ["see also ", "see, e.g., ", "see e.g. ", "see ", "cf. ", "cf ", "e.g. ", "e.g., ", "also ", "quoted in ", "cited in "] {
            let u = Array(lead.utf8)
            if e - a > u.count, TextBytes.hasPrefixBytes(b, a, u) {
                a += u.count
                break
            }
        }
        while a < e, b[a] == TextBytes.space { a += 1 }
        return a
    }

    static func pageText(_ b: [UInt8], _ s: Int, _ e: Int) -> String? {
        var t = TextBytes.string(b, s, e).trimmingSpaces()
        for p in ["pp.", "p."] where t.hasPrefix(p) { t = String(t.dropFirst(p.count)).trimmingSpaces() }
        if let comma = t.firstIndex(where: { $0 == ";" }) { t = String(t[..<comma]) }
        return t.isEmpty ? nil : t
    }

    static let particles: Set<String> = [
        "de", "van", "von", "der", "den", "du", "la", "le", "da", "di", "del", "ter", "ten", "al", "el", "bin", "ibn",
    ]

    /// "Danilov, Utkin and Filippov", "De Waal et al.", "Foucault in Simon": the names, or nil if not names.
    static func authorList(_ text: String) -> [String]? {
        // split on ",", " and ", " & ", " in "; drop "et al."
        var words = text.split(separator: " ", omittingEmptySubsequences: true)
        if words.count >= 2, words[words.count - 1] == "al." || words[words.count - 1] == "al", words[words.count - 2] == "et" {
            words.removeLast(2)
        }
        guard !words.isEmpty, words.count <= 16 else { return nil }
        var pieces: [String] = []
        var current: [Substring] = []
        func flush() -> Bool {
            guard !current.isEmpty else { return true }
            guard current.count <= 4 else { return false }
            pieces.append(current.joined(separator: " "))
            current.removeAll()
            return true
        }
        for var w in words {
            if w == "and" || w == "&" || w == "in" {
                guard flush() else { return nil }
                continue
            }
            var endsPiece = false
            if w.hasSuffix(",") {
                w = w.dropLast()
                endsPiece = true
            }
            if !w.isEmpty { current.append(w) }
            if endsPiece { guard flush() else { return nil } }
        }
        guard flush(), !pieces.isEmpty, pieces.count <= 8 else { return nil }
        for piece in pieces {
            let ws = piece.split(separator: " ")
            guard let f = piece.first, f.isUppercase || particles.contains(String(ws[0]).lowercased()) else { return nil }
            for w in ws {
                guard let c = w.first else { return nil }
                if !(c.isUppercase || particles.contains(w.lowercased()) || w.hasSuffix(".")) { return nil }
            }
        }
        return pieces
    }

    /// Capitalised names just before `pos` (before a "(" or a year): "Said", "De Waal", "Danilov and Utkin".
    static func namesBefore(_ b: [UInt8], _ pos: Int, paragraphStart: Int, allowSpaceOnly: Bool = false) -> ([String], Int)? {
        var e = pos
        while e > paragraphStart, b[e - 1] == TextBytes.space { e -= 1 }
        guard e > paragraphStart else { return nil }
        // "Smith et al. (2004)": step over "et al."
        var etAlEnd = e
        if e - paragraphStart >= 7, TextBytes.string(b, e - 7, e) == " et al." {
            e -= 7
            etAlEnd = e
        } else {
            etAlEnd = e
        }
        _ = etAlEnd
        var s = e
        var words = 0
        var capitals = 0
        var start = e
        while s > paragraphStart, words < 5 {
            var ws = s
            while ws > paragraphStart, b[ws - 1] != TextBytes.space { ws -= 1 }
            let w = TextBytes.string(b, ws, s)
            guard let f = w.first else { break }
            let lower = w.lowercased()
            if f.isUppercase, w.contains(where: { $0.isLowercase }), !w.hasSuffix(","), !w.hasSuffix(".") || w.count <= 3 {
                capitals += 1
                if capitals > 2 && !(words > 0 && TextBytes.string(b, start, e).contains(" and ")) { return nil }
                start = ws
            } else if (lower == "and" || lower == "&" || particles.contains(lower)) && words > 0 {
            } else if w.hasSuffix(","), f.isUppercase, words > 0 {
                start = ws
            } else {
                break
            }
            words += 1
            s = ws
            while s > paragraphStart, b[s - 1] == TextBytes.space { s -= 1 }
        }
        guard start < e else { return nil }
        let text = TextBytes.string(b, start, e)
        // a sentence-initial word alone ("In (2004)") is not a name
        if let f = text.split(separator: " ").first, AbbreviationLexicon.functionWords.contains(f.lowercased()) { return nil }
        guard let names = authorList(text) else { return nil }
        _ = allowSpaceOnly
        return (names, start)
    }
}

extension TextBytes {
    static func hasPrefixBytes(_ b: [UInt8], _ a: Int, _ u: [UInt8]) -> Bool {
        guard a + u.count <= b.count else { return false }
        for k in 0..<u.count {
            var c = b[a + k]
            if isUpperASCII(c) { c |= 0x20 }
            if c != u[k] { return false }
        }
        return true
    }
}
