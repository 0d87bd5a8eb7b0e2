/// A book as a PDF extraction gives it: roman-numbered preface, `Chapter N` pages with ALL-CAPS
/// titles over one or two lines, ALL-CAPS section headings, hard-wrapped paragraphs with no blank
/// lines between them, page numbers at the head or foot of each page, running heads alternating
/// between the book's title and the chapter's, printer slugs, a leading space where a page starts
/// without a head, words hyphenated at line ends, note markers glued to words, author-year
/// citations, and the endnotes of every chapter at the back.
struct BookGenerator {
    let lexicon: Lexicon

    func generate(name: String, targetBytes: Int, rng seed: SplitMix64) -> GeneratedText {
        var rng = seed
        var setter = PageSetter(name: name, kind: .book, paged: true, rng: SplitMix64(seed: rng.next()), capacity: targetBytes)
        var writer = ProseWriter(
            lexicon: lexicon,
            rng: SplitMix64(seed: rng.next()),
            markerStyle: .glued,
            citationStyle: .book,
            noteRate: 0.07,
            citationRate: 0.1
        )
        writer.lostHyphenRate = 0.12
        setter.linesPerPage = rng.int(34...42)
        setter.width = rng.int(66...76)
        let author = lexicon.surname(&rng)
        let bookTitle = (["THE"] + writer.titleWords(rng.int(2...4)).map { $0.uppercased() }).joined(separator: " ")
        setter.truth.title = bookTitle
        setter.truth.authors = ["\(lexicon.givenName(&rng)) \(author)"]
        let date =
            String(format2: rng.int(1...28)) + "/" + String(format2: rng.int(1...12)) + "/" + String(format2: rng.int(5...19))
            + " \(rng.int(1...12)):\(String(format2: rng.int(0...59))) \(rng.chance(0.5) ? "AM" : "PM")"
        setter.slug = ("\(rng.int(1000...9999))_\(author).indd", date)
        setter.slugRate = rng.chance(0.7) ? 0.5 : 0

        // Preface, on roman pages.
        setter.numbering = .roman
        setter.pageNumber = rng.int(5...9)
        setter.runningHeads = (bookTitle, "Preface")
        setter.newPage(opening: true)
        setter.heading(["PREFACE"], kind: .frontMatter, level: 1)
        for _ in 0..<rng.int(5...12) {
            setter.paragraph(writer.paragraph(sentences: rng.int(2...8), notesAllowed: false), width: setter.width)
        }

        // Chapters, on arabic pages from 1.
        setter.endPage()
        setter.numbering = .arabic
        setter.pageNumber = 1
        let chapterBytes = max(40_000, targetBytes / rng.int(5...9))
        var chapterNotes: [(number: Int, notes: Range<Int>)] = []
        var number = 0
        let notesReserve = targetBytes / 12
        while setter.bytes < targetBytes - notesReserve || number == 0 {
            number += 1
            let titleWords = writer.titleWords(rng.int(3...9))
            let caps = titleWords.map { $0.uppercased() }
            let titleLines: [String]
            if caps.count >= 5 && rng.chance(0.6) {
                let cut = rng.int(2...(caps.count - 2))
                titleLines = [caps[..<cut].joined(separator: " ") + (rng.chance(0.5) ? ":" : ""), caps[cut...].joined(separator: " ")]
            } else {
                titleLines = [caps.joined(separator: " ")]
            }
            let short = titleWords.prefix(3).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            setter.runningHeads = (bookTitle, short)
            setter.newPage(opening: true)
            setter.heading(titleLines, kind: .chapter, level: 1, label: "Chapter \(number)")
            setter.bodyLine("")
            writer.nextNoteNumber = 1
            let firstNote = writer.notes.count
            let start = setter.bytes
            var section = 0
            while setter.bytes - start < chapterBytes {
                if section > 0 || rng.chance(0.7) {
                    let words = writer.titleWords(rng.int(2...8)).map { $0.uppercased() }
                    if words.count >= 5 && rng.chance(0.4) {
                        let cut = rng.int(2...(words.count - 2))
                        setter.heading([words[..<cut].joined(separator: " "), words[cut...].joined(separator: " ")], kind: .section, level: 2)
                    } else {
                        setter.heading([words.joined(separator: " ")], kind: .section, level: 2)
                    }
                }
                section += 1
                for _ in 0..<rng.int(4...14) {
                    setter.paragraph(writer.paragraph(sentences: rng.int(1...9)), width: setter.width)
                }
            }
            chapterNotes.append((number, firstNote..<writer.notes.count))
        }

        // Endnotes, chapter by chapter.
        setter.runningHeads = ("Notes", "Notes")
        setter.newPage(opening: true)
        setter.heading(["Notes"], kind: .backMatter, level: 1)
        for (number, range) in chapterNotes where !range.isEmpty {
            setter.heading(["CHAPTER \(number)"], kind: .backMatter, level: 2)
            for i in range {
                let note = writer.notes[i]
                let first = setter.wrapPlain(note.text, width: setter.width, prefix: "\(note.label). ", viaBody: true)
                setter.recordNote(i, text: note.text, noteLine: first)
            }
            setter.bodyLine("")
        }
        let (text, truth) = setter.finish()
        return GeneratedText(name: name, kind: .book, text: text, truth: truth)
    }
}

extension String {
    /// Two-digit zero-padded decimal.
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}
