import SamizdatModel

/// Lays prose out as a PDF extraction prints it — hard-wrapped lines, pages with numbers,
/// running heads, printer slugs, footnotes — and records the truth of every line it writes.
struct PageSetter {
    enum Numbering { case roman, arabic }

    private(set) var text = ""
    private(set) var bytes = 0
    private(set) var line = 0
    var truth: GroundTruth
    var rng: SplitMix64

    // Layout
    let paged: Bool
    var linesPerPage = 38
    var width = 70
    /// Chance that a word too long for the line is broken with a hyphen (soft or at its own hyphen).
    var hyphenationRate = 0.35

    // Pagination
    var numbering = Numbering.arabic
    var pageNumber = 1
    /// Running heads: verso (even pages), recto (odd pages); nil prints none.
    var runningHeads: (verso: String, recto: String)?
    /// Printer slug ("4868_Name.indd") and its date line; nil prints none.
    var slug: (file: String, date: String)?
    var slugRate = 0.5
    /// Footnotes wait here until the page they are called on ends.
    var footnoteQueue: [(label: String, text: String, note: Int)] = []
    private(set) var pageOpen = false
    private var bodyLinesOnPage = 0
    private var pageFirstLine = 0
    private var numberAtFoot = false
    private var leadingSpacePending = false

    /// Markers placed but whose note is not printed yet, by note index.
    private var markers: [Int: (label: String, anchor: String, offset: Int, line: Int)] = [:]

    init(name: String, kind: TextKind, paged: Bool, rng: SplitMix64, capacity: Int) {
        self.truth = GroundTruth(name: name, kind: kind)
        self.paged = paged
        self.rng = rng
        text.reserveCapacity(capacity + capacity / 8)
    }

    var pageLabel: String { numbering == .roman ? Self.roman(pageNumber) : "\(pageNumber)" }

    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        ]
        var n = n
        var out = ""
        for (v, s) in table {
            while n >= v {
                out += s
                n -= v
            }
        }
        return out
    }

    // MARK: raw lines

    /// Writes one line; returns its index and the offset of its first byte.
    @discardableResult
    mutating func raw(_ s: String) -> (line: Int, offset: Int) {
        let at = (line, bytes)
        text += s
        text += "\n"
        bytes += s.utf8.count + 1
        line += 1
        return at
    }

    mutating func artifact(_ s: String, _ kind: ArtifactKind) {
        let at = raw(s)
        truth.artifacts.append(Artifact(kind: kind, line: at.line, text: s))
    }

    // MARK: pages

    /// Starts a page. An opening page (chapter, article start) has no running head and its number at its foot.
    mutating func startPage(opening: Bool) {
        guard paged else { return }
        pageOpen = true
        pageFirstLine = line
        bodyLinesOnPage = 0
        if !opening && rng.chance(0.65) {
            if let heads = runningHeads {
                artifact(pageNumber % 2 == 0 ? heads.verso : heads.recto, .runningHead)
                raw("")
            }
            artifact(pageLabel, .pageNumber)
            raw("")
            numberAtFoot = false
            leadingSpacePending = false
        } else {
            numberAtFoot = true
            leadingSpacePending = true
        }
    }

    mutating func endPage() {
        guard paged, pageOpen else { return }
        if !footnoteQueue.isEmpty {
            raw("")
            for (k, f) in footnoteQueue.enumerated() {
                if k > 0 { raw("") }
                raw(f.label)
                raw("")
                let first = wrapPlain(f.text, width: width)
                recordNote(f.note, text: f.text, noteLine: first)
            }
            footnoteQueue.removeAll()
        }
        if numberAtFoot { artifact(pageLabel, .pageNumber) }
        if let slug, rng.chance(slugRate) {
            raw("")
            artifact("\(slug.file) \(pageLabel)", .printerSlug)
            raw("")
            artifact(slug.date, .printerSlug)
            raw("")
        }
        truth.pages.append(.init(label: pageLabel, firstLine: pageFirstLine, lastLine: line - 1))
        pageNumber += 1
        pageOpen = false
    }

    /// Ends the current page (if it has anything on it) and starts a new one.
    mutating func newPage(opening: Bool) {
        if pageOpen { endPage() }
        startPage(opening: opening)
    }

    /// Writes a body line, turning the page first when it is full; returns where the line's text starts
    /// (after the leading space a page start may carry).
    @discardableResult
    mutating func bodyLine(_ s: String) -> (line: Int, offset: Int) {
        if paged {
            if !pageOpen { startPage(opening: false) }
            if bodyLinesOnPage >= linesPerPage {
                endPage()
                startPage(opening: false)
            }
            bodyLinesOnPage += 1
        }
        if leadingSpacePending && !s.isEmpty {
            leadingSpacePending = false
            let at = raw(" " + s)
            return (at.line, at.offset + 1)
        }
        return raw(s)
    }

    var currentPage: String? { paged ? pageLabel : nil }

    // MARK: notes

    mutating func recordNote(_ note: Int, text: String, noteLine: Int) {
        guard let m = markers.removeValue(forKey: note) else { return }
        truth.notes.append(
            .init(
                label: m.label,
                text: text,
                anchor: m.anchor,
                markerOffset: m.offset,
                markerLine: m.line,
                noteLine: noteLine,
                page: paged ? truth.page(ofLine: noteLine) ?? pageLabel : nil
            )
        )
    }

    /// Wraps plain text (no truth inside) at `width`, `prefix` glued before the first word;
    /// returns the first line's index.
    @discardableResult
    mutating func wrapPlain(_ s: String, width: Int, prefix: String = "", viaBody: Bool = false) -> Int {
        var first: Int?
        var cur = ""
        var curLen = 0
        for w in (prefix + s).split(separator: " ") {
            let n = w.count
            if curLen > 0 && curLen + 1 + n > width {
                let at = viaBody ? bodyLine(cur) : raw(cur)
                if first == nil { first = at.line }
                cur = ""
                curLen = 0
            }
            if curLen > 0 {
                cur += " "
                curLen += 1
            }
            cur += w
            curLen += n
        }
        if !cur.isEmpty {
            let at = viaBody ? bodyLine(cur) : raw(cur)
            if first == nil { first = at.line }
        }
        return first ?? line
    }

    // MARK: prose

    private struct Piece {
        var text: String
        var token: ProseToken?
        var hyphenation: GroundTruth.Hyphenation?
    }

    /// Sets a paragraph of prose as body lines at `width` (Int.max: one line). Returns its first and last line.
    @discardableResult
    mutating func paragraph(_ tokens: [ProseToken], width: Int) -> GroundTruth.LineRange {
        var pieces: [Piece] = []
        var len = 0
        var first = -1
        var last = -1
        func flush(_ s: inout PageSetter) {
            let r = s.setLine(pieces)
            if first < 0 { first = r }
            last = r
            pieces.removeAll(keepingCapacity: true)
            len = 0
        }
        for t in tokens {
            let lost = t.lostHyphen.map {
                GroundTruth.Hyphenation(kind: .lost, line: -1, printed: $0.replacingOccurrences(of: "-", with: ""), word: $0)
            }
            let n = t.text.count
            if len > 0 && len + 1 + n > width {
                let room = width - len - 2
                if t.splittable && room >= 3 && n - room >= 3 && rng.chance(hyphenationRate) {
                    let cut = min(room, n - 3)
                    let head = String(t.text.prefix(cut))
                    let rest = String(t.text.dropFirst(cut))
                    pieces.append(
                        Piece(
                            text: head + "-",
                            token: nil,
                            hyphenation: .init(kind: .soft, line: -1, printed: head + "-", word: t.text)
                        )
                    )
                    flush(&self)
                    pieces.append(Piece(text: rest, token: nil))
                    len = rest.count
                    continue
                }
                if t.compound, let dash = t.text.firstIndex(of: "-"), t.text.distance(from: t.text.startIndex, to: dash) + 1 <= room + 1,
                    rng.chance(hyphenationRate)
                {
                    let head = String(t.text[...dash])
                    let rest = String(t.text[t.text.index(after: dash)...])
                    pieces.append(Piece(text: head, token: nil, hyphenation: .init(kind: .compound, line: -1, printed: head, word: t.text)))
                    flush(&self)
                    pieces.append(Piece(text: rest, token: nil))
                    len = rest.count
                    continue
                }
                flush(&self)
            }
            pieces.append(Piece(text: t.text, token: t, hyphenation: lost))
            len += (len > 0 ? 1 : 0) + n
        }
        if !pieces.isEmpty { flush(&self) }
        return .init(firstLine: first, lastLine: last)
    }

    /// Writes one line of pieces and records the truth they carry; returns the line index.
    private mutating func setLine(_ pieces: [Piece]) -> Int {
        let s = pieces.map(\.text).joined(separator: " ")
        let at = bodyLine(s)
        var offset = at.offset
        for p in pieces {
            if var h = p.hyphenation {
                h.line = at.line
                truth.hyphenations.append(h)
            }
            if let t = p.token {
                if let e = t.sentenceEnd {
                    truth.sentences.append(.init(offset: offset + e, line: at.line, tail: t.sentenceTail, page: currentPage))
                }
                for c in t.citations {
                    let raw = String(decoding: Array(t.text.utf8)[c.start..<c.end], as: UTF8.self)
                    truth.citations.append(
                        .init(
                            start: offset + c.start,
                            end: offset + c.end,
                            line: at.line,
                            raw: raw,
                            authors: c.authors,
                            year: c.year,
                            pages: c.pages,
                            ibid: c.ibid
                        )
                    )
                }
                if let m = t.marker {
                    markers[m.note] = (m.label, m.anchor, offset + m.offset, at.line)
                    if footnotes, m.note < footnoteSource.count {
                        footnoteQueue.append((footnoteSource[m.note].label, footnoteSource[m.note].text, m.note))
                    }
                }
            }
            offset += p.text.utf8.count + 1
        }
        return at.line
    }

    /// Notes print at the foot of the page their marker is on (articles); their texts, by note index.
    var footnotes = false
    var footnoteSource: [(label: String, text: String)] = []

    /// Headings: each printed line a body line; records the heading.
    mutating func heading(_ lines: [String], kind: SectionKind, level: Int, label: String? = nil) {
        // A heading is never split by a page break (it moves to the next page with the text under it).
        let count = lines.count + (label == nil ? 0 : 1)
        if paged && pageOpen && bodyLinesOnPage > 0 && bodyLinesOnPage + count + 1 > linesPerPage {
            endPage()
            startPage(opening: false)
        }
        var firstLine = -1
        if let label { firstLine = bodyLine(label).line }
        for l in lines {
            let at = bodyLine(l)
            if firstLine < 0 { firstLine = at.line }
        }
        truth.headings.append(
            .init(
                title: lines.joined(separator: " "),
                kind: kind,
                level: level,
                line: firstLine,
                lineCount: lines.count + (label == nil ? 0 : 1),
                label: label
            )
        )
    }

    mutating func finish() -> (text: String, truth: GroundTruth) {
        if pageOpen { endPage() }
        truth.bytes = bytes
        truth.lines = line
        return (text, truth)
    }
}
