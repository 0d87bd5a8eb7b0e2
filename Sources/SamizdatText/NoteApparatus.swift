/// The notes of a text taken out of its body: page-foot notes, endnote sections (one group per
/// chapter when the numbering restarts), and bracketed notes collected after a blog post.
/// Marks the lines it takes as `.note`; markers are matched later, while the clean text is built.
struct NoteApparatus: Sendable {
    enum Kind: Sendable { case footnotes, endnotes, bracketed }
    struct Entry: Sendable {
        var label: String
        var text: String
        var firstLine: Int
        var group: Int
    }
    struct Group: Sendable {
        var kind: Kind
        /// "CHAPTER 3" above an endnote group: the chapter whose markers it holds.
        var chapter: Int?
        var entries: [Int] = []
        var firstLine: Int
        var lastLine: Int
        /// A "Notes" heading line above the group, if any.
        var titleLine: Int?
    }
    enum LabelForm { case bare, dotted, bracketed, spaced, symbol }

    var entries: [Entry] = []
    var groups: [Group] = []
    /// Lines where a page begins after a block of page-foot notes.
    var pageStarts: [Int] = []
    /// For notes the markup names (`LaidOutLine.NoteStart`): each note's entry by its key.
    var entryOfKey: [String: Int] = [:]

    init(lines: [SourceLine], bytes b: [UInt8], roles: inout [LineRole]) {
        let n = lines.count
        func next(_ i: Int) -> Int? { NoteApparatus.next(i, roles) }

        // 1. Endnote sections: a "Notes" heading or a "CHAPTER N" line followed by "1." / "[1]".
        var i = 0
        while i < n {
            guard roles[i] == .body else {
                i += 1
                continue
            }
            let notesHeading = NoteApparatus.isNotesHeading(b, lines[i])
            let chapter = Headings.chapterNumber(b, lines[i])
            guard notesHeading || chapter != nil, let j = next(i) else {
                i += 1
                continue
            }
            var startsGroup = false
            if let e = NoteApparatus.label(b, lines[j]), e.value == 1, e.form == .dotted || e.form == .bracketed { startsGroup = true }
            if notesHeading, !startsGroup, Headings.chapterNumber(b, lines[j]) != nil, let k = next(j),
                let e = NoteApparatus.label(b, lines[k]), e.value == 1, e.form == .dotted || e.form == .bracketed
            {
                startsGroup = true
            }
            guard startsGroup else {
                i += 1
                continue
            }
            i = parseEndnotes(from: i, lines: lines, bytes: b, roles: &roles)
        }

        // 2. Bracketed notes after a post: "[1] …" lines once "[1]" has been seen in the body.
        var lastGroupEnd = -1
        i = 0
        while i < n {
            guard roles[i] == .body, let e = NoteApparatus.label(b, lines[i]), e.form == .bracketed, e.value == 1,
                NoteApparatus.bracketMarkerSeen(1, from: lastGroupEnd + 1, to: i, lines: lines, bytes: b, roles: roles)
            else {
                i += 1
                continue
            }
            i = parseBracketed(from: i, lines: lines, bytes: b, roles: &roles)
            lastGroupEnd = i - 1
        }

        // 3. Page-foot notes: a label line (bare "3", or "3 Text") whose marker appeared just before.
        var expected = 1
        var footGroup: Int? = nil
        i = 0
        while i < n {
            guard roles[i] == .body, let e = NoteApparatus.label(b, lines[i]),
                e.form == .bare || e.form == .spaced || e.form == .symbol
            else {
                i += 1
                continue
            }
            let fits: Bool
            if e.form == .symbol {
                fits = i > 0 && (roles[i - 1] == .blank || roles[i - 1] == .note)
            } else if e.value >= expected && e.value <= expected + 2 {
                fits =
                    PageLayout.markerPrecedes(value: e.value, line: i, lines: lines, bytes: b)
                    && (e.form == .bare || i == 0 || roles[i - 1] != .body || NoteApparatus.endsSentence(b, lines[i - 1]))
            } else if e.value == 1, expected > 1 {
                fits = PageLayout.markerPrecedes(value: 1, line: i, lines: lines, bytes: b)
                if fits { footGroup = nil }
            } else {
                fits = false
            }
            guard fits else {
                i += 1
                continue
            }
            if footGroup == nil {
                groups.append(Group(kind: .footnotes, chapter: nil, firstLine: i, lastLine: i))
                footGroup = groups.count - 1
            }
            let (end, last) = parseFootBlock(from: i, group: footGroup!, lines: lines, bytes: b, roles: &roles)
            expected = last + 1
            groups[footGroup!].lastLine = end - 1
            if end < n { pageStarts.append(end) }
            footBlocks.append((i, end, entries.count - 1))
            i = end
        }
        let blocks = footBlocks
        joinContinuedFootnotes(lines: lines, bytes: b, roles: &roles, blocks: blocks)
    }

    /// Page-foot note blocks found: first line, the line after, the block's last entry.
    private var footBlocks: [(first: Int, end: Int, last: Int)] = []

    /// A footnote broken off mid-sentence at a page foot goes on at the foot of the next page, above
    /// that page's own notes (or above its foot artifacts): the unlabelled lines set off by a blank
    /// line just before the next page's first note label or first print artifact.
    private mutating func joinContinuedFootnotes(
        lines: [SourceLine],
        bytes b: [UInt8],
        roles: inout [LineRole],
        blocks: [(first: Int, end: Int, last: Int)]
    ) {
        let n = lines.count
        for (k, block) in blocks.enumerated() {
            let entry = entries[block.last]
            // broken off mid-sentence: it ends in a word or a comma, not a stop or a page number
            guard let lastChar = entry.text.unicodeScalars.last, lastChar.properties.isAlphabetic || ",;-".unicodeScalars.contains(lastChar)
            else { continue }
            // where the next page's foot begins: its first note label, or the first artifact after the body resumes
            var stop = k + 1 < blocks.count ? blocks[k + 1].first : n
            var a = block.end
            while a < stop, roles[a] == .artifact || roles[a] == .blank { a += 1 }  // the next page's head
            let bodyStart = a
            while a < stop, roles[a] != .artifact { a += 1 }
            stop = min(stop, a)
            guard stop < n, stop - block.end < 160 else { continue }
            var last = stop - 1
            while last > bodyStart, roles[last] == .blank { last -= 1 }
            var first = last
            while first - 1 > bodyStart, roles[first - 1] == .body { first -= 1 }
            guard roles[last] == .body, first - 1 > bodyStart, roles[first - 1] == .blank, last - first < 6 else { continue }
            guard NoteApparatus.label(b, lines[first]) == nil, lines[first].indent != 1 else { continue }
            var text = entry.text
            for line in first...last {
                text = NoteApparatus.join(text, TextBytes.string(b, lines[line].contentStart, lines[line].contentEnd))
                roles[line] = .note
            }
            entries[block.last].text = text
            groups[entry.group].lastLine = max(groups[entry.group].lastLine, last)
        }
    }

    // MARK: - Blocks

    private mutating func parseEndnotes(
        from start: Int,
        lines: [SourceLine],
        bytes b: [UInt8],
        roles: inout [LineRole]
    ) -> Int {
        func next(_ i: Int) -> Int? { NoteApparatus.next(i, roles) }
        func blankBetween(_ i: Int, _ j: Int) -> Bool { NoteApparatus.blankBetween(i, j, roles) }
        var titleLine: Int? = nil
        var current: Int? = nil  // group index
        var entry: Int? = nil
        var expected = 1
        var i: Int? = start
        var prev = start - 1
        var lastTaken = start
        while let k = i {
            let l = lines[k]
            if NoteApparatus.isNotesHeading(b, l), entry == nil || blankBetween(prev, k) {
                if titleLine == nil { titleLine = k }
                roles[k] = .note
                lastTaken = k
                prev = k
                i = next(k)
                continue
            }
            if let ch = Headings.chapterNumber(b, l), let j = next(k), let e = NoteApparatus.label(b, lines[j]),
                e.value == 1, e.form == .dotted || e.form == .bracketed
            {
                groups.append(Group(kind: .endnotes, chapter: ch, firstLine: k, lastLine: k, titleLine: titleLine))
                current = groups.count - 1
                expected = 1
                entry = nil
                roles[k] = .note
                lastTaken = k
                prev = k
                i = j
                continue
            }
            if let e = NoteApparatus.label(b, l), e.form == .dotted || e.form == .bracketed,
                e.value == expected || (entry != nil && e.value == expected + 1)
                    || (entry != nil && e.value > expected && e.value <= expected + 6 && k > 0 && NoteApparatus.endsSentence(b, lines[prev]))
            {
                if current == nil {
                    groups.append(Group(kind: .endnotes, chapter: nil, firstLine: k, lastLine: k, titleLine: titleLine))
                    current = groups.count - 1
                }
                entries.append(Entry(label: String(e.value), text: TextBytes.string(b, e.textStart, l.contentEnd), firstLine: k, group: current!))
                entry = entries.count - 1
                groups[current!].entries.append(entry!)
                expected = e.value + 1
                roles[k] = .note
                lastTaken = k
                prev = k
                i = next(k)
                continue
            }
            // Anything else continues the open note, unless a real blank line or a new heading ends the section.
            guard let open = entry, !blankBetween(prev, k), !Headings.isBackMatterTitle(b, l), Headings.chapterNumber(b, l) == nil else { break }
            entries[open].text = NoteApparatus.join(entries[open].text, TextBytes.string(b, l.contentStart, l.contentEnd))
            roles[k] = .note
            lastTaken = k
            prev = k
            i = next(k)
        }
        if let g = current { groups[g].lastLine = lastTaken }
        return lastTaken + 1
    }

    private mutating func parseBracketed(from start: Int, lines: [SourceLine], bytes b: [UInt8], roles: inout [LineRole]) -> Int {
        func next(_ i: Int) -> Int? { NoteApparatus.next(i, roles) }
        groups.append(Group(kind: .bracketed, chapter: nil, firstLine: start, lastLine: start))
        let g = groups.count - 1
        var expected = 1
        var entry: Int? = nil
        var i: Int? = start
        var prev = start - 1
        var lastTaken = start
        while let k = i {
            let l = lines[k]
            if let e = NoteApparatus.label(b, l), e.form == .bracketed, e.value == expected || e.value == expected + 1 {
                entries.append(Entry(label: String(e.value), text: TextBytes.string(b, e.textStart, l.contentEnd), firstLine: k, group: g))
                entry = entries.count - 1
                groups[g].entries.append(entry!)
                expected = e.value + 1
                roles[k] = .note
                lastTaken = k
                prev = k
                i = next(k)
                continue
            }
            guard let open = entry else { break }
            var continues = k == prev + 1
            if !continues {
                // after a blank line: a stray line belongs to the note if the next note follows close behind
                var m = next(k)
                for _ in 0..<2 {
                    guard let mm = m else { break }
                    if let e = NoteApparatus.label(b, lines[mm]), e.form == .bracketed, e.value == expected {
                        continues = true
                        break
                    }
                    m = next(mm)
                }
            }
            guard continues else { break }
            entries[open].text = NoteApparatus.join(entries[open].text, TextBytes.string(b, l.contentStart, l.contentEnd))
            roles[k] = .note
            lastTaken = k
            prev = k
            i = next(k)
        }
        groups[g].lastLine = lastTaken
        return lastTaken + 1
    }

    /// Returns the line after the block and the last label value taken.
    private mutating func parseFootBlock(from start: Int, group g: Int, lines: [SourceLine], bytes b: [UInt8], roles: inout [LineRole]) -> (Int, Int)
    {
        let n = lines.count
        var k = start
        var lastValue = 0
        var entry: Int? = nil
        var hasText = false
        while k < n {
            let l = lines[k]
            if roles[k] == .artifact { break }
            if roles[k] == .blank {
                var m = k + 1
                while m < n, roles[m] == .blank { m += 1 }
                guard m < n, roles[m] == .body else { break }
                if let e = NoteApparatus.label(b, lines[m]), e.form == .bare || e.form == .spaced || e.form == .symbol,
                    e.value == lastValue + 1 || e.value == lastValue + 2 || e.form == .symbol
                {
                    k = m
                    continue
                }
                if !hasText, lines[m].indent != 1 {
                    k = m
                    continue
                }
                break
            }
            if let e = NoteApparatus.label(b, l), e.form == .bare || e.form == .spaced || e.form == .symbol,
                entry == nil || e.value == lastValue + 1 || e.value == lastValue + 2 || (e.form == .symbol && lastValue == 0)
            {
                let label = e.form == .symbol ? TextBytes.string(b, l.contentStart, e.textStart).trimmingSpaces() : String(e.value)
                let text = e.textStart < l.contentEnd ? TextBytes.string(b, e.textStart, l.contentEnd) : ""
                entries.append(Entry(label: label, text: text, firstLine: k, group: g))
                entry = entries.count - 1
                groups[g].entries.append(entry!)
                if e.form != .symbol { lastValue = e.value }
                hasText = !text.isEmpty
                roles[k] = .note
                k += 1
                continue
            }
            if l.indent == 1 { break }  // a page begins: the body resumes
            guard let open = entry else { break }
            entries[open].text = NoteApparatus.join(entries[open].text, TextBytes.string(b, l.contentStart, l.contentEnd))
            hasText = true
            roles[k] = .note
            k += 1
        }
        var end = k
        while end < n, roles[end] == .blank { end += 1 }
        return (max(end, start + 1), lastValue)
    }

    static func next(_ i: Int, _ roles: [LineRole]) -> Int? {
        var k = i + 1
        while k < roles.count, roles[k] != .body { k += 1 }
        return k < roles.count ? k : nil
    }

    /// A blank line (not one next to an artifact) between i and j.
    static func blankBetween(_ i: Int, _ j: Int, _ roles: [LineRole]) -> Bool {
        guard j > i + 1 else { return false }
        var sawBlank = false
        for k in (i + 1)..<j {
            if roles[k] == .artifact { return false }
            if roles[k] == .blank { sawBlank = true }
        }
        return sawBlank
    }

    // MARK: - Shapes

    struct Label {
        var value: Int
        var form: LabelForm
        var textStart: Int
    }

    /// A note label at the start of a line: "3", "3. Text", "[3] Text", "3 Text", "* Text".
    static func label(_ b: [UInt8], _ l: SourceLine) -> Label? {
        let s = l.contentStart
        let e = l.contentEnd
        guard e > s else { return nil }
        let c = b[s]
        if c == UInt8(ascii: "[") {
            var j = s + 1
            while j < e, TextBytes.isDigit(b[j]) { j += 1 }
            guard j > s + 1, j < e, b[j] == UInt8(ascii: "]"), let v = TextBytes.integer(b, s + 1, j) else { return nil }
            var t = j + 1
            while t < e, b[t] == TextBytes.space { t += 1 }
            return Label(value: v, form: .bracketed, textStart: t)
        }
        if c == UInt8(ascii: "*") || (c == 0xE2 && e - s >= 3 && b[s + 1] == 0x80 && (b[s + 2] == 0xA0 || b[s + 2] == 0xA1)) {
            let len = c == UInt8(ascii: "*") ? 1 : 3
            guard s + len < e, b[s + len] == TextBytes.space else { return nil }
            return Label(value: 0, form: .symbol, textStart: s + len + 1)
        }
        guard TextBytes.isDigit(c) else { return nil }
        var j = s
        while j < e, TextBytes.isDigit(b[j]) { j += 1 }
        guard j - s <= 3, let v = TextBytes.integer(b, s, j), v >= 1 else { return nil }
        if j == e { return Label(value: v, form: .bare, textStart: e) }
        if b[j] == UInt8(ascii: "."), j + 1 < e, b[j + 1] == TextBytes.space {
            var t = j + 1
            while t < e, b[t] == TextBytes.space { t += 1 }
            return Label(value: v, form: .dotted, textStart: t)
        }
        if b[j] == TextBytes.space, j + 1 < e {
            let (v2, _) = TextBytes.scalar(b, j + 1)
            if TextBytes.isUpper(v2) || TextBytes.isOpeningQuote(v2) { return Label(value: v, form: .spaced, textStart: j + 1) }
        }
        return nil
    }

    static func isNotesHeading(_ b: [UInt8], _ l: SourceLine) -> Bool {
        guard l.width <= 40, l.width >= 5 else { return false }
        let f = b[l.contentStart] | 0x20
        guard f == UInt8(ascii: "n") || f == UInt8(ascii: "e") || f == UInt8(ascii: "f") || f == UInt8(ascii: "r") else { return false }
        let t = TextBytes.string(b, l.contentStart, l.contentEnd).lowercased()
        return t == "notes" || t == "endnotes" || t == "end notes" || t == "footnotes" || t.hasPrefix("notes to chapter")
            || t == "notes:" || t == "references and notes"
    }

    static func endsSentence(_ b: [UInt8], _ l: SourceLine) -> Bool {
        guard l.contentEnd > l.contentStart else { return true }
        let (v, _) = TextBytes.scalar(b, endingAt: l.contentEnd)
        return v == 0x2E || v == 0x3F || v == 0x21 || v == 0x29 || v == TextBytes.rightDouble || v == TextBytes.rightSingle || v == 0x22
            || TextBytes.isDigit(UInt8(truncatingIfNeeded: v))
    }

    static func bracketMarkerSeen(_ value: Int, from: Int, to: Int, lines: [SourceLine], bytes b: [UInt8], roles: [LineRole]) -> Bool {
        let needle = Array("[\(value)]".utf8)
        var k = max(0, from)
        while k < to {
            if roles[k] == .body {
                let l = lines[k]
                var i = l.contentStart + 1
                while i + needle.count <= l.contentEnd {
                    if b[i] == needle[0], b[i + 1] == needle[1], Array(b[i..<(i + needle.count)]) == needle { return true }
                    i += 1
                }
            }
            k += 1
        }
        return false
    }

    static func join(_ a: String, _ line: String) -> String {
        if a.isEmpty { return line }
        if a.hasSuffix("-"), let f = line.unicodeScalars.first, f.properties.isLowercase {
            return String(a.dropLast()) + line
        }
        return a + " " + line
    }
}
