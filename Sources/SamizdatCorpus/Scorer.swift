import SamizdatModel

/// Compares what the segmenter made of a generated text with the text's ground truth.
///
/// The segmenter's offsets point into its own clean text and the truth's into the raw input, so
/// nothing is matched by clean-text offset. The rules, category by category (every match is
/// one-to-one; a truth item is used at most once):
///
/// - **artifacts**: a `SegmentedDocument.artifacts` entry matches a truth artifact on the same
///   0-based input line. `agreeing` counts matches of the same `ArtifactKind`.
/// - **sentence_ends**: each sentence of a non-heading paragraph is reduced to its *tail*, the last
///   `tailWords` words of its text (`words`: maximal runs of letters and digits, lowercased, so
///   punctuation, quotes, spacing and line breaks do not matter). Tails are matched as multisets
///   against the truth's tails, in document order. A sentence whose tail differs — cut too early or
///   too late, a hyphen not undone, a note marker left in — is both a false positive and a miss.
/// - **page_labels**: for every truth sentence with a printed page, the page the segmenter gives
///   (`SegmentedDocument.page(at:)` at its sentence's last byte) for the sentence matched to it.
///   `found` counts matched sentences with a non-empty label; `matched` those whose label is right;
///   a sentence not matched counts as a missed label.
/// - **headings**: a `Section` matches a truth heading if their titles have the same words, or the
///   section's words contain the heading's (two words or more) as a run — so "Chapter 3: The
///   Title" matches "THE TITLE" printed under `Chapter 3`. A section whose title is the document's
///   title is neither found nor missed (nor is a truth heading that is the title). `agreeing`
///   counts matches of the same kind and level.
/// - **notes**: a `Note` matches a truth note with the same label whose text begins with the same
///   words (the first `noteWords` words of each).
/// - **note_links**: as notes, counting only notes with a `marker`, which must also follow the
///   truth's anchor: the last word of the clean text before the marker offset is the word the
///   marker was glued to (or followed). `found` = notes with a marker.
/// - **citations**: a `Citation` matches a truth citation with the same first author (words of
///   the surname), the same year (or both none) and the same `ibid` flag; an ibid carries the author
///   and year of the citation it repeats. Spans and page ranges are not compared.
public struct Scorer {
    public static let tailWords = 4
    public static let noteWords = 6
    /// Words by which a paragraph is found (`GroundTruth.ParagraphTruth.opening`).
    public static let paragraphWords = 8

    public static func score(_ doc: SegmentedDocument, truth: GroundTruth) -> SegmentationScore {
        var s = SegmentationScore(documents: 1)
        s.artifacts = artifacts(doc, truth)
        let (sentences, pages) = sentenceEnds(doc, truth)
        s.sentenceEnds = sentences
        s.pageLabels = pages
        s.headings = headings(doc, truth)
        (s.notes, s.noteLinks) = notes(doc, truth)
        s.citations = citations(doc, truth)
        return s
    }

    // MARK: normalisation

    /// The words of a text: maximal runs of letters and digits, lowercased.
    public static func words(_ s: some StringProtocol) -> [String] {
        var out: [String] = []
        var cur = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let isWord =
                u.value < 0x80
                ? (u.value >= 0x61 && u.value <= 0x7A) || (u.value >= 0x41 && u.value <= 0x5A) || (u.value >= 0x30 && u.value <= 0x39)
                : u.properties.isAlphabetic || u.properties.numericType != nil
            if isWord {
                cur.append(u)
            } else if !cur.isEmpty {
                out.append(String(cur).lowercased())
                cur = String.UnicodeScalarView()
            }
        }
        if !cur.isEmpty { out.append(String(cur).lowercased()) }
        return out
    }

    /// The last `tailWords` words of a sentence, space-separated.
    public static func tail(_ s: some StringProtocol) -> String {
        words(s.suffix(200)).suffix(tailWords).joined(separator: " ")
    }

    // MARK: categories

    static func artifacts(_ doc: SegmentedDocument, _ truth: GroundTruth) -> CategoryScore {
        var byLine: [Int: ArtifactKind] = [:]
        for a in truth.artifacts { byLine[a.line] = a.kind }
        var seen = Set<Int>()
        var matched = 0
        var agreeing = 0
        for a in doc.artifacts where seen.insert(a.line).inserted {
            if let k = byLine[a.line] {
                matched += 1
                if k == a.kind { agreeing += 1 }
            }
        }
        return CategoryScore(truth: byLine.count, found: seen.count, matched: matched, agreeing: agreeing)
    }

    static func sentenceEnds(_ doc: SegmentedDocument, _ truth: GroundTruth) -> (CategoryScore, CategoryScore) {
        var pending: [String: [Int]] = [:]  // tail -> truth indices, in order
        for (i, t) in truth.sentences.enumerated() { pending[t.tail, default: []].append(i) }
        var cursor: [String: Int] = [:]
        var found = 0
        var matched = 0
        var labelled = 0
        var rightPage = 0
        for sentence in doc.sentences {
            if sentence.paragraph < doc.paragraphs.count, doc.paragraphs[sentence.paragraph].kind == .heading { continue }
            found += 1
            let key = tail(doc.slice(sentence.start, sentence.end))
            guard let list = pending[key] else { continue }
            let k = cursor[key, default: 0]
            guard k < list.count else { continue }
            cursor[key] = k + 1
            matched += 1
            let t = truth.sentences[list[k]]
            if t.page != nil, let label = doc.page(at: max(sentence.start, sentence.end - 1)), !label.isEmpty {
                labelled += 1
                if label == t.page { rightPage += 1 }
            }
        }
        let truthPages = truth.sentences.filter { $0.page != nil }.count
        return (
            CategoryScore(truth: truth.sentences.count, found: found, matched: matched),
            CategoryScore(truth: truthPages, found: labelled, matched: rightPage)
        )
    }

    static func headings(_ doc: SegmentedDocument, _ truth: GroundTruth) -> CategoryScore {
        let titleWords = words(truth.title)
        let truthWords = truth.headings.map { words($0.title) }
        // A heading that is the document's title is neither found nor missed (see the doc comment).
        var used = truthWords.map { !titleWords.isEmpty && $0 == titleWords }
        let titles = used.filter { $0 }.count
        var found = 0
        var matched = 0
        var agreeing = 0
        for section in doc.sections {
            let w = words(section.title)
            if !titleWords.isEmpty && w == titleWords { continue }
            found += 1
            for (i, h) in truth.headings.enumerated() where !used[i] {
                let hw = truthWords[i]
                if w == hw || (hw.count >= 2 && contains(w, hw)) {
                    used[i] = true
                    matched += 1
                    if section.kind == h.kind && section.level == h.level { agreeing += 1 }
                    break
                }
            }
        }
        return CategoryScore(truth: truth.headings.count - titles, found: found, matched: matched, agreeing: agreeing)
    }

    static func contains(_ a: [String], _ b: [String]) -> Bool {
        guard b.count <= a.count else { return false }
        for i in 0...(a.count - b.count) where Array(a[i..<(i + b.count)]) == b { return true }
        return false
    }

    static func notes(_ doc: SegmentedDocument, _ truth: GroundTruth) -> (CategoryScore, CategoryScore) {
        let truthKeys = truth.notes.map { Array(words($0.text).prefix(noteWords)) }
        var usedNote = [Bool](repeating: false, count: truth.notes.count)
        var usedLink = usedNote
        var notesMatched = 0
        var linksFound = 0
        var linksMatched = 0
        for note in doc.notes {
            let key = Array(words(note.text).prefix(noteWords))
            let anchor: String? = note.marker.map { m in words(doc.slice(max(0, m - 80), m)).last ?? "" }
            if anchor != nil { linksFound += 1 }
            var counted = false
            for (i, t) in truth.notes.enumerated() where t.label == note.label && truthKeys[i] == key {
                if !counted && !usedNote[i] {
                    usedNote[i] = true
                    notesMatched += 1
                    counted = true
                }
                if let anchor, anchor == t.anchor, !usedLink[i] {
                    usedLink[i] = true
                    linksMatched += 1
                    break
                }
                if anchor == nil && counted { break }
            }
        }
        return (
            CategoryScore(truth: truth.notes.count, found: doc.notes.count, matched: notesMatched),
            CategoryScore(truth: truth.notes.count, found: linksFound, matched: linksMatched)
        )
    }

    static func citations(_ doc: SegmentedDocument, _ truth: GroundTruth) -> CategoryScore {
        func key(_ authors: [String], _ year: String?, _ ibid: Bool) -> String {
            (authors.first.map { words($0).joined(separator: " ") } ?? "") + "|" + (year ?? "") + "|" + (ibid ? "ibid" : "")
        }
        var pool: [String: Int] = [:]
        for c in truth.citations { pool[key(c.authors, c.year, c.ibid), default: 0] += 1 }
        var matched = 0
        for c in doc.citations {
            let k = key(c.authors, c.year, c.ibid)
            if let n = pool[k], n > 0 {
                pool[k] = n - 1
                matched += 1
            }
        }
        return CategoryScore(truth: truth.citations.count, found: doc.citations.count, matched: matched)
    }
}
