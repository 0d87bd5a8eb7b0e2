import SamizdatModel
import SamizdatText

/// Decides what every line of a PDF is from where it sits and how it is set, across all pages:
///
/// - **running heads and page numbers**: lines in the top or bottom eighth of a page that are a
///   bare page number, whose text with its digits taken out recurs at a page edge on another
///   page (heads alternating left and right each recur on their own), or that carries the page's
///   own label beside its words at the top;
/// - **notes**: the block of lines at the foot of a page set smaller than the body type, below
///   the last line of body type, opening with a note label;
/// - **headings**: lines set larger than the body type (the largest size level 1), and short
///   lines wholly in bold at body size that do not end a sentence;
/// - **paragraph starts**: a first-line indent, space above the line, the line after a heading,
///   or a short line ending a sentence before it.
struct PDFLayoutClassifier {
    let pages: [PDFPageText]
    private(set) var bodySize = 10.0
    private var headingSizes: [Double] = []

    init(pages: [PDFPageText]) {
        self.pages = pages
        var weights: [Double: Int] = [:]
        for page in pages {
            for line in page.lines where line.fontSize > 0 {
                weights[(line.fontSize * 2).rounded() / 2, default: 0] += line.text.unicodeScalars.count
            }
        }
        bodySize = weights.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 10
        let threshold = bodySize * 1.12
        headingSizes = Set(weights.keys.filter { $0 >= threshold }).sorted(by: >)
    }

    func laidOutPages() -> [LaidOutPage] {
        let artifacts = edgeArtifacts()
        var result: [LaidOutPage] = []
        result.reserveCapacity(pages.count)
        var previousBody: (line: PDFTextLine, page: PDFPageText)? = nil
        for (pageIndex, page) in pages.enumerated() {
            var roles = [LaidOutLine.Role](repeating: .body, count: page.lines.count)
            for (lineIndex, kind) in artifacts[pageIndex] { roles[lineIndex] = .artifact(kind) }
            markNotes(page: page, roles: &roles)
            markHeadings(page: page, roles: &roles)
            var lines: [LaidOutLine] = []
            lines.reserveCapacity(page.lines.count)
            var previousNote: PDFTextLine? = nil
            var afterHeading = false
            for (lineIndex, line) in page.lines.enumerated() {
                let role = roles[lineIndex]
                var starts = false
                switch role {
                case .body:
                    starts = afterHeading || startsParagraph(line, page: page, previous: previousBody)
                    previousBody = (line, page)
                    afterHeading = false
                case .heading:
                    afterHeading = true
                    starts = true
                case .note:
                    starts = startsNote(line, previous: previousNote)
                    previousNote = line
                case .artifact:
                    break
                }
                lines.append(LaidOutLine(text: line.text, role: role, startsParagraph: starts))
            }
            result.append(LaidOutPage(label: page.label, lines: lines))
        }
        return result
    }

    // MARK: - Running heads and page numbers

    /// For each page, its lines at the top or bottom edge that are print artifacts.
    func edgeArtifacts() -> [[Int: ArtifactKind]] {
        var keyPages: [String: Set<Int>] = [:]
        var candidates: [[(line: Int, key: String, label: Bool)]] = []
        for (pageIndex, page) in pages.enumerated() {
            var here: [(line: Int, key: String, label: Bool)] = []
            for lineIndex in edgeLines(page) {
                let line = page.lines[lineIndex]
                let isLabel = PDFLayoutClassifier.isPageLabel(line.text) || line.text == page.label
                var key = PDFLayoutClassifier.headKey(line.text)
                // a head carrying the page's own number ("The Camp   13" on page 13) is a head even once
                let words = line.text.split(separator: " ")
                if !isLabel, line.top < page.height / 8, words.count > 1,
                    words.first.map(String.init) == page.label || words.last.map(String.init) == page.label
                {
                    key = "page-label-head:" + key
                    keyPages[key, default: []].insert(-1)
                }
                here.append((lineIndex, key, isLabel))
                if !key.isEmpty { keyPages[key, default: []].insert(pageIndex) }
            }
            candidates.append(here)
        }
        var result: [[Int: ArtifactKind]] = []
        for here in candidates {
            var kinds: [Int: ArtifactKind] = [:]
            for candidate in here {
                if candidate.label {
                    kinds[candidate.line] = .pageNumber
                } else if !candidate.key.isEmpty, (keyPages[candidate.key]?.count ?? 0) >= 2 {
                    kinds[candidate.line] = .runningHead
                }
            }
            result.append(kinds)
        }
        return result
    }

    /// Lines in the top or bottom eighth of the page, at most two at each edge, outermost first.
    private func edgeLines(_ page: PDFPageText) -> [Int] {
        guard page.height > 0 else { return [] }
        let byTop = page.lines.indices.filter { !page.lines[$0].isBlank }.sorted { page.lines[$0].top < page.lines[$1].top }
        var edge: [Int] = []
        for index in byTop.prefix(2) where page.lines[index].top < page.height / 8 { edge.append(index) }
        for index in byTop.suffix(2).reversed() where page.lines[index].bottom > page.height * 7 / 8 && !edge.contains(index) {
            edge.append(index)
        }
        return edge.filter { page.lines[$0].text.unicodeScalars.count <= 90 }
    }

    /// A line's text with its digits and roman page numbers taken out, lowercased: "12 THE CAMP" and
    /// "THE CAMP 13" are one head.
    static func headKey(_ text: String) -> String {
        var words: [Substring] = []
        for word in text.lowercased().split(separator: " ") {
            if word.allSatisfy({ $0.isNumber }) { continue }
            if word.count <= 8, PDFLayoutClassifier.isRoman(word) { continue }
            words.append(word)
        }
        let key = words.joined(separator: " ")
        return key.unicodeScalars.count >= 2 ? key : ""
    }

    /// "13", "vii", "XII": a page number alone.
    static func isPageLabel(_ text: String) -> Bool {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        guard !trimmed.isEmpty, trimmed.count <= 8 else { return false }
        if trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) { return trimmed.count <= 4 }
        return isRoman(Substring(trimmed.lowercased()))
    }

    static func isRoman(_ word: Substring) -> Bool {
        !word.isEmpty && word.allSatisfy { "ivxlc".contains($0) }
    }

    // MARK: - Notes

    /// The block of small type at the foot of the page, below the last line of body type, opening
    /// with a note label.
    private func markNotes(page: PDFPageText, roles: inout [LaidOutLine.Role]) {
        let content = page.lines.indices.filter {
            if case .body = roles[$0] { return !page.lines[$0].isBlank }
            return false
        }
        guard let lastBody = content.filter({ isBodyType(page.lines[$0]) }).max(by: { page.lines[$0].bottom < page.lines[$1].bottom })
        else { return }
        let floor = page.lines[lastBody].bottom
        let foot = content.filter { page.lines[$0].top >= floor - 0.5 && page.lines[$0].fontSize < bodySize * 0.92 && page.lines[$0].fontSize > 0 }
        guard !foot.isEmpty else { return }
        let ordered = foot.sorted { page.lines[$0].top < page.lines[$1].top }
        guard PDFLayoutClassifier.opensWithLabel(page.lines[ordered[0]].text) || pageContinuesNote(page, first: ordered[0]) else { return }
        for index in foot { roles[index] = .note }
    }

    /// The first line of a foot block with no label: a note run over from the page before, when
    /// that page had notes.
    private func pageContinuesNote(_ page: PDFPageText, first: Int) -> Bool {
        let line = page.lines[first]
        guard let scalar = line.text.unicodeScalars.first else { return false }
        return scalar.properties.isLowercase && line.fontSize < bodySize * 0.92
    }

    private func isBodyType(_ line: PDFTextLine) -> Bool {
        line.fontSize >= bodySize * 0.92
    }

    /// "3 Text", "3. Text", "[3]", "*", "†", or digits glued to the text.
    static func opensWithLabel(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first == "*" || first == "†" || first == "‡" || first == "[" { return true }
        return first.properties.numericType != nil && first.isASCII
    }

    private func startsNote(_ line: PDFTextLine, previous: PDFTextLine?) -> Bool {
        guard PDFLayoutClassifier.opensWithLabel(line.text) else { return false }
        guard let previous else { return true }
        if line.leadingSize > 0, line.leadingSize < line.fontSize * 0.9 { return true }
        if abs(line.left - previous.left) > line.fontSize * 0.3 { return true }
        return PDFLayoutClassifier.endsSentence(previous.text)
    }

    // MARK: - Headings

    private func markHeadings(page: PDFPageText, roles: inout [LaidOutLine.Role]) {
        for (index, line) in page.lines.enumerated() {
            guard case .body = roles[index], !line.isBlank else { continue }
            let size = (line.fontSize * 2).rounded() / 2
            if let level = headingSizes.firstIndex(of: size) {
                roles[index] = .heading(level: level + 1)
                continue
            }
            if line.bold, isBodyType(line), line.fontSize < bodySize * 1.12, line.text.unicodeScalars.count <= 80,
                !PDFLayoutClassifier.endsSentence(line.text)
            {
                roles[index] = .heading(level: headingSizes.count + 1)
            }
        }
    }

    // MARK: - Paragraphs

    private func startsParagraph(_ line: PDFTextLine, page: PDFPageText, previous: (line: PDFTextLine, page: PDFPageText)?) -> Bool {
        let column = columnEdges(of: line, on: page)
        let indented = line.left > column.left + line.fontSize * 0.6
        guard let previous else { return true }
        let samePage =
            previous.page.label == page.label && previous.page.height == page.height
            && previous.page.lines.count == page.lines.count
        let before = previous.line
        let beforeColumn = columnEdges(of: before, on: previous.page)
        let beforeIndented = before.left > beforeColumn.left + before.fontSize * 0.6
        if indented && !(beforeIndented && abs(before.left - line.left) < 1) { return true }
        let short = before.right < beforeColumn.right - before.fontSize * 2
        if short, PDFLayoutClassifier.endsSentence(before.text) { return true }
        if samePage, line.top > before.top, line.top - before.bottom > line.fontSize * 0.8, abs(line.left - before.left) < line.fontSize * 8 {
            return true
        }
        return false
    }

    /// The left and right edges of the column a line is set in: the extremes of the body lines on
    /// the page whose horizontal extent overlaps it.
    private func columnEdges(of line: PDFTextLine, on page: PDFPageText) -> (left: Double, right: Double) {
        var left = line.left
        var right = line.right
        for other in page.lines where isBodyType(other) && other.fontSize < bodySize * 1.12 && !other.isBlank {
            guard other.left < line.right, other.right > line.left else { continue }
            left = min(left, other.left)
            right = max(right, other.right)
        }
        return (left, right)
    }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return true }
        return ".?!:\"”’)".unicodeScalars.contains(last)
    }
}
