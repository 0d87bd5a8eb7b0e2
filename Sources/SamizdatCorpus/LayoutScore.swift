import SamizdatModel

/// How well de-paging did on a text of a known page layout (`LayoutGenerator`): the measures of
/// issue 18, summed over documents.
///
/// - **artifact lines left**: truth artifact lines (page numbers, running heads, slugs) that the
///   segmenter did not report as artifacts, so they stayed in the text; **text lines removed**: lines
///   it reported as artifacts that are text (contents references, table cells, code output).
/// - **paragraph pages**: every truth paragraph's first `Scorer.paragraphWords` words are looked up
///   in the clean text (in document order); it has the right page when the page the segmenter gives
///   that place (`SegmentedDocument.page(at:)`, what a hit there is cited by) is the printed page of
///   its first line. It is also whole when a segmenter paragraph starts there and ends with the
///   truth's last words (rejoined across page breaks, nothing glued on, not run into the next).
/// - **headings**: as `Scorer` matches them (running heads and contents entries taken for headings
///   lower precision).
/// - **notes**: out of the body = found as notes (`Scorer`'s notes category); linked = linked to the
///   right marker; complete = the note's whole text, all of it and nothing more (a footnote continued
///   on the next page must be joined to its first part).
/// - **page hyphens**: words the typesetter broke at the last line of a page; joined when the
///   clean text no longer has the first part with its hyphen before a space or line end.
public struct LayoutScore: Sendable, Hashable {
    public var documents = 0
    public var artifactLines = 0
    public var artifactLinesLeft = 0
    public var textLinesRemoved = 0
    public var paragraphs = 0
    public var paragraphsRightPage = 0
    public var paragraphsWhole = 0
    public var headings = CategoryScore.empty
    public var notes = 0
    public var notesOut = 0
    public var notesLinked = 0
    public var notesComplete = 0
    public var pageHyphens = 0
    public var pageHyphensJoined = 0

    public init() {}

    public var artifactLeftShare: Double { share(artifactLinesLeft, artifactLines) }
    public var pageAccuracy: Double { share(paragraphsRightPage, paragraphs) }
    public var wholeShare: Double { share(paragraphsWhole, paragraphs) }
    public var notesOutShare: Double { share(notesOut, notes) }
    public var notesLinkedShare: Double { share(notesLinked, notes) }
    public var notesCompleteShare: Double { share(notesComplete, notes) }
    public var pageHyphensJoinedShare: Double { share(pageHyphensJoined, pageHyphens) }

    private func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }

    public static func score(_ doc: SegmentedDocument, truth: GroundTruth) -> LayoutScore {
        var s = LayoutScore()
        s.documents = 1
        let truthLines = Set(truth.artifacts.map(\.line))
        let foundLines = Set(doc.artifacts.map(\.line))
        s.artifactLines = truthLines.count
        s.artifactLinesLeft = truthLines.subtracting(foundLines).count
        s.textLinesRemoved = foundLines.subtracting(truthLines).count
        paragraphs(doc, truth, into: &s)
        s.headings = Scorer.headings(doc, truth)
        let (found, linked) = Scorer.notes(doc, truth)
        s.notes = truth.notes.count
        s.notesOut = found.matched
        s.notesLinked = linked.matched
        var complete: [String: Int] = [:]
        for note in doc.notes { complete[note.label + "|" + Scorer.words(note.text).joined(separator: " "), default: 0] += 1 }
        for note in truth.notes {
            let key = note.label + "|" + Scorer.words(note.text).joined(separator: " ")
            if let left = complete[key], left > 0 {
                complete[key] = left - 1
                s.notesComplete += 1
            }
        }
        for h in truth.hyphenations where h.acrossPages == true && h.kind == .soft {
            s.pageHyphens += 1
            let broken = doc.text.contains(h.printed + " ") || doc.text.contains(h.printed + "\n")
            if !broken && doc.text.contains(h.word) { s.pageHyphensJoined += 1 }
        }
        return s
    }

    private static func paragraphs(_ doc: SegmentedDocument, _ truth: GroundTruth, into s: inout LayoutScore) {
        let list = truth.paragraphs ?? []
        s.paragraphs = list.count
        let stream = wordStream(doc.text)
        var positions: [String: [Int]] = [:]
        for (k, w) in stream.enumerated() { positions[w.word, default: []].append(k) }
        var paragraphAt: [Int: Int] = [:]
        for (k, p) in doc.paragraphs.enumerated() where p.kind != .heading { paragraphAt[p.start] = k }
        var cursor = 0
        for t in list {
            let opening = t.opening.split(separator: " ").map(String.init)
            guard let first = opening.first, let starts = positions[first] else { continue }
            // the next place, from where the last paragraph was found, where the opening words run
            var lo = 0
            var hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < cursor { lo = mid + 1 } else { hi = mid }
            }
            var found: Int?
            for k in starts[lo...] where k + opening.count <= stream.count {
                if (0..<opening.count).allSatisfy({ stream[k + $0].word == opening[$0] }) {
                    found = k
                    break
                }
            }
            guard let at = found else { continue }
            cursor = at + opening.count
            let offset = stream[at].offset
            guard doc.page(at: offset) == t.page else { continue }
            s.paragraphsRightPage += 1
            if let k = paragraphAt[offset] ?? paragraphAt[offset - 1] {
                let p = doc.paragraphs[k]
                if Scorer.tail(doc.slice(max(p.start, p.end - 240), p.end)) == t.closing { s.paragraphsWhole += 1 }
            }
        }
    }

    /// The words of a text as `Scorer.words` makes them, each with the UTF-8 offset it starts at.
    static func wordStream(_ text: String) -> [(word: String, offset: Int)] {
        var out: [(word: String, offset: Int)] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        for u in text.unicodeScalars {
            let isWord =
                u.value < 0x80
                ? (u.value >= 0x61 && u.value <= 0x7A) || (u.value >= 0x41 && u.value <= 0x5A) || (u.value >= 0x30 && u.value <= 0x39)
                : u.properties.isAlphabetic || u.properties.numericType != nil
            if isWord {
                if current.isEmpty { start = offset }
                current.append(u)
            } else if !current.isEmpty {
                out.append((String(current).lowercased(), start))
                current = String.UnicodeScalarView()
            }
            offset += String(u).utf8.count
        }
        if !current.isEmpty { out.append((String(current).lowercased(), start)) }
        return out
    }

    /// Counts summed over documents.
    public static func + (a: LayoutScore, b: LayoutScore) -> LayoutScore {
        var s = LayoutScore()
        s.documents = a.documents + b.documents
        s.artifactLines = a.artifactLines + b.artifactLines
        s.artifactLinesLeft = a.artifactLinesLeft + b.artifactLinesLeft
        s.textLinesRemoved = a.textLinesRemoved + b.textLinesRemoved
        s.paragraphs = a.paragraphs + b.paragraphs
        s.paragraphsRightPage = a.paragraphsRightPage + b.paragraphsRightPage
        s.paragraphsWhole = a.paragraphsWhole + b.paragraphsWhole
        s.headings = a.headings + b.headings
        s.notes = a.notes + b.notes
        s.notesOut = a.notesOut + b.notesOut
        s.notesLinked = a.notesLinked + b.notesLinked
        s.notesComplete = a.notesComplete + b.notesComplete
        s.pageHyphens = a.pageHyphens + b.pageHyphens
        s.pageHyphensJoined = a.pageHyphensJoined + b.pageHyphensJoined
        return s
    }
}
