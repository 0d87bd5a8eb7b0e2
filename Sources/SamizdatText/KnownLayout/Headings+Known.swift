import SamizdatModel

extension Headings {
    /// Headings from lines already known to be headings (by their type size): adjacent heading
    /// lines of one level are one heading (a title set over two lines), and so is a bare
    /// "Chapter 3" with the title lines under it. Level 1 is a chapter, 2 a section, deeper a
    /// subsection; a "Part N" line is a part; "Preface", "Notes" and the like are front or back matter.
    init(knownLines lines: [SourceLine], bytes b: [UInt8], roles: [LineRole], levels: [Int?]) {
        items = []
        paragraphPerLine = false
        let count = lines.count
        func nextHeadingLine(after line: Int) -> Int? {
            var candidate = line + 1
            while candidate < count, roles[candidate] == .blank || roles[candidate] == .artifact { candidate += 1 }
            return candidate < count && roles[candidate] == .heading ? candidate : nil
        }
        var line = 0
        while line < count {
            guard roles[line] == .heading, let level = levels[line] else {
                line += 1
                continue
            }
            let chapterLine = Headings.chapterLine(b, lines[line])
            let bareChapterLine = chapterLine.map { $0.2.isEmpty } ?? false
            var last = line
            var parts = [TextBytes.string(b, lines[line].contentStart, lines[line].contentEnd)]
            while parts.count < 4, let next = nextHeadingLine(after: last),
                levels[next] == level || (bareChapterLine && last == line)
            {
                parts.append(TextBytes.string(b, lines[next].contentStart, lines[next].contentEnd))
                last = next
            }
            var rank: Rank = level <= 1 ? .chapter : (level == 2 ? .section : .subsection)
            var kind: SectionKind = rank == .chapter ? .chapter : .section
            var number: Int? = nil
            var title = parts.joined(separator: " ")
            if let (chapterRank, chapterNumber, inlineTitle) = chapterLine {
                rank = chapterRank
                kind = chapterRank == .part ? .part : .chapter
                number = chapterNumber
                let rest = parts.dropFirst().joined(separator: " ")
                title = inlineTitle.isEmpty ? (rest.isEmpty ? parts[0] : rest) : ([inlineTitle] + parts.dropFirst()).joined(separator: " ")
            } else if let matter = Headings.matter(title) {
                kind = matter
                rank = .chapter
            }
            items.append(Heading(firstLine: line, lastLine: last, title: title, rank: rank, kind: kind, number: number))
            line = last + 1
        }
    }
}
