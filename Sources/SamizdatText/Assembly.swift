import SamizdatModel

/// Builds the clean text: rejoins hard-wrapped lines into paragraphs (across page breaks when the
/// sentence goes on), undoes line-end hyphenation, keeps block quotations apart, lays headings out
/// as sections, maps every byte to its page, and takes note markers out while linking them to notes.
struct Assembly {
    let b: [UInt8]
    let lines: [SourceLine]
    let roles: [LineRole]
    let pageMap: PageMap
    let headings: Headings
    let notes: NoteApparatus

    var out: [UInt8] = []
    var paragraphs: [Paragraph] = []
    var spans: [PageSpan] = []
    var sections: [Section] = []
    var outputNotes: [Note] = []
    var unmatchedMarkers: [String] = []
    var unmatchedNotes: [String] = []
    /// Where paragraphs start when the layout already says so (pages read from a PDF): then a body
    /// line starts a paragraph exactly when this says it does, and no boundary is guessed.
    var knownParagraphStarts: [Bool]? = nil
    /// Note markers the markup names (an EPUB's noterefs), by line: when set, these are the
    /// document's markers and none is guessed from the text.
    var linkedMarkers: [Int: [KnownLayoutInput.LinkedMarker]]? = nil
    /// Whether a paragraph's first line is a block quotation, where the markup says so
    /// (`LaidOutLine.blockQuotation`); nil for a line to judge by its layout.
    var knownQuotations: [Bool?]? = nil

    private var typical = 70
    /// The measure: how wide a full line runs.
    private var measure = 75
    private var keepHyphen: [Int: Bool] = [:]
    private var spanLabel: String? = nil
    private var spanStart = 0
    private var scopeOfLine: [Int16]
    private var groupNext: [Int]
    private var markerOffset: [Int?]
    private var markerSection: [Int?]
    private var headingAt: [Int: Int] = [:]
    private var headingLevel: [Int] = []
    private var sectionStack: [Int] = []

    init(bytes: [UInt8], lines: [SourceLine], roles: [LineRole], pageMap: PageMap, headings: Headings, notes: NoteApparatus) {
        self.b = bytes
        self.lines = lines
        self.roles = roles
        self.pageMap = pageMap
        self.headings = headings
        self.notes = notes
        scopeOfLine = [Int16](repeating: -1, count: lines.count)
        groupNext = [Int](repeating: 0, count: notes.groups.count)
        markerOffset = [Int?](repeating: nil, count: notes.entries.count)
        markerSection = [Int?](repeating: nil, count: notes.entries.count)
        out.reserveCapacity(bytes.count)
    }

    mutating func run() {
        var widths: [Int] = []
        for i in 0..<lines.count where roles[i] == .body && lines[i].width >= 20 { widths.append(lines[i].width) }
        widths.sort()
        typical = widths.isEmpty ? 70 : widths[widths.count * 3 / 4]
        measure = widths.isEmpty ? 75 : widths[min(widths.count - 1, widths.count * 9 / 10)]
        for (k, h) in headings.items.enumerated() { headingAt[h.firstLine] = k }
        assignLevels()
        assignScopes()
        decideHyphens()
        layOut()
        finishSections()
        finishNotes()
    }

    // MARK: - Hyphens at line ends

    /// For every line ending "word-" before a line starting in lower case: keep the hyphen (a compound) or not.
    private mutating func decideHyphens() {
        var pairs: [(line: Int, first: Range<Int>, second: Range<Int>)] = []
        var wanted = Set<UInt64>()
        var shapes = Set<Int>()
        var p = -1
        for c in 0..<lines.count where roles[c] == .body {
            defer { p = c }
            guard p >= 0 else { continue }
            let pl = lines[p]
            let cl = lines[c]
            guard pl.contentEnd - pl.contentStart >= 3, b[pl.contentEnd - 1] == UInt8(ascii: "-") else { continue }
            let before = b[pl.contentEnd - 2]
            guard TextBytes.isLetterASCII(before) || before >= 0x80, TextBytes.isLower(TextBytes.scalar(b, cl.contentStart).value) else { continue }
            var s = pl.contentEnd - 1
            while s > pl.contentStart, Lexicon.isWordByte(b[s - 1]) { s -= 1 }
            var e = cl.contentStart
            while e < cl.contentEnd, Lexicon.isWordByte(b[e]) { e += 1 }
            guard s < pl.contentEnd - 1, e > cl.contentStart else { continue }
            pairs.append((p, s..<(pl.contentEnd - 1), cl.contentStart..<e))
            for h in Lexicon.questions(first: b[s..<(pl.contentEnd - 1)], second: b[cl.contentStart..<e]) { wanted.insert(h) }
            for k in Lexicon.shapes(first: b[s..<(pl.contentEnd - 1)], second: b[cl.contentStart..<e]) { shapes.insert(k) }
        }
        guard !pairs.isEmpty else { return }
        let lexicon = Lexicon(b, wanted: wanted, shapes: shapes)
        for pair in pairs {
            keepHyphen[pair.line] = lexicon.keepsHyphen(first: b[pair.first], second: b[pair.second])
        }
    }

    // MARK: - Levels and scopes

    private mutating func assignLevels() {
        let ranks = Set(headings.items.filter { $0.kind != .frontMatter && $0.kind != .backMatter && $0.kind != .post }.map { rankOf($0) }).sorted()
        headingLevel = headings.items.map { h in
            if h.kind == .frontMatter || h.kind == .backMatter || h.kind == .post { return 1 }
            return (ranks.firstIndex(of: rankOf(h)) ?? 0) + 1
        }
    }

    private func rankOf(_ h: Headings.Heading) -> Headings.Rank {
        (h.kind == .frontMatter || h.kind == .backMatter || h.kind == .post)
            ? (headings.items.contains { $0.rank == .part } ? .part : .chapter) : h.rank
    }

    private mutating func assignScopes() {
        let chapters = headings.items.filter { $0.kind == .chapter && $0.rank == .chapter }
        let tops = headings.items.filter { $0.rank <= .chapter }
        var lastFoot = 0
        var lastBracket = 0
        var lastEnd = 0
        for (g, group) in notes.groups.enumerated() {
            var from = 0
            var to = group.firstLine
            switch group.kind {
            case .footnotes:
                from = lastFoot
                to = group.lastLine + 1
                lastFoot = to
            case .bracketed:
                from = lastBracket
                to = group.firstLine
                lastBracket = group.lastLine + 1
            case .endnotes:
                if let n = group.chapter {
                    let ch = chapters.first { $0.number == n } ?? (n >= 1 && n <= chapters.count ? chapters[n - 1] : nil)
                    if let ch {
                        from = ch.firstLine
                        // the chapter runs to the next numbered chapter when chapters carry numbers
                        let nextTop =
                            chapters.allSatisfy({ $0.number != nil })
                            ? tops.first { $0.firstLine > ch.firstLine && ($0.number != nil || $0.kind == .backMatter || $0.kind == .part) }
                            : tops.first { $0.firstLine > ch.firstLine }
                        to = nextTop?.firstLine ?? group.firstLine
                        to = min(to, notes.groups.filter { $0.kind == .endnotes }.map(\.firstLine).min() ?? to)
                    } else {
                        from = lastEnd
                        to = group.firstLine
                    }
                } else {
                    from = chapters.last { $0.firstLine < group.firstLine }?.firstLine ?? lastEnd
                    from = max(from, lastEnd)
                    to = group.firstLine
                }
                lastEnd = max(lastEnd, group.lastLine + 1)
            }
            guard to > from else { continue }
            for l in from..<min(to, lines.count) where scopeOfLine[l] < 0 && roles[l] == .body { scopeOfLine[l] = Int16(g) }
        }
    }

    // MARK: - Laying out paragraphs

    private enum Boundary { case none, plain, colon, midSentence, indent }

    private mutating func layOut() {
        let n = lines.count
        var open = false
        var kind: ParagraphKind = .body
        var paraStart = 0
        var paraFirstLine = 0
        var prev: Int? = nil
        var i = 0
        while i < n {
            switch roles[i] {
            case .heading:
                if open {
                    close(kind: kind, start: paraStart, firstLine: paraFirstLine, lastLine: prev ?? paraFirstLine)
                    open = false
                }
                guard let hk = headingAt[i] else {
                    i += 1
                    continue
                }
                let h = headings.items[hk]
                openSection(hk, h)
                separate()
                setPage(line: i)
                let start = out.count
                var first = true
                for k in h.firstLine...h.lastLine where roles[k] == .heading && !lines[k].isBlank {
                    if !first { out.append(TextBytes.space) }
                    out.append(contentsOf: b[lines[k].contentStart..<lines[k].contentEnd])
                    first = false
                }
                paragraphs.append(
                    Paragraph(
                        kind: .heading,
                        start: start,
                        end: out.count,
                        section: sections.count - 1,
                        page: pageMap.label(ofLine: h.firstLine),
                        lastPage: nil
                    )
                )
                prev = nil
                i = h.lastLine + 1
                continue
            case .body:
                var boundary = Boundary.plain
                if open, let p = prev { boundary = self.boundary(p, i, kind: kind, paraFirstLine: paraFirstLine) }
                if open && boundary == .none {
                    join(prev!, i)
                    setPage(line: i)
                } else {
                    if open { close(kind: kind, start: paraStart, firstLine: paraFirstLine, lastLine: prev!) }
                    separate()
                    setPage(line: i)
                    open = true
                    paraStart = out.count
                    paraFirstLine = i
                    kind = .body
                    if boundary == .colon || boundary == .indent || (boundary == .midSentence && !headings.paragraphPerLine) { kind = .blockQuote }
                    if lines[i].indent >= 2, typicalIndentIsSmall { kind = .blockQuote }
                    if let known = knownQuotations?[i] { kind = known ? .blockQuote : .body }
                }
                appendContent(line: i)
                prev = i
            default:
                break
            }
            i += 1
        }
        if open, let p = prev { close(kind: kind, start: paraStart, firstLine: paraFirstLine, lastLine: p) }
        if spanStart < out.count || spans.isEmpty {
            spans.append(PageSpan(label: spanLabel ?? "", start: spanStart, end: out.count))
        }
    }

    private var typicalIndentIsSmall: Bool { !headings.paragraphPerLine }

    private mutating func separate() {
        if !out.isEmpty {
            out.append(TextBytes.newline)
            out.append(TextBytes.newline)
        }
    }

    private mutating func setPage(line: Int) {
        let label = pageMap.label(ofLine: line)
        if spanLabel == nil {
            spanLabel = label
            spanStart = 0
            return
        }
        if label != spanLabel {
            spans.append(PageSpan(label: spanLabel!, start: spanStart, end: out.count))
            spanLabel = label
            spanStart = out.count
        }
    }

    private func endsSentence(_ l: SourceLine) -> Bool { NoteApparatus.endsSentence(b, l) }

    private func lastScalar(_ l: SourceLine) -> UInt32 { TextBytes.scalar(b, endingAt: l.contentEnd).value }

    private func boundary(_ p: Int, _ c: Int, kind: ParagraphKind, paraFirstLine: Int) -> Boundary {
        if let known = knownParagraphStarts { return known[c] ? .plain : .none }
        var gapBlank = false
        var gapOther = false
        if c > p + 1 { for k in (p + 1)..<c { if roles[k] == .blank { gapBlank = true } else { gapOther = true } } }
        if gapBlank && !gapOther { return .plain }
        if headings.paragraphPerLine { return .plain }
        let pl = lines[p]
        let cl = lines[c]
        let last = lastScalar(pl)
        let (first, _) = TextBytes.scalar(b, cl.contentStart)
        if cl.indent >= 2 && pl.indent < 2 { return .indent }
        if pl.indent >= 2 && cl.indent < 2 { return .plain }
        if last == 0x2D, TextBytes.isLower(first) { return .none }
        if pl.width * 5 < typical * 4 {
            // a short line ends its paragraph when the next line's first word would have fitted on it
            var w = cl.contentStart
            var firstWord = 0
            var inBracket = false
            while w < cl.contentEnd, b[w] != TextBytes.space || inBracket {
                // a bracketed citation is set as one piece: "(Name 1949: 341)."
                if b[w] == UInt8(ascii: "(") { inBracket = true } else if b[w] == UInt8(ascii: ")") { inBracket = false }
                if b[w] & 0xC0 != 0x80 { firstWord += 1 }
                w += 1
                if inBracket, w - cl.contentStart > 40 { break }
            }
            // the measure of this paragraph so far (block quotations are set narrower)
            var local = 0
            var q = p
            var seen = 0
            while q >= paraFirstLine, seen < 4 {
                if roles[q] == .body, q != p {
                    local = max(local, lines[q].width)
                    seen += 1
                }
                q -= 1
            }
            let fullLine = seen >= 2 ? min(measure, local) : measure
            // mid-sentence, ask for clear room: justified lines of proportional type vary in characters
            let slack = endsSentence(pl) || last == 0x3A ? 0 : fullLine / 8
            if pl.width + 1 + firstWord <= fullLine - slack {
                return endsSentence(pl) || last == 0x3A ? (last == 0x3A ? .colon : .plain) : .midSentence
            }
        }
        if last == 0x3A, TextBytes.isUpper(first) || TextBytes.isOpeningQuote(first) { return .colon }
        let newPage = pageMap.pageOfLine[p] != pageMap.pageOfLine[c]
        if cl.indent == 1, !newPage, endsSentence(pl) { return .plain }
        if kind == .blockQuote, endsWithMarkerAfterStop(pl) { return .plain }
        return .none
    }

    /// "…Movement.3" at the end of a line: a quotation closing with its note marker.
    private func endsWithMarkerAfterStop(_ l: SourceLine) -> Bool {
        var e = l.contentEnd
        var digits = 0
        while e > l.contentStart, TextBytes.isDigit(b[e - 1]) {
            e -= 1
            digits += 1
        }
        guard digits >= 1, digits <= 3, e > l.contentStart else { return false }
        let (v, _) = TextBytes.scalar(b, endingAt: e)
        return v == 0x2E || v == 0x3F || v == 0x21 || v == TextBytes.rightDouble || v == TextBytes.rightSingle || v == 0x22
    }

    private mutating func join(_ p: Int, _ c: Int) {
        let cl = lines[c]
        let (first, _) = TextBytes.scalar(b, cl.contentStart)
        if let last = out.last, last == UInt8(ascii: "-"), out.count >= 2, TextBytes.isLetterASCII(out[out.count - 2]) || out[out.count - 2] >= 0x80,
            TextBytes.isLower(first)
        {
            if keepHyphen[p] != true { out.removeLast() }
            return
        }
        if out.count >= 3, out[out.count - 3] == 0xE2, out[out.count - 2] == 0x80, out[out.count - 1] == 0x94 { return }
        out.append(TextBytes.space)
    }

    private mutating func close(kind: ParagraphKind, start: Int, firstLine: Int, lastLine: Int) {
        while out.count > start, out.last == TextBytes.space { out.removeLast() }
        guard out.count > start else {
            if out.count >= 2, out[out.count - 1] == TextBytes.newline { out.removeLast(2) }
            return
        }
        var k = kind
        let lineCount = (firstLine...lastLine).reduce(0) { $0 + (roles[$1] == .body ? 1 : 0) }
        let kindKnown = (knownQuotations?[firstLine] ?? nil) != nil
        // a quotation closed by its source in brackets, when it is not run together with the text before it
        if !kindKnown, k == .body, lineCount <= 8, endsWithCitationAfterStop(start, out.count) { k = .blockQuote }
        // a single short line after a short line ("Helsinki" / "May 2015") is no quotation
        if !kindKnown, k == .blockQuote, lineCount == 1, lines[firstLine].width * 2 < typical, !headings.paragraphPerLine { k = .body }
        let page = pageMap.label(ofLine: firstLine)
        let lastPage = pageMap.label(ofLine: lastLine)
        paragraphs.append(
            Paragraph(
                kind: k,
                start: start,
                end: out.count,
                section: sectionStack.last,
                page: page,
                lastPage: lastPage == page ? nil : lastPage
            )
        )
    }

    /// "… party discipline. (Foucault 1994a: 64)": a block quotation followed by its source.
    private func endsWithCitationAfterStop(_ start: Int, _ end: Int) -> Bool {
        guard end - start > 40, out[end - 1] == UInt8(ascii: ")") || (out[end - 1] == UInt8(ascii: ".") && out[end - 2] == UInt8(ascii: ")")) else {
            return false
        }
        let close = out[end - 1] == UInt8(ascii: ")") ? end - 1 : end - 2
        var open = close - 1
        while open > start, close - open < 80, out[open] != UInt8(ascii: "(") { open -= 1 }
        guard out[open] == UInt8(ascii: "("), open - start >= 2, out[open - 1] == TextBytes.space else { return false }
        guard SentenceSplitter.citationClose(out, open, end) == close else { return false }
        let (v, _) = TextBytes.scalar(out, endingAt: open - 1)
        return v == 0x2E || v == 0x3F || v == 0x21 || v == TextBytes.rightDouble || v == TextBytes.rightSingle || open == start
    }

    // MARK: - Note markers

    private mutating func appendContent(line l: Int) {
        let s = lines[l].contentStart
        let e = lines[l].contentEnd
        if let linkedMarkers {
            appendLinkedContent(line: l, markers: linkedMarkers[l] ?? [])
            return
        }
        let scope = Int(scopeOfLine[l])
        var copyFrom = s
        var k = s
        while k < e {
            let c = b[k]
            guard Assembly.markerStart[Int(c)] else {
                k += 1
                continue
            }
            guard let m = markerCandidate(k, s, e) else {
                k += 1
                continue
            }
            if m.needsStop {
                // after a decimal ("86.63.8"): only a marker if a new sentence follows
                let nextOK = m.end == e || (m.end + 1 < e && b[m.end] == TextBytes.space && TextBytes.isUpper(TextBytes.scalar(b, m.end + 1).value))
                if !nextOK {
                    k = m.end
                    continue
                }
            }
            // notes collected as "[3] …" are called by "[3]", not by digits glued to a word
            let styleFits = m.bracketed || scope < 0 || notes.groups[scope].kind != .bracketed
            if scope >= 0, styleFits, let entry = match(m.label, group: scope) {
                var from = m.start
                if m.bracketed, from > copyFrom, b[from - 1] == TextBytes.space {
                    from -= 1
                } else if m.bracketed, from - 1 > copyFrom, b[from - 2] == 0xC2, b[from - 1] == 0xA0 {
                    from -= 2
                }  // no-break space
                out.append(contentsOf: b[copyFrom..<from])
                markerOffset[entry] = out.count
                markerSection[entry] = sections.isEmpty ? nil : sectionStack.last
                copyFrom = m.end
            } else if m.strong {
                unmatchedMarkers.append(m.label)
            }
            k = m.end
        }
        out.append(contentsOf: b[copyFrom..<e])
    }

    /// A line whose markers the markup names: each marker's place kept for its note, by key.
    private mutating func appendLinkedContent(line l: Int, markers: [KnownLayoutInput.LinkedMarker]) {
        let start = lines[l].contentStart
        let end = lines[l].contentEnd
        var copyFrom = start
        for marker in markers.sorted(by: { $0.offset < $1.offset }) {
            let at = max(copyFrom, min(marker.offset, end))
            out.append(contentsOf: b[copyFrom..<at])
            copyFrom = at
            guard let entry = notes.entryOfKey[marker.note], markerOffset[entry] == nil else {
                unmatchedMarkers.append(marker.label)
                continue
            }
            markerOffset[entry] = out.count
            markerSection[entry] = sections.isEmpty ? nil : sectionStack.last
        }
        out.append(contentsOf: b[copyFrom..<end])
    }

    private mutating func match(_ label: String, group g: Int) -> Int? {
        let list = notes.groups[g].entries
        let next = groupNext[g]
        var idx = next
        while idx < list.count, idx < next + 3 {
            if notes.entries[list[idx]].label == label {
                groupNext[g] = idx + 1
                return list[idx]
            }
            idx += 1
        }
        // markers printed out of order (a PDF column read late): a skipped note just behind
        idx = next - 1
        while idx >= 0, idx >= next - 4 {
            if markerOffset[list[idx]] == nil, notes.entries[list[idx]].label == label { return list[idx] }
            idx -= 1
        }
        return nil
    }

    private struct Marker {
        var label: String
        var start: Int
        var end: Int
        var bracketed: Bool
        var strong: Bool
        var needsStop = false
    }

    /// A note marker at `k`: "[3]", digits glued after a word or punctuation ("managed.1", "Nazi,12"),
    /// superscript digits, "*" or "†".
    private func markerCandidate(_ k: Int, _ s: Int, _ e: Int) -> Marker? {
        let c = b[k]
        if c == UInt8(ascii: "[") {
            var j = k + 1
            while j < e, TextBytes.isDigit(b[j]) { j += 1 }
            guard j > k + 1, j - k <= 4, j < e, b[j] == UInt8(ascii: "]") else { return nil }
            return Marker(label: TextBytes.string(b, k + 1, j), start: k, end: j + 1, bracketed: true, strong: true)
        }
        guard k > s else { return nil }
        let (pv, plen) = TextBytes.scalar(b, endingAt: k)
        let prevOK =
            TextBytes.isLetter(pv) || pv == 0x2E || pv == 0x2C || pv == 0x3B || pv == 0x3A || pv == 0x3F || pv == 0x21
            || pv == 0x29 || pv == 0x5D || pv == TextBytes.rightDouble || pv == TextBytes.rightSingle || pv == 0x22
        if c == UInt8(ascii: "*") {
            guard prevOK, k + 1 == e || b[k + 1] == TextBytes.space || b[k + 1] == UInt8(ascii: ",") || b[k + 1] == UInt8(ascii: ".") else {
                return nil
            }
            return Marker(label: "*", start: k, end: k + 1, bracketed: false, strong: false)
        }
        if c == 0xE2 || c == 0xC2 {
            // superscript digits and daggers
            var j = k
            var label = ""
            while j < e {
                let (v, len) = TextBytes.scalar(b, j)
                if let d = Assembly.superscriptDigit(v) {
                    label.append(Character(String(d)))
                    j += len
                    continue
                }
                break
            }
            if !label.isEmpty { return Marker(label: label, start: k, end: j, bracketed: false, strong: true) }
            let (v, len) = TextBytes.scalar(b, k)
            if v == 0x2020 || v == 0x2021, prevOK {
                return Marker(label: v == 0x2020 ? "†" : "‡", start: k, end: k + len, bracketed: false, strong: false)
            }
            return nil
        }
        guard prevOK, !(pv < 0x80 && TextBytes.isDigit(UInt8(pv))) else { return nil }
        var j = k
        while j < e, TextBytes.isDigit(b[j]) { j += 1 }
        guard j - k <= 3 else { return nil }
        if j < e {
            let (nv, _) = TextBytes.scalar(b, j)
            if TextBytes.isLetter(nv) || (nv < 0x80 && TextBytes.isDigit(UInt8(nv))) { return nil }
            if nv == 0x2E || nv == 0x2C, j + 1 < e, TextBytes.isDigit(b[j + 1]) { return nil }
        }
        let before = k - plen
        if pv == 0x2E || pv == 0x2C {
            // "4.53" is a decimal, "1,000" a number; "1934.11" is a year and its marker
            var d = before
            while d > s, TextBytes.isDigit(b[d - 1]) { d -= 1 }
            if d < before, before - d < 4, pv == 0x2E || j - k > 2 {
                // a decimal point or a thousands comma, unless a sentence ends right here: "86.63.8 The"
                let dotAfterDigits = d > s && b[d - 1] == UInt8(ascii: ".") && pv == 0x2E
                guard dotAfterDigits else { return nil }
                return Marker(label: TextBytes.string(b, k, j), start: k, end: j, bracketed: false, strong: false, needsStop: true)
            }
            // "p.6", "pp.12", "no.3": a page reference, not a marker
            if pv == 0x2E {
                var w = before
                while w > s, TextBytes.isLetterASCII(b[w - 1]) { w -= 1 }
                let word = String(decoding: b[w..<before], as: UTF8.self).lowercased()
                if ["p", "pp", "no", "nos", "vol", "ch", "fig", "n", "nn", "art", "sec", "para", "ibid"].contains(word) { return nil }
            }
        }
        if pv == 0x3A { return nil }
        let strong = pv == 0x2E || pv == 0x3F || pv == 0x21 || pv == TextBytes.rightDouble || pv == TextBytes.rightSingle
        return Marker(label: TextBytes.string(b, k, j), start: k, end: j, bracketed: false, strong: strong && (j == e || b[j] == TextBytes.space))
    }

    /// Bytes a note marker can begin with.
    static let markerStart: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in "0123456789[*" { t[Int(c.asciiValue!)] = true }
        t[0xC2] = true
        t[0xE2] = true
        return t
    }()

    static func superscriptDigit(_ v: UInt32) -> Int? {
        switch v {
        case 0xB9: return 1
        case 0xB2: return 2
        case 0xB3: return 3
        case 0x2070: return 0
        case 0x2074...0x2079: return Int(v - 0x2070)
        default: return nil
        }
    }

    // MARK: - Sections and notes

    private mutating func openSection(_ hk: Int, _ h: Headings.Heading) {
        let level = headingLevel[hk]
        while let top = sectionStack.last, sections[top].level >= level { sectionStack.removeLast() }
        var kind = h.kind
        if kind == .frontMatter, h.title.lowercased().hasPrefix("introduction"), sections.contains(where: { $0.kind == .chapter }) { kind = .chapter }
        sections.append(
            Section(
                kind: kind,
                level: level,
                title: h.title,
                start: out.isEmpty ? 0 : out.count + 2,
                end: 0,
                parent: sectionStack.last,
                page: pageMap.label(ofLine: h.firstLine)
            )
        )
        sectionStack.append(sections.count - 1)
    }

    private mutating func finishSections() {
        let end = out.count
        for k in 0..<sections.count {
            var e = end
            for t in (k + 1)..<max(k + 1, sections.count) where sections[t].level <= sections[k].level {
                e = sections[t].start
                break
            }
            sections[k].end = max(sections[k].start, min(e, end))
            sections[k].start = min(sections[k].start, end)
        }
    }

    private mutating func finishNotes() {
        // Endnotes printed after the last body line get a back-matter section of their own.
        var notesSection: Int? = nil
        let lastBody = roles.lastIndex { $0 == .body || $0 == .heading } ?? -1
        if let g = notes.groups.first(where: { $0.kind == .endnotes && $0.firstLine > lastBody }),
            !sections.contains(where: { $0.kind == .backMatter && $0.title.lowercased().contains("note") })
        {
            let title = g.titleLine.map { TextBytes.string(b, lines[$0].contentStart, lines[$0].contentEnd) } ?? "Notes"
            sections.append(
                Section(
                    kind: .backMatter,
                    level: 1,
                    title: title,
                    start: out.count,
                    end: out.count,
                    parent: nil,
                    page: pageMap.label(ofLine: g.titleLine ?? g.firstLine)
                )
            )
            notesSection = sections.count - 1
            // "CHAPTER 3" over each group of endnotes
            for group in notes.groups where group.kind == .endnotes && group.chapter != nil && group.firstLine > lastBody {
                let l = lines[group.firstLine]
                sections.append(
                    Section(
                        kind: .backMatter,
                        level: 2,
                        title: TextBytes.string(b, l.contentStart, l.contentEnd),
                        start: out.count,
                        end: out.count,
                        parent: notesSection,
                        page: pageMap.label(ofLine: group.firstLine)
                    )
                )
            }
        }
        for (k, e) in notes.entries.enumerated() {
            let group = notes.groups[e.group]
            let section = markerSection[k] ?? notesSection
            outputNotes.append(
                Note(
                    label: e.label,
                    text: e.text,
                    marker: markerOffset[k],
                    section: section,
                    page: pageMap.label(ofLine: e.firstLine).isEmpty ? nil : pageMap.label(ofLine: e.firstLine)
                )
            )
            if markerOffset[k] == nil {
                unmatchedNotes.append(group.chapter.map { "chapter \($0), note \(e.label)" } ?? e.label)
            }
        }
    }
}
