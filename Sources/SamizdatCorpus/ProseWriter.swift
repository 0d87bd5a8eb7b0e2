/// Writes sentences and paragraphs of synthetic prose as tokens that carry their own truth:
/// sentence ends, note markers and author-year citations. Deterministic for a given generator state.
struct ProseWriter {
    enum MarkerStyle { case glued, bracketed }
    enum CitationStyle { case book, article, blog }

    let lexicon: Lexicon
    var rng: SplitMix64
    var markerStyle: MarkerStyle
    var citationStyle: CitationStyle
    /// Chance that a sentence carries a note marker / a citation.
    var noteRate: Double
    var citationRate: Double
    /// Chance that a compound lost its hyphen in a PDF extraction ("wellknown").
    var lostHyphenRate = 0.0
    /// The notes called so far; a marker's `note` indexes this list.
    var notes: [(label: String, text: String)] = []
    /// The next note number; generators reset it where numbering restarts (chapter, post).
    var nextNoteNumber = 1
    private var lastCitation: (authors: [String], year: String)?

    init(
        lexicon: Lexicon,
        rng: SplitMix64,
        markerStyle: MarkerStyle,
        citationStyle: CitationStyle,
        noteRate: Double,
        citationRate: Double
    ) {
        self.lexicon = lexicon
        self.rng = rng
        self.markerStyle = markerStyle
        self.citationStyle = citationStyle
        self.noteRate = noteRate
        self.citationRate = citationRate
    }

    static let abbreviations = ["e.g.", "i.e.", "cf.", "viz.", "vol."]
    static let inflections = ["s", "s", "ed", "ing", "ly"]

    // MARK: words

    mutating func plainWord() -> ProseToken {
        let r = lexicon.rank(&rng)
        var w = lexicon.words[r]
        if r >= lexicon.functionWordCount, rng.chance(0.15) {
            w += rng.pick(Self.inflections)
        }
        var t = ProseToken(w)
        t.splittable = w.utf8.count >= 8
        return t
    }

    mutating func year() -> String {
        let y = rng.chance(0.7) ? rng.int(1960...2021) : rng.int(1848...1959)
        return rng.chance(0.08) ? "\(y)\(rng.pick(["a", "b", "c"]))" : "\(y)"
    }

    mutating func pages() -> String? {
        switch rng.int(0...9) {
        case 0...3: return nil
        case 4...7: return "\(rng.int(2...420))"
        default:
            let a = rng.int(10...380)
            let b = a + rng.int(2...30)
            let tail = String(b).count == String(a).count && b / 100 == a / 100 ? String(b % 100) : String(b)
            return "\(a)–\(tail.count == 1 ? "0" + tail : tail)"
        }
    }

    mutating func authorsForCitation() -> (printed: String, authors: [String]) {
        let a = lexicon.surname(&rng)
        switch rng.int(0...19) {
        case 0...15: return (a, [a])
        case 16...18:
            var b = lexicon.surname(&rng)
            if b == a { b = lexicon.surnames[(lexicon.surnames.firstIndex(of: a)! + 1) % lexicon.surnames.count] }
            return ("\(a) and \(b)", [a, b])
        default: return ("\(a) et al.", [a])
        }
    }

    /// One citation token (printed text and the references it holds).
    mutating func citationToken(terminal: String) -> ProseToken {
        var cited: [ProseToken.Cited] = []
        var text = ""
        func add(
            _ s: String,
            _ authors: [String],
            _ year: String?,
            _ pages: String?,
            ibid: Bool,
            into text: inout String,
            _ cited: inout [ProseToken.Cited]
        ) {
            let start = text.utf8.count
            text += s
            cited.append(.init(start: start, end: text.utf8.count, authors: authors, year: year, pages: pages, ibid: ibid))
        }
        switch citationStyle {
        case .book:
            if let last = lastCitation, rng.chance(0.12) {
                let p = pages() ?? "\(rng.int(2...300))"
                text = "("
                add(rng.chance(0.5) ? "ibid.: \(p)" : "ibid.", last.authors, last.year, p, ibid: true, into: &text, &cited)
                text += rng.chance(0.2) ? "; original emphasis)" : ")"
                cited[0].pages = text.contains("ibid.:") ? p : nil
            } else if rng.chance(0.12) {
                text = rng.chance(0.5) ? "(see " : "("
                for i in 0..<rng.int(2...3) {
                    if i > 0 { text += "; " }
                    let (printed, authors) = authorsForCitation()
                    let y = year()
                    let p = pages()
                    add("\(printed) \(y)" + (p.map { ": \($0)" } ?? ""), authors, y, p, ibid: false, into: &text, &cited)
                    lastCitation = (authors, y)
                }
                text += ")"
            } else if rng.chance(0.25) {
                // narrative: "Surname (2004: 65)"
                let (printed, authors) = authorsForCitation()
                let y = year()
                let p = pages()
                add("\(printed) (\(y)" + (p.map { ": \($0)" } ?? "") + ")", authors, y, p, ibid: false, into: &text, &cited)
                lastCitation = (authors, y)
            } else {
                let (printed, authors) = authorsForCitation()
                let y = year()
                let p = pages()
                text = "("
                add("\(printed) \(y)" + (p.map { ": \($0)" } ?? ""), authors, y, p, ibid: false, into: &text, &cited)
                text += ")"
                lastCitation = (authors, y)
            }
        case .article:
            let (printed, authors) = authorsForCitation()
            let y = year()
            let p = rng.chance(0.5) ? "\(rng.int(2...400))" : nil
            text = "("
            add(p.map { "\(printed) \(y), p. \($0)" } ?? "\(printed), \(y)", authors, y, p, ibid: false, into: &text, &cited)
            text += ")"
            lastCitation = (authors, y)
        case .blog:
            let (printed, authors) = authorsForCitation()
            let y = year()
            text = "("
            add("\(printed) \(y)", authors, y, nil, ibid: false, into: &text, &cited)
            text += ")"
        }
        var t = ProseToken(text + terminal)
        t.citations = cited
        return t
    }

    // MARK: sentences

    /// A sentence as tokens. Markers are only placed when `notesAllowed`.
    mutating func sentence(notesAllowed: Bool) -> [ProseToken] {
        let n = max(4, min(48, Int(rng.bell(mean: 19, spread: 8))))
        var tokens: [ProseToken] = []
        var quoteOpenAt: Int?
        var i = 0
        while i < n {
            var t: ProseToken
            let roll = rng.unit()
            if i > 0 && roll < 0.03 {
                let name = rng.chance(0.3) ? "\(lexicon.givenName(&rng)) \(lexicon.surname(&rng))" : lexicon.surname(&rng)
                let parts = name.split(separator: " ").map(String.init)
                for (k, p) in parts.enumerated() where k < parts.count - 1 { tokens.append(ProseToken(p)) }
                t = ProseToken(parts.last!)
            } else if i > 1 && i < n - 3 && roll < 0.04 {
                t = ProseToken(rng.chance(0.15) ? "Dr." : rng.pick(Self.abbreviations))
                if t.text == "Dr." {
                    tokens.append(t)
                    t = ProseToken(lexicon.surname(&rng))
                }
            } else if roll < 0.048 {
                t = ProseToken(rng.chance(0.7) ? "\(rng.int(1900...2015))" : "\(rng.int(1...99)).\(rng.int(10...99))")
            } else if roll < 0.06 {
                let word = lexicon.contentWord(&rng) + "-" + lexicon.contentWord(&rng)
                t = ProseToken(word)
                if rng.chance(lostHyphenRate) {
                    t.text = word.replacingOccurrences(of: "-", with: "")
                    t.lostHyphen = word
                } else {
                    t.compound = true
                }
            } else {
                t = plainWord()
            }
            if i == 0 {
                t.text = t.text.prefix(1).uppercased() + t.text.dropFirst()
                t.splittable = false
            }
            if quoteOpenAt == nil && i > 0 && i < n - 3 && rng.chance(0.03) {
                t.text = "“" + t.text
                t.splittable = false
                quoteOpenAt = i
            } else if let q = quoteOpenAt, i - q >= 2, i < n - 1, rng.chance(0.3) {
                t.text += "”"
                t.splittable = false
                quoteOpenAt = nil
            }
            if i < n - 1 && quoteOpenAt == nil && rng.chance(0.07) {
                t.text += ","
                t.splittable = false
            }
            tokens.append(t)
            i += 1
        }
        // If a word was capitalised into a function word etc. the splittable flag already says no.
        let stop = rng.chance(0.9) ? "." : (rng.chance(0.8) ? "?" : "!")
        let closing = quoteOpenAt != nil ? "”" : ""
        if rng.chance(citationRate) && quoteOpenAt == nil {
            var c = citationToken(terminal: "")
            if c.text.hasPrefix("(") || rng.chance(0.5) {
                // parenthetical at the end: "... word (A 2004: 65)."
                c.text += stop
                tokens.append(c)
            } else {
                // narrative in the middle: "A (2004: 65) word ..."
                let at = max(1, tokens.count / 2)
                tokens.insert(c, at: at)
                tokens[tokens.count - 1].text += stop
            }
        } else {
            tokens[tokens.count - 1].text += stop + closing
        }
        let last = tokens.count - 1
        tokens[last].splittable = false
        tokens[last].sentenceEnd = tokens[last].text.utf8.count
        // Every token holds a word, so the last eight hold the last `Scorer.tailWords` words.
        tokens[last].sentenceTail = Scorer.tail(tokens.suffix(8).map(\.text).joined(separator: " "))
        if notesAllowed && rng.chance(noteRate) { attachMarker(&tokens) }
        return tokens
    }

    /// Glues (or appends, for bracketed notes) a new note's marker to the last token and records the note.
    mutating func attachMarker(_ tokens: inout [ProseToken]) {
        let last = tokens.count - 1
        let label = "\(nextNoteNumber)"
        nextNoteNumber += 1
        let anchor = Scorer.words(tokens[last].text).last ?? ""
        notes.append((label, noteText()))
        switch markerStyle {
        case .glued:
            let offset = tokens[last].text.utf8.count
            tokens[last].text += label
            tokens[last].splittable = false
            tokens[last].marker = .init(offset: offset, label: label, anchor: anchor, note: notes.count - 1)
        case .bracketed:
            var m = ProseToken("[\(label)]")
            m.marker = .init(offset: 0, label: label, anchor: anchor, note: notes.count - 1)
            tokens.append(m)
        }
    }

    mutating func paragraph(sentences count: Int, notesAllowed: Bool = true) -> [ProseToken] {
        var tokens: [ProseToken] = []
        for _ in 0..<count { tokens += sentence(notesAllowed: notesAllowed) }
        return tokens
    }

    /// The text of a note: a reference or a remark, one to three sentences, single-spaced.
    mutating func noteText() -> String {
        var parts: [String] = []
        if rng.chance(0.5) {
            let y = year()
            let p = rng.int(2...400)
            parts.append(rng.chance(0.5) ? "See \(lexicon.surname(&rng)) \(y): \(p)." : "\(lexicon.surname(&rng)) \(y), p.\(p).")
        }
        if parts.isEmpty || rng.chance(0.6) {
            for _ in 0..<rng.int(1...2) {
                var words: [String] = []
                for k in 0..<max(4, min(30, Int(rng.bell(mean: 14, spread: 6)))) {
                    let w = lexicon.word(&rng)
                    words.append(k == 0 ? w.prefix(1).uppercased() + w.dropFirst() : w)
                }
                parts.append(words.joined(separator: " ") + ".")
            }
        }
        return parts.joined(separator: " ")
    }

    /// A title: `count` words, content words mostly, as printed in the given case.
    mutating func titleWords(_ count: Int) -> [String] {
        var out: [String] = []
        for k in 0..<count {
            out.append(k > 0 && k < count - 1 && rng.chance(0.3) ? rng.pick(["of", "and", "the", "in", "as"]) : lexicon.contentWord(&rng))
        }
        return out
    }
}
