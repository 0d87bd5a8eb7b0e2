import SamizdatModel

/// Heading lines: `Chapter N` / `Part N` lines with the title lines under them, ALL-CAPS lines
/// (joined when a heading is broken over two lines), numbered sections, short title-like lines,
/// and the titles of posts when a file holds several posts.
struct Headings: Sendable {
    enum Rank: Int, Sendable, Comparable {
        case part = 0
        case chapter = 1
        case section = 2
        case subsection = 3
        static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
    }
    struct Heading: Sendable {
        var firstLine: Int
        var lastLine: Int
        var title: String
        var rank: Rank
        var kind: SectionKind
        /// The printed number of a `Chapter N` line.
        var number: Int?
    }

    var items: [Heading] = []
    /// One paragraph per line (blog posts, plain-text exports) rather than hard-wrapped lines.
    var paragraphPerLine = false

    init(lines: [SourceLine], bytes b: [UInt8], roles: inout [LineRole], notes: NoteApparatus) {
        let n = lines.count
        var bodyLines = 0
        var followedByBody = 0
        for i in 0..<n where roles[i] == .body {
            bodyLines += 1
            if i + 1 < n, roles[i + 1] == .body { followedByBody += 1 }
        }
        paragraphPerLine = bodyLines > 0 && followedByBody * 3 < bodyLines
        let multiPost = paragraphPerLine && notes.groups.filter({ $0.kind == .bracketed }).count >= 2
        let noteEnds = Set(notes.groups.map { $0.lastLine })

        func next(_ i: Int) -> Int? {
            var k = i + 1
            while k < n, roles[k] != .body { k += 1 }
            return k < n ? k : nil
        }
        func prev(_ i: Int) -> Int? {
            var k = i - 1
            while k >= 0, roles[k] != .body { k -= 1 }
            return k >= 0 ? k : nil
        }
        /// A blank line after (before) i that is not part of an artifact zone or a block of notes.
        func blankAfter(_ i: Int) -> Bool {
            var k = i + 1
            var sawBlank = false
            while k < n, roles[k] != .body && roles[k] != .heading {
                if roles[k] == .blank || roles[k] == .note { sawBlank = true } else { return false }
                k += 1
            }
            return sawBlank || k >= n
        }
        func blankBefore(_ i: Int) -> Bool {
            var k = i - 1
            var sawBlank = false
            while k >= 0, roles[k] != .body && roles[k] != .heading {
                if roles[k] == .blank || roles[k] == .note { sawBlank = true } else { return false }
                k -= 1
            }
            return sawBlank || k < 0
        }
        func blanksBefore(_ i: Int) -> Int {
            var k = i - 1
            var c = 0
            while k >= 0, roles[k] == .blank {
                c += 1
                k -= 1
            }
            return k < 0 ? 2 : c
        }
        var widths = [Int]()
        for i in 0..<n where roles[i] == .body && lines[i].width >= 20 { widths.append(lines[i].width) }
        widths.sort()
        let typical = widths.isEmpty ? 70 : widths[widths.count * 3 / 4]

        var i = 0
        var inContents = false
        var lastPostTitle = -10
        while i < n {
            guard roles[i] == .body else {
                i += 1
                continue
            }
            let l = lines[i]
            if inContents {
                if Headings.endsWithPageNumber(b, l) || l.width < 4 {
                    i += 1
                    continue
                }
                inContents = false
            }
            // Chapter / Part lines
            if let (rank, number, inlineTitle) = Headings.chapterLine(b, l) {
                var title = inlineTitle
                var last = i
                if title.isEmpty {
                    var k = i
                    var parts: [String] = []
                    while parts.count < 3, let nx = next(k), nx == k + 1 || (parts.isEmpty && nx <= k + 2 && roles[k + 1] == .blank && parts.isEmpty),
                        Headings.isCaps(b, lines[nx]) || (Headings.isTitleLike(b, lines[nx]) && parts.isEmpty && lines[nx].width < typical * 3 / 4)
                    {
                        parts.append(TextBytes.string(b, lines[nx].contentStart, lines[nx].contentEnd))
                        last = nx
                        k = nx
                        if !Headings.isCaps(b, lines[nx]) { break }
                    }
                    title = parts.joined(separator: " ")
                }
                if title.isEmpty { title = TextBytes.string(b, l.contentStart, l.contentEnd) }
                let kind: SectionKind = rank == .part ? .part : .chapter
                items.append(Heading(firstLine: i, lastLine: last, title: title, rank: rank, kind: kind, number: number))
                for k in i...last where roles[k] == .body { roles[k] = .heading }
                i = last + 1
                continue
            }
            // ALL-CAPS lines, joined while the next line is caps too
            if Headings.isCaps(b, l) {
                var last = i
                var parts = [TextBytes.string(b, l.contentStart, l.contentEnd)]
                // the second line of a heading may come after a page break
                func acrossBreak(_ a: Int, _ c: Int) -> Bool {
                    guard c > a + 1 else { return true }
                    var sawArtifact = false
                    for k in (a + 1)..<c { if roles[k] == .artifact { sawArtifact = true } else if roles[k] != .blank { return false } }
                    return sawArtifact
                }
                while parts.count < 3, let nx = next(last), acrossBreak(last, nx), Headings.isCaps(b, lines[nx]) {
                    parts.append(TextBytes.string(b, lines[nx].contentStart, lines[nx].contentEnd))
                    last = nx
                }
                let title = parts.joined(separator: " ")
                var rank: Rank = blankAfter(last) && next(last) != nil ? .chapter : .section
                var kind: SectionKind = rank == .chapter ? .chapter : .section
                if let m = Headings.matter(title) {
                    kind = m
                    rank = .chapter
                    if m == .frontMatter, title.lowercased().hasPrefix("contents") || title.lowercased().hasPrefix("table of contents") {
                        inContents = true
                    }
                }
                items.append(Heading(firstLine: i, lastLine: last, title: title, rank: rank, kind: kind, number: nil))
                for k in i...last { roles[k] = .heading }
                i = last + 1
                continue
            }
            // Numbered sections: "2.1 Title"
            if let depth = Headings.numberedSection(b, l), l.width < typical * 9 / 10,
                blankBefore(i) || (prev(i).map { NoteApparatus.endsSentence(b, lines[$0]) || lines[$0].width < typical * 3 / 4 } ?? true),
                let nx = next(i), lines[nx].width >= 30 || paragraphPerLine
            {
                let title = TextBytes.string(b, l.contentStart, l.contentEnd)
                items.append(Heading(firstLine: i, lastLine: i, title: title, rank: depth == 1 ? .section : .subsection, kind: .section, number: nil))
                roles[i] = .heading
                i += 1
                continue
            }
            // "Abstract:" and the like
            if l.width <= 40, b[l.contentEnd - 1] == UInt8(ascii: ":"), let m = Headings.matter(TextBytes.string(b, l.contentStart, l.contentEnd)),
                let nx = next(i), lines[nx].width >= typical / 2
            {
                items.append(
                    Heading(firstLine: i, lastLine: i, title: TextBytes.string(b, l.contentStart, l.contentEnd), rank: .chapter, kind: m, number: nil)
                )
                roles[i] = .heading
                i += 1
                continue
            }
            // Short title-like lines: title case, or a few words in sentence case over a full body line
            let maxWidth = paragraphPerLine ? 100 : typical * 3 / 4
            if l.width <= maxWidth, Headings.isTitleLike(b, l), paragraphPerLine || Headings.isTitleCase(b, l) || Headings.isShortHeading(b, l) {
                let prevOK: Bool = {
                    guard let p = prev(i) else { return true }
                    if roles[p] == .heading { return true }
                    if paragraphPerLine { return blankBefore(i) }
                    return blankBefore(i) || NoteApparatus.endsSentence(b, lines[p]) || lines[i].indent == 1
                }()
                let nextOK: Bool = {
                    guard let nx = next(i) else { return false }
                    if paragraphPerLine {
                        guard blankAfter(i) else { return false }
                        // a title is followed, within a caption or two, by a long paragraph
                        var k = nx
                        for _ in 0..<3 {
                            if lines[k].width >= max(120, l.width * 3) { return true }
                            guard let m = next(k) else { break }
                            k = m
                        }
                        return false
                    }
                    let (q, _) = TextBytes.scalar(b, lines[nx].contentStart)
                    if blankAfter(i) && TextBytes.isOpeningQuote(q) { return false }  // a byline over an epigraph
                    if !Headings.isTitleCase(b, l)
                        && !(TextBytes.isUpper(q) || TextBytes.isOpeningQuote(q) || q < 0x80 && TextBytes.isDigit(UInt8(q)))
                    {
                        return false
                    }
                    return lines[nx].width >= typical * 3 / 4 && !Headings.isCaps(b, lines[nx])
                }()
                if l.width <= maxWidth, prevOK, nextOK {
                    let title = TextBytes.string(b, l.contentStart, l.contentEnd)
                    var kind: SectionKind = .section
                    var rank: Rank = .section
                    if multiPost {
                        let startsPost = blanksBefore(i) >= 2 || noteEnds.contains(where: { $0 < i && i - $0 <= 4 }) || prev(i) == nil
                        if i - lastPostTitle <= 3 {
                            i += 1
                            continue
                        }  // a caption under a post title
                        if startsPost || paragraphPerLine {
                            kind = .post
                            rank = .chapter
                            lastPostTitle = i
                        }
                    }
                    if let m = Headings.matter(title) {
                        kind = m
                        rank = .chapter
                    }
                    items.append(Heading(firstLine: i, lastLine: i, title: title, rank: rank, kind: kind, number: nil))
                    roles[i] = .heading
                }
            }
            i += 1
        }
    }

    // MARK: - Shapes

    static let numberWords = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ]

    /// "Chapter 3", "CHAPTER 3: Title", "Part II", "Part One": rank, number and any title on the same line.
    static func chapterLine(_ b: [UInt8], _ l: SourceLine) -> (Rank, Int?, String)? {
        guard l.width <= 90 else { return nil }
        let s = l.contentStart
        let e = l.contentEnd
        let rank: Rank
        var j: Int
        if TextBytes.hasPrefix(b, s, e, "chapter ") {
            rank = .chapter
            j = s + 8
        } else if TextBytes.hasPrefix(b, s, e, "part ") {
            rank = .part
            j = s + 5
        } else if TextBytes.hasPrefix(b, s, e, "book ") {
            rank = .part
            j = s + 5
        } else {
            return nil
        }
        // The first letter must be capital: "part of the argument" is not a heading.
        guard TextBytes.isUpperASCII(b[s]) else { return nil }
        while j < e, b[j] == TextBytes.space { j += 1 }
        let t = j
        while j < e, TextBytes.isLetterASCII(b[j]) || TextBytes.isDigit(b[j]) { j += 1 }
        guard j > t else { return nil }
        var number: Int? = TextBytes.integer(b, t, j)
        if number == nil {
            let w = TextBytes.string(b, t, j).lowercased()
            if let k = numberWords.firstIndex(of: w) {
                number = k + 1
            } else if let r = PageLabel.parse(Array(w.utf8), 0, w.utf8.count) {
                number = r.value
            } else {
                return nil
            }
        }
        var rest = TextBytes.string(b, j, e).trimmingSpaces()
        var separated = false
        while let f = rest.first, ":.–—-".contains(f) {
            rest.removeFirst()
            rest = rest.trimmingSpaces()
            separated = true
        }
        if !rest.isEmpty {
            // "Chapter 2 provides a theoretical one": prose that starts with the word, not a heading
            let restBytes = Array(rest.utf8)
            let restLine = SourceLine(start: 0, end: restBytes.count, contentStart: 0, contentEnd: restBytes.count, indent: 0, width: rest.count)
            let titled = isCaps(restBytes, restLine) || isTitleCase(restBytes, restLine)
            if !titled && !(separated && isTitleLike(restBytes, restLine)) { return nil }
            // A contents line ("Chapter 1 Title 13") is not a heading.
            if let lastWord = rest.split(separator: " ").last, lastWord.allSatisfy(\.isNumber) { return nil }
            if rest.hasSuffix(".") || rest.count > 80 { return nil }
        }
        return (rank, number, rest)
    }

    static func isChapterLine(_ b: [UInt8], _ l: SourceLine) -> Bool { chapterLine(b, l) != nil }

    static func chapterNumber(_ b: [UInt8], _ l: SourceLine) -> Int? {
        guard let (rank, number, _) = chapterLine(b, l), rank == .chapter else { return nil }
        return number
    }

    /// All letters upper case, at least four of them, mostly letters.
    static func isCaps(_ b: [UInt8], _ l: SourceLine) -> Bool {
        guard l.width >= 4, l.width <= 100 else { return false }
        var letters = 0
        var others = 0
        var i = l.contentStart
        while i < l.contentEnd {
            let (v, len) = TextBytes.scalar(b, i)
            i += len
            if v == 0x20 { continue }
            if TextBytes.isLetter(v) {
                if TextBytes.isLower(v) { return false }
                letters += 1
            } else if TextBytes.isDigit(UInt8(truncatingIfNeeded: v)) && v < 0x80 {
                others += 1
            } else {
                others += 1
            }
        }
        guard letters >= 4, letters * 10 >= (letters + others) * 7 else { return false }
        // a lone roman numeral is a page number or a part number, not a title
        let t = TextBytes.string(b, l.contentStart, l.contentEnd).lowercased()
        if PageLabel.parse(Array(t.utf8), 0, t.utf8.count) != nil { return false }
        return true
    }

    /// "2", "2.", "2.1", "2.1." followed by a capitalised title; returns the depth.
    static func numberedSection(_ b: [UInt8], _ l: SourceLine) -> Int? {
        let s = l.contentStart
        let e = l.contentEnd
        guard l.width <= 80, l.indent < 2, s < e, TextBytes.isDigit(b[s]) else { return nil }
        let (lastScalar, _) = TextBytes.scalar(b, endingAt: e)
        if lastScalar == 0x3F || lastScalar == 0x21 || lastScalar == 0x5D || lastScalar == TextBytes.rightDouble { return nil }
        var j = s
        var depth = 1
        while j < e, TextBytes.isDigit(b[j]) || b[j] == UInt8(ascii: ".") {
            if b[j] == UInt8(ascii: "."), j + 1 < e, TextBytes.isDigit(b[j + 1]) { depth += 1 }
            j += 1
        }
        guard j - s <= 8, j < e, b[j] == TextBytes.space, j + 1 < e, TextBytes.isUpperASCII(b[j + 1]) else { return nil }
        let last = b[e - 1]
        if last == UInt8(ascii: ".") || last == UInt8(ascii: ",") || last == UInt8(ascii: ";") || last == UInt8(ascii: ":") { return nil }
        var words = 0
        var k = j
        while k < e {
            if b[k] == TextBytes.space { words += 1 }
            k += 1
        }
        guard words <= 12 else { return nil }
        // "1999 Was the year" is prose; a section number is small
        if let v = TextBytes.integer(b, s, min(j, s + 4)), v > 99, depth == 1 { return nil }
        return depth
    }

    static let functionWords: Set<String> = [
        "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "that", "which",
        "by", "as", "at", "from", "is", "was", "are", "be", "this", "its", "his", "her", "their", "but", "not",
    ]

    /// Short, no sentence punctuation at the end, no sentence break inside, starts with a letter or quote.
    static func isTitleLike(_ b: [UInt8], _ l: SourceLine) -> Bool {
        guard l.width >= 3, l.width <= 100 else { return false }
        let (first, _) = TextBytes.scalar(b, l.contentStart)
        guard TextBytes.isLetter(first) || first == TextBytes.leftDouble || first == TextBytes.leftSingle || first == 0x22 else { return false }
        let (last, lastLen) = TextBytes.scalar(b, endingAt: l.contentEnd)
        guard
            TextBytes.isLetter(last) || TextBytes.isDigit(UInt8(truncatingIfNeeded: last)) && last < 0x80
                || last == 0x29 || last == TextBytes.rightDouble || last == TextBytes.rightSingle || last == 0x22
        else { return false }
        var e = l.contentEnd
        while e > l.contentStart, TextBytes.isDigit(b[e - 1]) { e -= 1 }
        if e < l.contentEnd, e > l.contentStart, b[e - 1] == 0x2E || b[e - 1] == 0x3F || b[e - 1] == 0x21 || b[e - 1] == 0x9D || b[e - 1] == 0x99 {
            return false  // "… tre.28": a sentence with its note marker
        }
        if !TextBytes.isLetter(last), l.contentEnd - lastLen > l.contentStart {
            // "… to.”", "(Smith 2004)." — a sentence, not a title
            let (before, _) = TextBytes.scalar(b, endingAt: l.contentEnd - lastLen)
            if before == 0x2E || before == 0x3F || before == 0x21 { return false }
        }
        if last == 0x29, SentenceSplitter.citationClose(b, lastIndexOf(b, 0x28, l) ?? l.contentStart, l.contentEnd) != nil,
            TextBytes.scalar(b, l.contentStart).value == 0x28
        {
            return false
        }
        let text = TextBytes.string(b, l.contentStart, l.contentEnd)
        if text.contains(". ") || text.contains("; ") { return false }
        let words = text.split(separator: " ")
        guard words.count <= 14 else { return false }
        if let w = words.last, functionWords.contains(w.lowercased()) { return false }
        return true
    }

    static func lastIndexOf(_ b: [UInt8], _ c: UInt8, _ l: SourceLine) -> Int? {
        var k = l.contentEnd - 1
        while k >= l.contentStart {
            if b[k] == c { return k }
            k -= 1
        }
        return nil
    }

    /// Most words of four or more letters capitalised.
    static func isTitleCase(_ b: [UInt8], _ l: SourceLine) -> Bool {
        let text = TextBytes.string(b, l.contentStart, l.contentEnd)
        var long = 0
        var capital = 0
        for w in text.split(separator: " ") {
            let letters = w.drop { !$0.isLetter }
            guard letters.count >= 4 || w == text.split(separator: " ").first else { continue }
            long += 1
            if let f = letters.first, f.isUppercase { capital += 1 }
        }
        return long > 0 && capital * 3 >= long * 2
    }

    /// One to six words, the first capitalised: "Gravity of the nation".
    static func isShortHeading(_ b: [UInt8], _ l: SourceLine) -> Bool {
        guard l.width <= 60 else { return false }
        let (f, _) = TextBytes.scalar(b, l.contentStart)
        guard TextBytes.isUpper(f) else { return false }
        var words = 1
        for k in l.contentStart..<l.contentEnd where b[k] == TextBytes.space { words += 1 }
        return words <= 6
    }

    static func endsWithPageNumber(_ b: [UInt8], _ l: SourceLine) -> Bool {
        var k = l.contentEnd - 1
        while k > l.contentStart, b[k] != TextBytes.space { k -= 1 }
        return k > l.contentStart && PageLabel.parse(b, k + 1, l.contentEnd) != nil
    }

    /// Front or back matter by its title.
    static func matter(_ title: String) -> SectionKind? {
        let t = title.lowercased().trimmingSpaces()
        let front = [
            "preface", "foreword", "contents", "table of contents", "acknowledgements", "acknowledgments", "introduction",
            "abstract", "dedication", "prologue", "list of abbreviations", "list of illustrations", "list of figures",
            "list of tables", "note on transliteration", "a note on",
        ]
        let back = [
            "notes", "endnotes", "bibliography", "references", "works cited", "index", "appendix", "glossary",
            "select bibliography", "further reading", "sources",
        ]
        for f in front where t == f || t.hasPrefix(f + " ") || t.hasPrefix(f + ":") { return .frontMatter }
        for k in back where t == k || t.hasPrefix(k + " ") || t.hasPrefix(k + ":") { return .backMatter }
        return nil
    }

    static func isBackMatterTitle(_ b: [UInt8], _ l: SourceLine) -> Bool {
        guard l.width <= 40 else { return false }
        return matter(TextBytes.string(b, l.contentStart, l.contentEnd)) == .backMatter
    }
}
