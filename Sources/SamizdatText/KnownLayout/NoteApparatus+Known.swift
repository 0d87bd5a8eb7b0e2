extension NoteApparatus {
    /// Notes from lines already known to be notes printed at the foot of their pages: one group per
    /// page, a new note where a line starts with a label ("3", "3.", "[3]", "*"; a label glued to
    /// its text, "3The", as superscripts extract) and the line starts a note, or the label is one that
    /// running text cannot start with ("3.", "[3]", "*"). A note line with no label at the top of a
    /// page's notes goes on with the last note (a note run over onto the next page).
    ///
    /// When the markup names its notes (`noteStarts` not empty), a note opens exactly at a line
    /// that names one, with the label it gives, and every other note line goes on with the open note.
    init(
        knownNoteLines lines: [SourceLine],
        bytes b: [UInt8],
        roles: [LineRole],
        pageOfLine: [Int32],
        starts: [Bool],
        noteStarts: [Int: LaidOutLine.NoteStart] = [:]
    ) {
        entries = []
        groups = []
        pageStarts = []
        var currentPage: Int32 = -1
        var openEntry: Int? = nil
        for line in 0..<lines.count where roles[line] == .note {
            if pageOfLine[line] != currentPage {
                groups.append(Group(kind: .footnotes, chapter: nil, firstLine: line, lastLine: line))
                currentPage = pageOfLine[line]
            }
            let group = groups.count - 1
            groups[group].lastLine = line
            let source = lines[line]
            if !noteStarts.isEmpty {
                let text = TextBytes.string(b, source.contentStart, source.contentEnd)
                if let start = noteStarts[line] {
                    entries.append(Entry(label: start.label, text: text, firstLine: line, group: group))
                    groups[group].entries.append(entries.count - 1)
                    entryOfKey[start.key] = entries.count - 1
                    openEntry = entries.count - 1
                } else if let open = openEntry {
                    entries[open].text = NoteApparatus.join(entries[open].text, text)
                } else {
                    entries.append(Entry(label: "", text: text, firstLine: line, group: group))
                    groups[group].entries.append(entries.count - 1)
                    openEntry = entries.count - 1
                }
                continue
            }
            var found = NoteApparatus.label(b, source)
            if found == nil, starts[line] { found = NoteApparatus.gluedLabel(b, source) }
            if let found,
                starts[line] || found.form == .dotted || found.form == .bracketed || found.form == .symbol || openEntry == nil
            {
                let label =
                    found.form == .symbol
                    ? TextBytes.string(b, source.contentStart, found.textStart).trimmingSpaces() : String(found.value)
                let text = found.textStart < source.contentEnd ? TextBytes.string(b, found.textStart, source.contentEnd) : ""
                entries.append(Entry(label: label, text: text, firstLine: line, group: group))
                groups[group].entries.append(entries.count - 1)
                openEntry = entries.count - 1
                continue
            }
            let text = TextBytes.string(b, source.contentStart, source.contentEnd)
            if let open = openEntry {
                entries[open].text = NoteApparatus.join(entries[open].text, text)
            } else {
                entries.append(Entry(label: "", text: text, firstLine: line, group: group))
                groups[group].entries.append(entries.count - 1)
                openEntry = entries.count - 1
            }
        }
    }

    /// "3The text": a note number glued to its text, as a superscript label extracts from a PDF.
    static func gluedLabel(_ b: [UInt8], _ line: SourceLine) -> Label? {
        var end = line.contentStart
        while end < line.contentEnd, TextBytes.isDigit(b[end]) { end += 1 }
        guard end > line.contentStart, end - line.contentStart <= 3, end < line.contentEnd,
            let value = TextBytes.integer(b, line.contentStart, end), value >= 1
        else { return nil }
        let (next, _) = TextBytes.scalar(b, end)
        guard TextBytes.isUpper(next) || TextBytes.isOpeningQuote(next) else { return nil }
        return Label(value: value, form: .spaced, textStart: end)
    }
}
