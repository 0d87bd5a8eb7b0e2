/// Blog essays as saved from the web: several posts in one file, each with a lowercase title,
/// paragraphs one per line separated by blank lines, sometimes a numbered list, bracketed note
/// markers ` [3]` after sentences and the notes `[3] …` collected after each post.
struct BlogGenerator {
    let lexicon: Lexicon

    func generate(name: String, targetBytes: Int, rng seed: SplitMix64) -> GeneratedText {
        var rng = seed
        var setter = PageSetter(name: name, kind: .blog, paged: false, rng: SplitMix64(seed: rng.next()), capacity: targetBytes)
        var writer = ProseWriter(
            lexicon: lexicon,
            rng: SplitMix64(seed: rng.next()),
            markerStyle: .bracketed,
            citationStyle: .blog,
            noteRate: 0.08,
            citationRate: 0.02
        )
        setter.truth.authors = [lexicon.givenName(&rng).lowercased()]
        var posts = 0
        while setter.bytes < targetBytes || posts == 0 {
            posts += 1
            if posts > 1 {
                setter.raw("")
                setter.raw("")
            }
            var words = writer.titleWords(rng.int(2...8))
            if rng.chance(0.4) { words.insert(lexicon.surname(&rng).lowercased() + ",", at: 0) }
            let title = words.joined(separator: " ")
            setter.heading([title], kind: .post, level: 1)
            setter.raw("")
            writer.nextNoteNumber = 1
            let firstNote = writer.notes.count
            let postTarget = rng.int(3_000...14_000)
            let start = setter.bytes
            var paragraphs = 0
            while setter.bytes - start < postTarget || paragraphs < 2 {
                if paragraphs > 0 {
                    setter.raw("")
                    if rng.chance(0.1) { setter.raw("") }
                }
                paragraphs += 1
                if paragraphs > 2 && rng.chance(0.06) {
                    for k in 1...rng.int(2...5) {
                        if k > 1 { setter.raw("") }
                        var item = writer.sentence(notesAllowed: true)
                        item[0].text = "  \(k). " + item[0].text
                        item[0].splittable = false
                        setter.paragraph(item, width: Int.max)
                    }
                    continue
                }
                setter.paragraph(writer.paragraph(sentences: rng.int(2...10)), width: Int.max)
            }
            if firstNote < writer.notes.count {
                setter.raw("")
                for i in firstNote..<writer.notes.count {
                    setter.raw("")
                    let note = writer.notes[i]
                    let at = setter.raw("[\(note.label)] \(note.text)")
                    setter.recordNote(i, text: note.text, noteLine: at.line)
                }
            }
        }
        let (text, truth) = setter.finish()
        return GeneratedText(name: name, kind: .blog, text: text, truth: truth)
    }
}
