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
    /// Where numbers, heads and notes go on a page; nil: the sample's layout, with the number at
    /// the head or the foot page by page (the layout `BookGenerator` and `ArticleGenerator` use).
    var style: PageStyle?
    /// Lines of a footnote that did not fit on its page and are printed at the next page's foot.
    private var footnoteCarry: [String] = []
    /// The truth note whose rest `footnoteCarry` holds.
    private var carriedNote: Int?

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
        let at = raw(leadingSpacePending && style != nil ? " " + s : s)
        if style != nil { leadingSpacePending = false }
        truth.artifacts.append(Artifact(kind: kind, line: at.line, text: s))
    }

    // MARK: pages

    /// Starts a page. An opening page (chapter, article start) has no running head and its number at its foot.
    mutating func startPage(opening: Bool) {
        guard paged else { return }
        pageOpen = true
        pageFirstLine = line
        bodyLinesOnPage = 0
        if let style {
            startStyledPage(style, opening: opening)
            return
        }
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

    /// A page of a `PageStyle`: the form feed pdftotext writes before the page's first line is a
    /// space there; an opening page (chapter, article start) has no running head and, unless the
    /// style says otherwise, its number at the foot.
    private mutating func startStyledPage(_ style: PageStyle, opening: Bool) {
        leadingSpacePending = true
        numberAtFoot = style.numberPlace == .foot || (opening && style.openingNumberAtFoot)
        let head = opening ? nil : runningHeads.map { pageNumber % 2 == 0 ? $0.verso : $0.recto }
        if numberAtFoot {
            if let head {
                artifact(head, .runningHead)
                raw("")
            }
            return
        }
        switch style.numberPlace {
        case .top:
            artifact(pageLabel, .pageNumber)
            raw("")
            if let head {
                artifact(head, .runningHead)
                raw("")
            }
        case .headRow:
            if let head {
                let numberFirst = style.outerEdge && pageNumber % 2 == 0
                artifact(numberFirst ? "\(pageLabel) \(head)" : "\(head) \(pageLabel)", .runningHead)
            } else {
                artifact(pageLabel, .pageNumber)
            }
            raw("")
        case .foot:
            break
        }
    }

    mutating func endPage() {
        guard paged, pageOpen else { return }
        if let style {
            printStyledFootnotes(style)
        } else if !footnoteQueue.isEmpty {
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
        if numberAtFoot {
            if style != nil { raw("") }
            artifact(pageLabel, .pageNumber)
        }
        if let slug, style?.slug ?? true, rng.chance(slugRate) {
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

    /// The notes of a styled page at its foot: first the rest of a note carried over from the page
    /// before, then this page's notes as "3 Text…" or as "3", a blank line and the text. With
    /// `continuedFootnotes`, the last note of a page may break off and go on at the next page's foot.
    private mutating func printStyledFootnotes(_ style: PageStyle) {
        guard !footnoteQueue.isEmpty || !footnoteCarry.isEmpty else { return }
        raw("")
        let carried = !footnoteCarry.isEmpty
        for (k, l) in footnoteCarry.enumerated() {
            let at = raw(l)
            if k == 0, let note = carriedNote { truth.notes[note].continuationLine = at.line }
        }
        footnoteCarry.removeAll()
        carriedNote = nil
        for (k, f) in footnoteQueue.enumerated() {
            let lines: [String]
            switch style.footnoteForm {
            case .numberText:
                lines = PageSetter.wrap(f.label + " " + f.text, width: width)
            case .bareLine:
                if k > 0 || carried { raw("") }
                raw(f.label)
                raw("")
                lines = PageSetter.wrap(f.text, width: width)
            }
            var printed = lines.count
            if style.continuedFootnotes, k == footnoteQueue.count - 1, lines.count >= 2, rng.chance(0.5) {
                printed = (lines.count + 1) / 2
                footnoteCarry = Array(lines[printed...])
            }
            let first = raw(lines[0]).line
            for l in lines[1..<printed] { raw(l) }
            recordNote(f.note, text: f.text, noteLine: first)
            if !footnoteCarry.isEmpty, truth.notes.last?.noteLine == first { carriedNote = truth.notes.count - 1 }
        }
        footnoteQueue.removeAll()
    }

    /// Words of `s` wrapped at `width`.
    static func wrap(_ s: String, width: Int) -> [String] {
        var out: [String] = []
        var cur = ""
        for w in s.split(separator: " ") {
            if !cur.isEmpty && cur.count + 1 + w.count > width {
                out.append(cur)
                cur = ""
            }
            cur += cur.isEmpty ? String(w) : " " + w
        }
        if !cur.isEmpty { out.append(cur) }
        return out
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
        var firstPage: String?
        // a word broken at the line end just set: its hyphenation's index and the page it was on
        var broken: (index: Int, page: String?)?
        func flush(_ s: inout PageSetter) {
            let r = s.setLine(pieces)
            if let open = broken {
                if s.currentPage != open.page { s.truth.hyphenations[open.index].acrossPages = true }
                broken = nil
            }
            if pieces.last?.hyphenation?.kind == .soft || pieces.last?.hyphenation?.kind == .compound {
                broken = (s.truth.hyphenations.count - 1, s.currentPage)
            }
            if first < 0 {
                first = r
                firstPage = s.currentPage
            }
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
        // the words as the clean text has them: note markers taken out
        let plain = tokens.map { token in token.marker.map { String(decoding: token.text.utf8.prefix($0.offset), as: UTF8.self) } ?? token.text }
        let opening = Scorer.words(plain.prefix(12).joined(separator: " ")).prefix(Scorer.paragraphWords)
        let lastPage = currentPage
        let record = GroundTruth.ParagraphTruth(
            firstLine: first,
            lastLine: last,
            page: firstPage,
            lastPage: lastPage == firstPage ? nil : lastPage,
            opening: opening.joined(separator: " "),
            closing: Scorer.tail(plain.suffix(8).joined(separator: " "))
        )
        truth.paragraphs?.append(record)
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
        if !footnoteCarry.isEmpty {
            // the rest of the last page's broken note goes on a page of its own
            startPage(opening: true)
            endPage()
        }
        truth.bytes = bytes
        truth.lines = line
        return (text, truth)
    }
}
