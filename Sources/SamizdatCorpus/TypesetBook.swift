/// A book typeset to PDF from the generator's prose, with the answers extraction must find: a
/// preface on roman pages (labelled i, ii … in the catalogue), chapters on arabic pages opening
/// with a two-line title ("Chapter N" over the title, larger), section headings, justified
/// paragraphs with first-line indents running across page turns and words hyphenated at line
/// ends, note markers set as superscripts with their notes in small type at the foot of the page,
/// running heads alternating left (the book's title) and right (the chapter's title with the page
/// number), and page numbers centred at the foot of the other pages.
public struct TypesetBook: Sendable {
    /// One paragraph as the reader should get it back: its words (markers out, hyphens undone) and
    /// the label of the page it starts on.
    public struct ParagraphTruth: Sendable {
        public var text: String
        public var page: String
    }

    /// One note: its label, its text, and the label of the page its marker and it are printed on.
    public struct NoteTruth: Sendable {
        public var label: String
        public var text: String
        public var page: String
    }

    public var pdf: [UInt8]
    public var pageLabels: [String]
    public var paragraphs: [ParagraphTruth]
    public var notes: [NoteTruth]
    /// Every heading's title as a reader would give it ("Chapter 2" with its title, a section's).
    public var headings: [String]
    public var runningHeads: Set<String>
    public var title: String

    /// A book of `chapters` chapters of `paragraphsPerChapter` paragraphs, deterministic for `seed`.
    public static func make(seed: UInt64, chapters: Int = 3, paragraphsPerChapter: Int = 14) -> TypesetBook {
        var builder = TypesetBookBuilder(seed: seed)
        builder.write(chapters: chapters, paragraphsPerChapter: paragraphsPerChapter)
        return builder.finish()
    }
}

/// Lays a generated book out page by page (see `TypesetBook`).
struct TypesetBookBuilder {
    static let bodySize = 10.0
    static let noteSize = 8.0
    static let leading = 12.0
    static let noteLeading = 9.5
    static let left = 54.0
    static let measure = 324.0
    static let bodyTop = 84.0
    static let bodyBottom = 590.0
    static let headY = 50.0
    static let footY = 620.0

    var rng: SplitMix64
    var writer: ProseWriter
    let setter = PDFTypesetter()
    var title: String
    var chapterTitle = ""
    var pages: [[PDFTypesetter.Run]] = []
    var labels: [String] = []
    var roman = true
    var romanCount = 0
    var current: [PDFTypesetter.Run] = []
    var currentNotes: [(label: String, lines: [String])] = []
    var y = bodyTop
    var opening = true
    var truthParagraphs: [TypesetBook.ParagraphTruth] = []
    var truthNotes: [TypesetBook.NoteTruth] = []
    var headings: [String] = []
    var heads: Set<String> = []

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        writer = ProseWriter(
            lexicon: Lexicon.standard,
            rng: SplitMix64(seed: rng.next()),
            markerStyle: .glued,
            citationStyle: .book,
            noteRate: 0.12,
            citationRate: 0.1
        )
        title = writer.titleWords(3).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    var label: String { roman ? PDFRoman.text(pages.count + 1) : String(pages.count - romanCount + 1) }

    mutating func write(chapters: Int, paragraphsPerChapter: Int) {
        chapterTitle = "Preface"
        heading(["Preface"], size: 18)
        for _ in 0..<4 { paragraph(first: truthParagraphs.isEmpty) }
        newPage()
        roman = false
        romanCount = pages.count
        for chapter in 1...chapters {
            if !current.isEmpty { newPage() }
            chapterTitle = writer.titleWords(rng.int(2...4)).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            heading(["Chapter \(chapter)", chapterTitle], size: 18)
            for index in 0..<paragraphsPerChapter {
                if index > 0, index % 6 == 0 {
                    let section = writer.titleWords(rng.int(2...3)).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
                    heading([section], size: 12)
                    paragraph(first: true)
                } else {
                    paragraph(first: index == 0)
                }
            }
        }
        newPage()
    }

    func finish() -> TypesetBook {
        let pdf = setter.document(
            pages: pages,
            labels: [PDFTypesetter.LabelRange(start: 0, style: "r"), PDFTypesetter.LabelRange(start: romanCount, style: "D")]
        )
        return TypesetBook(
            pdf: pdf,
            pageLabels: labels,
            paragraphs: truthParagraphs,
            notes: truthNotes,
            headings: headings,
            runningHeads: heads,
            title: title
        )
    }

    // MARK: - Headings

    /// A heading: a chapter's ("Chapter N" at 14 pt over the title at `size`) opens a page.
    mutating func heading(_ lines: [String], size: Double) {
        if lines.count == 1, size < 18 {
            if y + 3 * TypesetBookBuilder.leading > bodyLimit { newPage() }
            y += TypesetBookBuilder.leading
            current.append(PDFTypesetter.Run(text: lines[0], face: .helveticaBold, size: size, x: TypesetBookBuilder.left, y: y))
            y += TypesetBookBuilder.leading * 1.5
            headings.append(lines[0])
            return
        }
        opening = true
        y = TypesetBookBuilder.bodyTop + 40
        for (index, line) in lines.enumerated() {
            let lineSize = lines.count == 2 && index == 0 ? 14 : size
            current.append(PDFTypesetter.Run(text: line, face: .helveticaBold, size: lineSize, x: TypesetBookBuilder.left, y: y))
            y += lineSize * 1.4
        }
        y += TypesetBookBuilder.leading
        headings.append(lines.count == 2 ? lines[1] : lines[0])
    }

    // MARK: - Paragraphs

    /// The words of a paragraph as printed pieces: a word, or a word and its superscript marker.
    mutating func paragraph(first: Bool) {
        let tokens = writer.paragraph(sentences: rng.int(2...6))
        var words: [(text: String, marker: String?, splittable: Bool)] = []
        var truthWords: [String] = []
        for token in tokens {
            for (index, part) in token.text.split(separator: " ").enumerated() {
                var text = String(part)
                var marker: String? = nil
                if let found = token.marker, index == token.text.split(separator: " ").count - 1, text.hasSuffix(found.label) {
                    text = String(text.dropLast(found.label.count))
                    marker = found.label
                }
                words.append((text, marker, token.splittable && !token.text.contains(" ")))
                truthWords.append(text)
            }
        }
        let startPage = label
        let lines = breakLines(words, indent: first ? 0 : 3)
        truthParagraphs.append(TypesetBook.ParagraphTruth(text: truthWords.joined(separator: " "), page: startPage))
        var recordedStart = false
        for (index, line) in lines.enumerated() {
            let notes = line.compactMap(\.marker).map { label in (label: label, text: writer.notes[Int(label)! - 1].text) }
            let noteLines = notes.map {
                TypesetBookBuilder.wrap("\($0.label) \($0.text)", width: Int(TypesetBookBuilder.measure / (TypesetBookBuilder.noteSize * 0.6)))
            }
            var needed = TypesetBookBuilder.leading
            for wrapped in noteLines { needed += Double(wrapped.count) * TypesetBookBuilder.noteLeading }
            if !noteLines.isEmpty, currentNotes.isEmpty { needed += 8 }
            if y + needed > bodyLimit { newPage() }
            if !recordedStart {
                truthParagraphs[truthParagraphs.count - 1].page = label
                recordedStart = true
            }
            set(line: line, indent: index == 0 && !first ? 3 : 0, justify: index < lines.count - 1)
            for (note, wrapped) in zip(notes, noteLines) {
                currentNotes.append((note.label, wrapped))
                truthNotes.append(TypesetBook.NoteTruth(label: note.label, text: note.text, page: label))
            }
            y += TypesetBookBuilder.leading
        }
    }

    var bodyLimit: Double {
        var limit = TypesetBookBuilder.bodyBottom
        if !currentNotes.isEmpty {
            limit -= 8
            for note in currentNotes { limit -= Double(note.lines.count) * TypesetBookBuilder.noteLeading }
        }
        return limit
    }

    typealias Piece = (text: String, marker: String?)

    /// Greedy lines of Courier at body size within the measure; a lowercase word that does not fit is
    /// hyphenated when two letters or more fit and two or more go over.
    func breakLines(_ words: [(text: String, marker: String?, splittable: Bool)], indent: Int) -> [[Piece]] {
        let capacity = Int(TypesetBookBuilder.measure / (TypesetBookBuilder.bodySize * 0.6))
        var lines: [[Piece]] = []
        var line: [Piece] = []
        var used = indent
        for word in words {
            let length = word.text.count + (word.marker == nil ? 0 : 1)
            let needed = line.isEmpty ? length : length + 1
            if used + needed <= capacity {
                line.append((word.text, word.marker))
                used += needed
                continue
            }
            let room = capacity - used - (line.isEmpty ? 0 : 1) - 1
            if word.marker == nil, room >= 2, word.text.count - room >= 2,
                word.text.prefix(room + 1).allSatisfy({ $0.isASCII && $0.isLetter && $0.isLowercase })
            {
                line.append((String(word.text.prefix(room)) + "-", nil))
                lines.append(line)
                let rest = String(word.text.dropFirst(room))
                line = [(rest, nil)]
                used = rest.count
                continue
            }
            lines.append(line)
            line = [(word.text, word.marker)]
            used = length
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Sets one line: words in Courier, markers raised at 6 pt, justified to the measure with word spacing.
    mutating func set(line: [Piece], indent: Int, justify: Bool) {
        let size = TypesetBookBuilder.bodySize
        let charWidth = size * 0.6
        var natural = Double(indent) * charWidth
        for (index, piece) in line.enumerated() {
            natural += Double(piece.text.count + (index > 0 ? 1 : 0)) * charWidth
            if let marker = piece.marker { natural += Double(marker.count) * 6 * 0.6 }
        }
        let gaps = Double(max(1, line.count - 1))
        let spacing = justify ? max(0, (TypesetBookBuilder.measure - natural) / gaps) : 0
        var x = TypesetBookBuilder.left + Double(indent) * charWidth
        var pending = ""
        for (index, piece) in line.enumerated() {
            pending += (index > 0 ? " " : "") + piece.text
            if let marker = piece.marker {
                current.append(PDFTypesetter.Run(text: pending, face: .courier, size: size, x: x, y: y, wordSpacing: spacing))
                x += PDFTypesetter.courierWidth(pending, size: size) + Double(pending.filter { $0 == " " }.count) * spacing
                current.append(PDFTypesetter.Run(text: marker, face: .courier, size: 6, x: x, y: y, rise: 4))
                x += Double(marker.count) * 6 * 0.6
                pending = ""
            }
        }
        if !pending.isEmpty { current.append(PDFTypesetter.Run(text: pending, face: .courier, size: size, x: x, y: y, wordSpacing: spacing)) }
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    // MARK: - Pages

    /// Closes the page: its notes at the foot, its running head (not on an opening page) and its number.
    mutating func newPage() {
        var noteY = TypesetBookBuilder.bodyBottom + 10
        for note in currentNotes { noteY -= Double(note.lines.count) * TypesetBookBuilder.noteLeading }
        for note in currentNotes {
            for line in note.lines {
                current.append(PDFTypesetter.Run(text: line, face: .courier, size: TypesetBookBuilder.noteSize, x: TypesetBookBuilder.left, y: noteY))
                noteY += TypesetBookBuilder.noteLeading
            }
        }
        let pageLabel = label
        let recto = (pages.count - romanCount) % 2 == 0
        if opening || roman {
            let x = TypesetBookBuilder.left + TypesetBookBuilder.measure / 2 - PDFTypesetter.courierWidth(pageLabel, size: 9) / 2
            current.append(PDFTypesetter.Run(text: pageLabel, face: .courier, size: 9, x: x, y: TypesetBookBuilder.footY))
        } else if recto {
            let head = "\(chapterTitle)   \(pageLabel)"
            heads.insert(chapterTitle)
            let x = TypesetBookBuilder.left + TypesetBookBuilder.measure - PDFTypesetter.courierWidth(head, size: 9)
            current.append(PDFTypesetter.Run(text: head, face: .courier, size: 9, x: x, y: TypesetBookBuilder.headY))
        } else {
            heads.insert(title)
            current.append(PDFTypesetter.Run(text: title, face: .courier, size: 9, x: TypesetBookBuilder.left, y: TypesetBookBuilder.headY))
            let x = TypesetBookBuilder.left + TypesetBookBuilder.measure / 2 - PDFTypesetter.courierWidth(pageLabel, size: 9) / 2
            current.append(PDFTypesetter.Run(text: pageLabel, face: .courier, size: 9, x: x, y: TypesetBookBuilder.footY))
        }
        pages.append(current)
        labels.append(pageLabel)
        current = []
        currentNotes = []
        y = TypesetBookBuilder.bodyTop
        opening = false
    }
}

/// Lowercase roman numerals for page labels.
enum PDFRoman {
    static func text(_ value: Int) -> String {
        let table: [(Int, String)] = [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var remaining = value
        var out = ""
        for (amount, numeral) in table {
            while remaining >= amount {
                out += numeral
                remaining -= amount
            }
        }
        return out
    }
}
