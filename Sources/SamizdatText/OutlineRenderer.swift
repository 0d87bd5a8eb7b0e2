import SamizdatModel

/// A readable outline of a segmented document's clean text: headings indented by level, the
/// printed page label where a page begins (`[p. 13]`), paragraphs (block quotations set off with
/// `>`), note markers shown as `[n]` where they stood, and each note under the paragraph holding its marker.
public enum OutlineRenderer {
    public static func render(_ doc: SegmentedDocument) -> String {
        var out = ""
        let u = Array(doc.text.utf8)
        var lastPage: String? = nil
        var notesByOffset: [(Int, Int)] = []  // (marker offset, note index)
        for (k, n) in doc.notes.enumerated() { if let m = n.marker { notesByOffset.append((m, k)) } }
        notesByOffset.sort { $0.0 < $1.0 }
        var noteCursor = 0
        var pageCursor = 0

        for p in doc.paragraphs {
            let level = p.section.map { doc.sections[$0].level } ?? 0
            if let page = p.page, !page.isEmpty, page != lastPage {
                out += "[p. \(page)]\n"
                lastPage = page
            }
            if p.kind == .heading {
                let sec = p.section.map { doc.sections[$0] }
                let indent = String(repeating: "  ", count: max(0, level - 1))
                var tag = ""
                if let s = sec {
                    switch s.kind {
                    case .frontMatter: tag = "  (front matter)"
                    case .backMatter: tag = "  (back matter)"
                    case .part: tag = "  (part)"
                    case .post: tag = "  (post)"
                    default: break
                    }
                }
                out += "\n" + indent + String(repeating: "#", count: max(1, level)) + " " + slice(u, p.start, p.end) + tag + "\n\n"
                continue
            }
            // inline insertions: page changes and note markers inside the paragraph
            var inserts: [(Int, String)] = []
            while pageCursor < doc.pages.count, doc.pages[pageCursor].end <= p.start { pageCursor += 1 }
            var pc = pageCursor
            while pc < doc.pages.count, doc.pages[pc].start < p.end {
                let span = doc.pages[pc]
                if span.start > p.start, !span.label.isEmpty, span.label != lastPage {
                    inserts.append((span.start, " [p. \(span.label)] "))
                    lastPage = span.label
                }
                pc += 1
            }
            while noteCursor < notesByOffset.count, notesByOffset[noteCursor].0 < p.start { noteCursor += 1 }
            var paragraphNotes: [Int] = []
            var nc = noteCursor
            while nc < notesByOffset.count, notesByOffset[nc].0 <= p.end {
                let note = doc.notes[notesByOffset[nc].1]
                inserts.append((notesByOffset[nc].0, "[\(note.label)]"))
                paragraphNotes.append(notesByOffset[nc].1)
                nc += 1
            }
            inserts.sort { $0.0 < $1.0 }
            var text = ""
            var pos = p.start
            for (offset, s) in inserts {
                text += slice(u, pos, offset) + s
                pos = offset
            }
            text += slice(u, pos, p.end)
            let indent = String(repeating: "  ", count: max(0, level))
            let prefix = p.kind == .blockQuote ? "> " : ""
            out += indent + prefix + text + "\n"
            for k in paragraphNotes {
                let n = doc.notes[k]
                out += indent + "    note \(n.label)" + (n.page.map { " (p. \($0))" } ?? "") + ": " + n.text + "\n"
            }
            out += "\n"
        }
        // sections with no text of their own (endnotes taken out of the body) and the notes nobody calls
        let headed = Set(doc.paragraphs.filter { $0.kind == .heading }.compactMap(\.section))
        for (k, sec) in doc.sections.enumerated() where !headed.contains(k) && sec.start == sec.end {
            out +=
                "\n" + String(repeating: "  ", count: max(0, sec.level - 1)) + String(repeating: "#", count: max(1, sec.level)) + " " + sec.title
                + (sec.kind == .backMatter ? "  (back matter)" : "") + "\n"
        }
        let unlinked = doc.notes.filter { $0.marker == nil }
        if !unlinked.isEmpty {
            out += "\nNotes with no marker:\n"
            for n in unlinked { out += "    note \(n.label)" + (n.page.map { " (p. \($0))" } ?? "") + ": " + n.text + "\n" }
        }
        if !doc.unmatchedMarkers.isEmpty {
            out += "Markers with no note: " + doc.unmatchedMarkers.joined(separator: ", ") + "\n"
        }
        return out
    }

    private static func slice(_ u: [UInt8], _ s: Int, _ e: Int) -> String {
        let a = max(0, min(s, u.count))
        let b = max(a, min(e, u.count))
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}
