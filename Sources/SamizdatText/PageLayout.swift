import SamizdatModel

/// What a line of the input is, once segmentation has looked at it.
enum LineRole: UInt8, Sendable {
    case body, blank, artifact, note, heading
}

/// Print artifacts (printer slugs, page numbers, running heads) and the page breaks they reveal.
///
/// Everything is found by shape, position and repetition: a slug is a file-name token followed by a
/// page label, or a date/time line; page numbers are bare labels at a page edge that keep increasing;
/// running heads are short lines that recur at page edges.
struct PageLayout: Sendable {
    enum Side: Sendable { case ending, starting }
    struct Anchor: Sendable {
        var line: Int
        var label: PageLabel
        var side: Side
    }

    var roles: [LineRole]
    var artifacts: [Artifact]
    var anchors: [Anchor] = []
    /// Lines where a new page begins because of an artifact zone.
    var breaks: [Int] = []
    /// Lines that start with exactly one space: where PDF extraction marks a new page (or block).
    var leadingSpaceLines: [Int] = []

    init(lines: [SourceLine], bytes b: [UInt8]) {
        let n = lines.count
        roles = lines.map { $0.isBlank ? .blank : .body }
        artifacts = []
        var kinds = [ArtifactKind?](repeating: nil, count: n)
        var labelOf = [PageLabel?](repeating: nil, count: n)
        var slugLabel = [PageLabel?](repeating: nil, count: n)
        var isDateTime = [Bool](repeating: false, count: n)
        for i in 0..<n where !lines[i].isBlank {
            let l = lines[i]
            if l.width <= 8 { labelOf[i] = PageLabel.parse(b, l.contentStart, l.contentEnd) }
            if l.width <= 60 {
                if PageLayout.isDateTime(b, l.contentStart, l.contentEnd) {
                    isDateTime[i] = true
                } else if let s = PageLayout.slug(b, l.contentStart, l.contentEnd) {
                    slugLabel[i] = s
                }
            }
            if l.indent == 1 { leadingSpaceLines.append(i) }
        }
        func nextNonBlank(_ i: Int) -> Int? {
            var k = i + 1
            while k < n, lines[k].isBlank { k += 1 }
            return k < n ? k : nil
        }
        func prevNonBlank(_ i: Int) -> Int? {
            var k = i - 1
            while k >= 0, lines[k].isBlank { k -= 1 }
            return k >= 0 ? k : nil
        }
        func blankAfter(_ i: Int) -> Bool { i + 1 >= n || lines[i + 1].isBlank }
        func blankBefore(_ i: Int) -> Bool { i == 0 || lines[i - 1].isBlank }
        func headLike(_ i: Int) -> Bool {
            let l = lines[i]
            guard l.width >= 2, l.width <= 70 else { return false }
            let last = b[l.contentEnd - 1]
            if last == UInt8(ascii: ".") || last == UInt8(ascii: ",") || last == UInt8(ascii: ";") || last == UInt8(ascii: "-") { return false }
            if Headings.isChapterLine(b, l) { return false }
            var letters = 0
            for k in l.contentStart..<l.contentEnd where TextBytes.isLetterASCII(b[k]) || b[k] >= 0xC0 { letters += 1 }
            return letters >= 2
        }

        var breakSet = Set<Int>()
        // 1. Slug zones: slug and date lines, with the page numbers and heads around them.
        var i = 0
        while i < n {
            guard slugLabel[i] != nil || isDateTime[i] else {
                i += 1
                continue
            }
            var first = i
            var last = i
            var k = i
            while let nx = nextNonBlank(k), nx - last <= 2, slugLabel[nx] != nil || isDateTime[nx] {
                last = nx
                k = nx
            }
            for z in first...last where !lines[z].isBlank {
                kinds[z] = slugLabel[z] != nil ? .printerSlug : (isDateTime[z] ? .printerSlug : kinds[z])
                if let s = slugLabel[z] { anchors.append(Anchor(line: z, label: s, side: .ending)) }
            }
            // forward: page number and running head of the new page
            var cursor = last
            var taken = 0
            while taken < 2, let nx = nextNonBlank(cursor), nx - cursor <= 2 {
                if let lab = labelOf[nx], blankAfter(nx) || lines[min(nx + 1, n - 1)].indent == 1 {
                    kinds[nx] = .pageNumber
                    anchors.append(Anchor(line: nx, label: lab, side: .starting))
                } else if headLike(nx), blankAfter(nx) {
                    kinds[nx] = .runningHead
                } else {
                    break
                }
                cursor = nx
                taken += 1
            }
            // backward: a page number printed at the foot of the ending page
            if let pv = prevNonBlank(first), first - pv <= 2, let lab = labelOf[pv] {
                kinds[pv] = .pageNumber
                anchors.append(Anchor(line: pv, label: lab, side: .ending))
                first = pv
            }
            breakSet.insert(last + 1)
            i = cursor + 1
        }

        // The page model: where this document's numbers sit and how they run, from all page starts.
        var taken: [Int: PageLabel?] = [:]
        for z in 0..<n where kinds[z] != nil { taken[z] = .some(nil) }
        for a in anchors { taken[a.line] = a.label }
        // a slug zone's end and the form feed's space a line or two below it are one page start
        let marked = Set(leadingSpaceLines)
        let zoneEnds = breakSet.filter { end in !(0...3).contains { marked.contains(end + $0) } }
        let model = PageModel(lines: lines, bytes: b, starts: leadingSpaceLines + zoneEnds, taken: taken)
        if model.isDecided {
            for number in model.numbers {
                kinds[number.line] = number.place == .headRow ? .runningHead : .pageNumber
                anchors.append(Anchor(line: number.line, label: number.label, side: number.place == .foot ? .ending : .starting))
            }
            breakSet.formUnion(model.pageStarts.filter { $0 > 0 })
        }

        // 2. Bare page numbers outside slug zones: a label alone on a line at a page edge (a blank
        // line or a page-start space beside it), kept only while the numbers keep increasing and,
        // when the page model holds, only where they fit its sequence.
        var zoneAnchorAt: [Int: PageLabel] = [:]
        for a in anchors { zoneAnchorAt[a.line] = a.label }
        var accepted: [Int: (label: PageLabel, side: Side?)] = [:]
        var lastAccepted: [Bool: (value: Int, line: Int)] = [:]
        var deferred: [Int] = []
        for i in 0..<n {
            if let z = zoneAnchorAt[i] {
                lastAccepted[z.roman] = (max(lastAccepted[z.roman]?.value ?? 0, z.value), i)
                continue
            }
            guard kinds[i] == nil, let lab = labelOf[i] else { continue }
            if model.isDecided, !model.fits(lab, line: i) { continue }
            let nextIsPageStart = i + 1 < n && lines[i + 1].indent == 1 && !lines[i + 1].isBlank
            guard nextIsPageStart || blankBefore(i) || blankAfter(i) else {
                deferred.append(i)
                continue
            }
            if let last = lastAccepted[lab.roman] {
                if lab.value <= last.value { continue }
                if lab.value > last.value + 300 { continue }
            }
            // under a running head ("HEAD", blank, "12") it is a page number whatever markers came before
            let underHead =
                blankBefore(i)
                && prevNonBlank(i).map {
                    i - $0 == 2 && kinds[$0] == nil && lines[$0].indent != 1 && lines[$0].width <= 50 && headLike($0)
                        && !NoteApparatus.endsSentence(b, lines[$0]) && ($0 == 0 || !lines[$0 - 1].isBlank)
                } ?? false
            if !nextIsPageStart, !underHead, PageLayout.markerPrecedes(value: lab.value, line: i, lines: lines, bytes: b) { continue }
            if !nextIsPageStart, let nx = nextNonBlank(i), PageLayout.startsWithLabel(b, lines[nx], lab.value) { continue }
            var side: Side? = nil
            if nextIsPageStart {
                side = .ending
            } else if !blankBefore(i) && blankAfter(i) {
                side = .starting
            } else if blankBefore(i) && !blankAfter(i) {
                side = .ending
            }
            accepted[i] = (lab, side)
            kinds[i] = .pageNumber
            lastAccepted[lab.roman] = (lab.value, i)
        }
        // Heads printed above a page number at the top of a page: "HEAD", blank, "12", blank.
        for (line, entry) in accepted where entry.side != .ending {
            guard let pv = prevNonBlank(line), line - pv == 2, kinds[pv] == nil, lines[pv].indent != 1, headLike(pv) else { continue }
            if let pp = prevNonBlank(pv), pv - pp == 2, kinds[pp] == nil, !headLike(pp) {
                // "text, blank, HEAD, blank, 12": a heading set off by blanks, not a running head
                if NoteApparatus.endsSentence(b, lines[pp]) == false { continue }
            }
            kinds[pv] = .runningHead
            accepted[line]!.side = .starting
        }
        // Footer numbers followed at once by the next page's head or number.
        for i in deferred where kinds[i] == nil {
            guard let lab = labelOf[i], i + 1 < n, kinds[i + 1] == .runningHead || kinds[i + 1] == .pageNumber || kinds[i + 1] == .printerSlug
            else { continue }
            if model.isDecided, !model.fits(lab, line: i) { continue }
            let before = accepted.filter { $0.key < i && $0.value.label.roman == lab.roman }.max { $0.key < $1.key }
            let after = accepted.filter { $0.key > i && $0.value.label.roman == lab.roman }.min { $0.key < $1.key }
            let fits =
                (before.map { $0.value.label.value + 1 == lab.value } ?? false) || (after.map { $0.value.label.value - 1 == lab.value } ?? false)
            guard fits else { continue }
            accepted[i] = (lab, .ending)
            kinds[i] = .pageNumber
        }
        // Header or footer, where position did not tell: footers when the first such number comes after body text.
        var firstBody = n
        for i in 0..<n where !lines[i].isBlank && kinds[i] == nil && labelOf[i] == nil {
            firstBody = i
            break
        }
        let firstUnsided = accepted.filter { $0.value.side == nil }.map(\.key).min()
        let headerStyle = firstUnsided.map { $0 < firstBody } ?? false
        for (line, entry) in accepted {
            let side: Side = entry.side ?? (headerStyle ? .starting : .ending)
            anchors.append(Anchor(line: line, label: entry.label, side: side))
            if side == .ending {
                if let nx = nextNonBlank(line) { breakSet.insert(line + 1 <= nx ? line + 1 : nx) }
            } else {
                breakSet.insert(kinds[max(0, line - 2)] == .runningHead ? line - 2 : line)
            }
        }

        // 3. Running heads: short lines that recur next to page numbers, alone or on the number's own line.
        var headKeys: [String: [Int]] = [:]
        let numberLines = (0..<n).filter { kinds[$0] == .pageNumber || kinds[$0] == .printerSlug }
        // with a page model, only the line right beside the number: a heading under a chapter's
        // first line ("Chapter 2", the title) is not a head even when the head repeats its words
        let reach = model.isDecided ? 1 : 2
        for p in numberLines {
            var candidates: [Int] = []
            var k = p
            for _ in 0..<reach {
                guard let nx = nextNonBlank(k), nx - k <= 2 else { break }
                candidates.append(nx)
                k = nx
            }
            k = p
            for _ in 0..<reach {
                guard let pv = prevNonBlank(k), k - pv <= 2 else { break }
                candidates.append(pv)
                k = pv
            }
            for c in candidates where kinds[c] == nil && (lines[c].indent != 1 || model.isDecided) && headLike(c) && (blankAfter(c) || blankBefore(c))
            {
                headKeys[PageLayout.key(b, lines[c]), default: []].append(c)
            }
        }
        // With a page model: the first text line of a page, set off by a blank line, is a running head
        // when it recurs (never on the document's first page, which opens it), or when it stands
        // between heads: the page before starts with a head and the page after with a head too, or
        // with a new chapter (a chapter's only recto head).
        var firstText: [Int: Int] = [:]
        if model.isDecided {
            var opening = 0
            while opening < n, lines[opening].isBlank { opening += 1 }
            let firstPage = model.page(ofLine: opening)
            for s in model.pageStarts {
                var t = s
                while t < n, lines[t].isBlank || kinds[t] != nil { t += 1 }
                let page = model.page(ofLine: s)
                guard t < n, page != firstPage, model.page(ofLine: t) == page, headLike(t), blankAfter(t) else { continue }
                firstText[page] = t
                headKeys[PageLayout.key(b, lines[t]), default: []].append(t)
            }
        }
        for (_, ls) in headKeys where Set(ls).count >= 2 { for l in ls { kinds[l] = .runningHead } }
        for (page, t) in firstText where kinds[t] == nil {
            guard let before = firstText[page - 1], kinds[before] == .runningHead else { continue }
            if let after = firstText[page + 1], kinds[after] != .runningHead { continue }
            kinds[t] = .runningHead
        }
        var numberedHeads: [String: [(Int, PageLabel)]] = [:]
        for i in 0..<n where kinds[i] == nil && !lines[i].isBlank && lines[i].width <= 80 {
            if let (key, lab) = PageLayout.numberedHead(b, lines[i]) { numberedHeads[key, default: []].append((i, lab)) }
        }
        for (_, occ) in numberedHeads where occ.count >= 2 {
            var increasing = 0
            for k in 1..<occ.count where occ[k].1.value > occ[k - 1].1.value { increasing += 1 }
            guard increasing * 2 >= occ.count - 1 else { continue }
            for (line, lab) in occ where !model.isDecided || model.fits(lab, line: line) {
                kinds[line] = .runningHead
                anchors.append(Anchor(line: line, label: lab, side: .starting))
                breakSet.insert(line)
            }
        }

        for i in 0..<n {
            if let k = kinds[i] {
                roles[i] = .artifact
                artifacts.append(Artifact(kind: k, line: i, text: TextBytes.string(b, lines[i].contentStart, lines[i].contentEnd)))
            }
        }
        breaks = breakSet.sorted()
        anchors.sort { $0.line < $1.line }
    }

    static func key(_ b: [UInt8], _ l: SourceLine) -> String {
        TextBytes.string(b, l.contentStart, l.contentEnd).lowercased()
    }

    /// "THE BOOK TITLE 42" or "42 THE BOOK TITLE": a running head with its page number.
    static func numberedHead(_ b: [UInt8], _ l: SourceLine) -> (String, PageLabel)? {
        let s = l.contentStart
        let e = l.contentEnd
        guard e - s >= 6 else { return nil }
        var j = s
        while j < e, b[j] != TextBytes.space { j += 1 }
        if j < e, let lab = PageLabel.parse(b, s, j) {
            let rest = TextBytes.string(b, j, e).trimmingSpaces()
            if isHeadText(rest) { return (rest.lowercased(), lab) }
        }
        var k = e - 1
        while k > s, b[k] != TextBytes.space { k -= 1 }
        if k > s, let lab = PageLabel.parse(b, k + 1, e) {
            let rest = TextBytes.string(b, s, k).trimmingSpaces()
            if isHeadText(rest) { return (rest.lowercased(), lab) }
        }
        return nil
    }

    private static func isHeadText(_ s: String) -> Bool {
        guard s.count >= 3, s.count <= 70, let last = s.last, !".,;:".contains(last) else { return false }
        let lower = s.lowercased()
        for w in ["chapter", "part", "section", "book", "volume", "appendix", "figure", "table", "note"] where lower.hasPrefix(w) {
            return false
        }
        return s.contains { $0.isLetter }
    }

    /// True when a note marker with this number (digits glued to a word or punctuation) appears
    /// in the few lines before: the bare number is then a note label, not a page number.
    static func markerPrecedes(value: Int, line: Int, lines: [SourceLine], bytes b: [UInt8]) -> Bool {
        let digits = Array(String(value).utf8)
        var k = line - 1
        var seen = 0
        while k >= 0, seen < 120 {
            let l = lines[k]
            k -= 1
            if l.isBlank { continue }
            seen += 1
            var i = l.contentStart + 1
            while i + digits.count <= l.contentEnd {
                let p = b[i - 1]
                if b[i] == digits[0], !TextBytes.isDigit(p), p != TextBytes.space, p != UInt8(ascii: "("), p != UInt8(ascii: "-"),
                    p != UInt8(ascii: "/"), p != UInt8(ascii: ":"), p != 0x93, p != 0x94
                {
                    var ok = true
                    for d in 1..<digits.count where b[i + d] != digits[d] {
                        ok = false
                        break
                    }
                    let after = i + digits.count
                    // "12.62" is a decimal, not a marker; "1934.11" is a year and its marker
                    var decimal = false
                    if p == UInt8(ascii: ".") || p == UInt8(ascii: ",") {
                        var d = i - 1
                        while d > l.contentStart, TextBytes.isDigit(b[d - 1]) { d -= 1 }
                        decimal = d < i - 1 && (i - 1) - d < 4 && !(d > l.contentStart && b[d - 1] == UInt8(ascii: "."))
                    }
                    if ok, !decimal, after == l.contentEnd || !(TextBytes.isDigit(b[after]) || TextBytes.isLetterASCII(b[after])) {
                        return true
                    }
                }
                i += 1
            }
        }
        return false
    }

    static func startsWithLabel(_ b: [UInt8], _ l: SourceLine, _ value: Int) -> Bool {
        var j = l.contentStart
        while j < l.contentEnd, TextBytes.isDigit(b[j]) { j += 1 }
        return j > l.contentStart && TextBytes.integer(b, l.contentStart, j) == value + 1
    }

    /// "19/08/15 5:20 PM", "2015-08-19 17:20": every token a date, a time or AM/PM.
    static func isDateTime(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        guard e - s >= 4 else { return false }
        var i = s
        var sawDateOrTime = false
        while i < e {
            while i < e, b[i] == TextBytes.space { i += 1 }
            let t = i
            while i < e, b[i] != TextBytes.space { i += 1 }
            guard i > t else { break }
            var digits = 0
            var seps = 0
            var other = 0
            for k in t..<i {
                let c = b[k]
                if TextBytes.isDigit(c) {
                    digits += 1
                } else if c == UInt8(ascii: "/") || c == UInt8(ascii: ":") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") {
                    seps += 1
                } else {
                    other += 1
                }
            }
            if other == 0, digits >= 2, seps >= 1, TextBytes.isDigit(b[t]), TextBytes.isDigit(b[i - 1]) {
                sawDateOrTime = true
                continue
            }
            if i - t == 2, (b[t] | 0x20) == UInt8(ascii: "a") || (b[t] | 0x20) == UInt8(ascii: "p"), (b[t + 1] | 0x20) == UInt8(ascii: "m") {
                continue
            }
            return false
        }
        return sawDateOrTime
    }

    /// "book_file.indd 310": a file-name token, a page label, maybe a date and time after it.
    static func slug(_ b: [UInt8], _ s: Int, _ e: Int) -> PageLabel? {
        var t = s
        while t < e, b[t] != TextBytes.space { t += 1 }
        guard t < e else { return nil }
        var dot = -1
        var alnumBefore = 0
        for k in s..<t {
            let c = b[k]
            if c == UInt8(ascii: ".") { dot = k } else if c == UInt8(ascii: ",") || c == UInt8(ascii: "(") { return nil }
            if dot < 0, TextBytes.isLetterASCII(c) || TextBytes.isDigit(c) { alnumBefore += 1 }
        }
        guard dot > s, alnumBefore >= 3, t - dot - 1 >= 2, t - dot - 1 <= 5 else { return nil }
        for k in (dot + 1)..<t where !TextBytes.isLetterASCII(b[k]) { return nil }
        var u = t
        while u < e, b[u] == TextBytes.space { u += 1 }
        var v = u
        while v < e, b[v] != TextBytes.space { v += 1 }
        guard let lab = PageLabel.parse(b, u, v) else { return nil }
        if v < e, !isDateTime(b, v, e) { return nil }
        return lab
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
