/// Sentence boundaries for scholarly English, over UTF-8 bytes.
///
/// A boundary is a full stop, question or exclamation mark or ellipsis, with any closing quotes and
/// brackets and a note marker glued after them ("managed.1"), followed by a space and an upper-case
/// letter, digit or opening quote. What a full stop after a short token means comes from
/// `AbbreviationLexicon`: abbreviations that never end a sentence (cf., ibid., pp., Mr.), those that
/// stand before a number (no., vol., N°.), and those that may end one (et al., U.S., p.m.) — which
/// do when the next word opens sentences (a function word or a title) and the sentence is more than
/// an opening phrase. Initials end a sentence only before such a word too ("you and I. Did" but
/// "Albert I. Jones"); a decade or a possessive is no abbreviation ("the 1930s. Lenin"). Not a
/// boundary: decimals, a list item's marker, anything inside brackets, spaced ellipsis points
/// marking an omission (". . . and", ". . . I"); before a capitalised function word they end the
/// sentence (". . . That is"). Four spaced points end a sentence ("period . . . . Next"); after a
/// word's full stop they open the next one ("compounds. . . . The"). A list run into one paragraph
/// ("1) The first item 2) The second item", see `ListMarker`) gives one sentence or more per item.
/// A quotation's source in brackets after the stop ("…?’ (2003: 84) However") closes the sentence
/// but is no sentence of its own; with a full stop after it ("…?’ (1968: 549). And") it ends the
/// sentence. A year alone in brackets after a quoted title ("‘…?’ (2008b) Esposito") is no source.
enum SentenceSplitter {
    /// Bytes the splitter stops at: stops, brackets, and the lead byte of "…".
    static let interesting: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for character in ".?!()[]" { table[Int(character.asciiValue!)] = true }
        table[0xE2] = true
        return table
    }()

    static let fullStop = UInt8(ascii: ".")

    /// Appends the sentences of bytes[start..<end] (one paragraph) as half-open byte ranges.
    static func split(_ bytes: [UInt8], _ start: Int, _ end: Int, into out: inout [(Int, Int)]) {
        var itemStart = start
        while itemStart < end, bytes[itemStart] == TextBytes.space { itemStart += 1 }
        guard itemStart < end else { return }
        guard let first = ListMarker(bytes, at: itemStart, end: end), var item = first.next(in: bytes, from: first.textStart, end: end)
        else {
            splitRun(bytes, itemStart, end, listItem: false, into: &out)
            return
        }
        // a list run into the paragraph: each item on its own
        splitRun(bytes, itemStart, item.start, listItem: true, into: &out)
        while let following = item.next(in: bytes, from: item.textStart, end: end) {
            splitRun(bytes, item.start, following.start, listItem: true, into: &out)
            item = following
        }
        splitRun(bytes, item.start, end, listItem: true, into: &out)
    }

    /// Appends the sentences of bytes[start..<end], a paragraph or one list item of it.
    static func splitRun(_ bytes: [UInt8], _ start: Int, _ end: Int, listItem: Bool, into out: inout [(Int, Int)]) {
        var sentenceStart = start
        while sentenceStart < end, bytes[sentenceStart] == TextBytes.space { sentenceStart += 1 }
        guard sentenceStart < end else { return }
        let firstSentence = out.count
        // a list marker opening the sentence ("1.", "a.", "• 9.") is no full stop
        var markerEnd = ListMarker(bytes, at: sentenceStart, end: end)?.textStart ?? sentenceStart
        var index = sentenceStart
        var depth = 0
        var depthStart = 0
        while index < end {
            let byte = bytes[index]
            if !interesting[Int(byte)] {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") {
                if depth == 0 { depthStart = index }
                depth += 1
                index += 1
                continue
            }
            if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") {
                if depth > 0 { depth -= 1 }
                index += 1
                continue
            }
            var stopLength = 0
            var isEllipsis = false
            if byte == fullStop || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!") {
                stopLength = 1
            } else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA6 {
                stopLength = 3
                isEllipsis = true
            }
            guard stopLength > 0 else {
                index += 1
                continue
            }
            if depth > 0 {
                let closesBracket =
                    depth == 1 && index + stopLength < end
                    && (bytes[index + stopLength] == UInt8(ascii: ")") || bytes[index + stopLength] == UInt8(ascii: "]"))
                    && depthStart == sentenceStart
                if index - depthStart > 300 || closesBracket {
                    depth = 0
                } else {
                    index += stopLength
                    continue
                }
            }
            if index < markerEnd {
                index += stopLength
                continue
            }
            var after = index + stopLength
            // spaced ellipsis points: three mark an omission; four end the sentence, and after a word's
            // own full stop ("compounds. . . . The") open the next one
            var endsBeforeEllipsis = false
            if byte == fullStop, after + 1 < end, bytes[after] == TextBytes.space, bytes[after + 1] == fullStop {
                var points = 1
                var lastPoint = index
                while lastPoint + 2 < end, bytes[lastPoint + 1] == TextBytes.space, bytes[lastPoint + 2] == fullStop {
                    lastPoint += 2
                    points += 1
                }
                if points == 3, !opensSentenceAfterOmission(bytes, lastPoint + 1, end) {
                    index = lastPoint + 1
                    continue
                }
                if points == 3 {
                    isEllipsis = true
                    after = lastPoint + 1
                } else if points > 3 {
                    isEllipsis = true
                    endsBeforeEllipsis = index > sentenceStart && bytes[index - 1] != TextBytes.space
                    after = lastPoint + 1
                }
            }
            while after < end, bytes[after] == fullStop || bytes[after] == UInt8(ascii: "?") || bytes[after] == UInt8(ascii: "!") {
                after += 1
            }
            if byte == fullStop, after - index >= 3 { isEllipsis = true }
            while after < end {
                let (value, length) = TextBytes.scalar(bytes, after)
                if TextBytes.isClosingQuote(value) || value == 0x29 || value == 0x5D {
                    after += length
                } else {
                    break
                }
            }
            guard after < end else { break }
            // a note marker glued after the stop ("executions.9 What"): it ends the sentence with it
            var gluedNumber = false
            if TextBytes.isDigit(bytes[after]), !isEllipsis, index > sentenceStart, !TextBytes.isDigit(bytes[index - 1]) {
                var digitEnd = after
                while digitEnd < end, TextBytes.isDigit(bytes[digitEnd]), digitEnd - after < 4 { digitEnd += 1 }
                if digitEnd - after <= 3, digitEnd < end, bytes[digitEnd] == TextBytes.space {
                    after = digitEnd
                    gluedNumber = true
                }
            }
            guard bytes[after] == TextBytes.space else {
                index = after
                continue
            }
            var next = after
            while next < end, bytes[next] == TextBytes.space { next += 1 }
            guard next < end else { break }
            let (nextValue, nextLength) = TextBytes.scalar(bytes, next)
            var nextStartsSentence = false
            if TextBytes.isUpper(nextValue) || (nextValue < 0x80 && TextBytes.isDigit(UInt8(nextValue))) {
                nextStartsSentence = true
            } else if TextBytes.isOpeningQuote(nextValue) || nextValue == 0x28 || nextValue == 0x5B {
                if next + nextLength < end {
                    let (second, _) = TextBytes.scalar(bytes, next + nextLength)
                    nextStartsSentence =
                        TextBytes.isUpper(second) || second == 0x2E || (nextValue == 0x5B && second < 0x80 && TextBytes.isDigit(UInt8(second)))
                }
            }
            // the source of a quotation in brackets after its stop — "… discipline. (Foucault 1994a: 64)",
            // "…the revolution?’ (2003: 84) However" — closes the sentence but is no sentence of its own;
            // with a full stop after it ("…‘Who were you?’ (1968: 549). And") it is the sentence's end
            var sourceEnd: Int? = nil
            var boundary = after
            if nextValue == 0x28, let close = citationClose(bytes, next, end), nextStartsSentence || !isBareYear(bytes, next + 1, close) {
                var afterSource = close + 1
                let stopAfterSource = afterSource < end && bytes[afterSource] == fullStop
                if stopAfterSource { afterSource += 1 }
                while afterSource < end, bytes[afterSource] == TextBytes.space { afterSource += 1 }
                if afterSource >= end {
                    if nextStartsSentence { sourceEnd = afterSource }
                } else {
                    let (value, _) = TextBytes.scalar(bytes, afterSource)
                    if TextBytes.isUpper(value) || TextBytes.isOpeningQuote(value) {
                        sourceEnd = afterSource
                        nextStartsSentence = true
                    }
                }
                if sourceEnd != nil, stopAfterSource { boundary = close + 2 }
            }
            guard nextStartsSentence else {
                index = after
                continue
            }
            if byte == fullStop, !isEllipsis,
                !endsAfterFullStop(bytes, sentenceStart, index, nextAt: next, end: end, gluedNumber: gluedNumber)
            {
                index = after
                continue
            }
            if isEllipsis, !TextBytes.isUpper(nextValue) {
                index = after
                continue
            }
            if endsBeforeEllipsis {
                // the ellipsis opens the next sentence
                out.append((sentenceStart, index + 1))
                sentenceStart = index + 2
                index = after
                depth = 0
                markerEnd = sentenceStart
                continue
            }
            out.append((sentenceStart, boundary))
            if let sourceEnd { next = sourceEnd }
            guard next < end else { return }
            sentenceStart = next
            index = next
            depth = 0
            markerEnd = ListMarker(bytes, at: sentenceStart, end: end)?.textStart ?? sentenceStart
        }
        var sentenceEnd = end
        while sentenceEnd > sentenceStart, bytes[sentenceEnd - 1] == TextBytes.space { sentenceEnd -= 1 }
        guard sentenceEnd > sentenceStart else { return }
        // a short run with no stop at all (a byline, a caption, a quotation's source) is not a sentence,
        // unless it is an item of a list
        let foundOne = out.count > firstSentence
        if !listItem, foundOne || sentenceEnd - sentenceStart < 80 {
            let (last, length) = TextBytes.scalar(bytes, endingAt: sentenceEnd)
            var stop = last == 0x2E || last == 0x3F || last == 0x21 || last == TextBytes.ellipsis
            if !stop, TextBytes.isClosingQuote(last) || last == 0x29 || last == 0x5D, sentenceEnd - length > sentenceStart {
                let (previous, _) = TextBytes.scalar(bytes, endingAt: sentenceEnd - length)
                stop = previous == 0x2E || previous == 0x3F || previous == 0x21 || previous == TextBytes.ellipsis
            }
            if !stop {
                if foundOne, citationClose(bytes, sentenceStart, sentenceEnd) == sentenceEnd - 1 { return }  // the source after a quotation
                if !foundOne { return }
            }
        }
        out.append((sentenceStart, sentenceEnd))
    }

    /// The full stop at `dot` ends a sentence unless it closes an abbreviation, an initial or a list
    /// number. `gluedNumber`: a number follows the full stop without a space (a note marker, or an
    /// abbreviation's locator: "p.5").
    static func endsAfterFullStop(_ bytes: [UInt8], _ sentenceStart: Int, _ dot: Int, nextAt next: Int, end: Int, gluedNumber: Bool) -> Bool {
        var tokenStart = dot
        while tokenStart > sentenceStart {
            let previous = bytes[tokenStart - 1]
            if TextBytes.isLetterASCII(previous) || previous == fullStop
                || previous >= 0x80 && previous != 0x99 && previous != 0x9D && previous != 0x9C && previous != 0x98
            {
                tokenStart -= 1
            } else {
                break
            }
        }
        // digits: a list number at the start of the paragraph ("1. …"); otherwise a year or figure ends a sentence
        if tokenStart == dot {
            var digitStart = dot
            while digitStart > sentenceStart, TextBytes.isDigit(bytes[digitStart - 1]) { digitStart -= 1 }
            if digitStart < dot, digitStart == sentenceStart, dot - digitStart <= 3 { return false }
            return true
        }
        guard dot - tokenStart <= 12 else { return true }  // a long word is no abbreviation
        // the end of a word, not an abbreviation: a decade ("the 1930s."), a possessive ("Stalin’s.")
        if tokenStart > sentenceStart {
            let before = bytes[tokenStart - 1]
            if TextBytes.isDigit(before) || before == UInt8(ascii: "'") || before == 0x99 && tokenStart >= 3 && bytes[tokenStart - 3] == 0xE2 {
                return true
            }
        }
        // only a short token can be an abbreviation or an initial
        let token = String(decoding: bytes[tokenStart..<dot], as: UTF8.self).lowercased()
        let letters = token.filter { $0 != "." }
        let kind = AbbreviationLexicon.kind(of: token)
        if gluedNumber { return kind == nil }
        // an initial: "J. Smith", "T.T. Heine"; or the pronoun: "you and I. Did"
        if letters.count == 1, TextBytes.isUpperASCII(bytes[tokenStart]) || bytes[tokenStart] >= 0xC0 {
            return AbbreviationLexicon.opensSentence(word(bytes, next, end))
        }
        switch kind {
        case .beforeNumber:
            // "no. 11", "vol. 2": an abbreviation before a number; "No. Of course" ends a sentence
            let (value, _) = TextBytes.scalar(bytes, next)
            return !(value < 0x80 && TextBytes.isDigit(UInt8(value)))
        case .inner:
            return false
        case .mayEndSentence:
            return endsAfterAbbreviation(bytes, sentenceStart, tokenStart, dot: dot, nextAt: next, end: end)
        case nil:
            break
        }
        // a dotted acronym not in the lexicon ("E.U.") may end a sentence as one in it does
        if token.contains("."), letters.count <= 6, letters.count * 2 >= token.count - 1 {
            return endsAfterAbbreviation(bytes, sentenceStart, tokenStart, dot: dot, nextAt: next, end: end)
        }
        // a roman list number opening the paragraph: "II. The"
        if tokenStart == sentenceStart, token.count <= 4, token.allSatisfy({ "ivxlc".contains($0) }) { return false }
        return true
    }

    /// Whether an abbreviation that may end a sentence ends it: the next word opens sentences and,
    /// for a multi-period abbreviation ("a.m.", "U.S."), the sentence holds at least
    /// `AbbreviationLexicon.minimumWordsBeforeEnding` words before it.
    static func endsAfterAbbreviation(_ bytes: [UInt8], _ sentenceStart: Int, _ tokenStart: Int, dot: Int, nextAt next: Int, end: Int) -> Bool {
        guard AbbreviationLexicon.opensSentence(word(bytes, next, end)) else { return false }
        guard bytes[tokenStart..<dot].contains(fullStop) else { return true }
        var words = 0
        var inWord = false
        for position in sentenceStart..<tokenStart {
            if bytes[position] == TextBytes.space {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
        }
        return words >= AbbreviationLexicon.minimumWordsBeforeEnding
    }

    /// Whether a sentence begins after three spaced ellipsis points ending at `start`: the next word,
    /// past closing quotes, is a capitalised word that `opensSentence` other than "I", which is
    /// capitalised anywhere ("the thing is . . . I didn’t mean it" is one sentence).
    static func opensSentenceAfterOmission(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var position = start
        while position < end {
            let (value, length) = TextBytes.scalar(bytes, position)
            guard TextBytes.isClosingQuote(value) else { break }
            position += length
        }
        guard position < end, bytes[position] == TextBytes.space else { return false }
        while position < end, bytes[position] == TextBytes.space { position += 1 }
        guard position < end, TextBytes.isUpperASCII(bytes[position]) else { return false }
        let next = word(bytes, position, end)
        return next != "i" && AbbreviationLexicon.opensSentence(next)
    }

    /// Whether bytes[start..<end] is a year alone ("2008", "2008b"): in brackets after a quoted title,
    /// the title's date, not a quotation's source.
    static func isBareYear(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length == 4 || length == 5 else { return false }
        for position in start..<start + 4 where !TextBytes.isDigit(bytes[position]) { return false }
        return length == 4 || TextBytes.isLowerASCII(bytes[start + 4])
    }

    /// The ASCII word at `start`, lower case; empty for a one-letter word before a full stop (an initial).
    static func word(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var wordEnd = start
        while wordEnd < end, TextBytes.isLetterASCII(bytes[wordEnd]) { wordEnd += 1 }
        if wordEnd - start == 1, wordEnd < end, bytes[wordEnd] == fullStop { return "" }
        return String(decoding: bytes[start..<wordEnd], as: UTF8.self).lowercased()
    }

    /// The closing bracket of a short citation-like parenthetical opening at `open`.
    static func citationClose(_ bytes: [UInt8], _ open: Int, _ end: Int) -> Int? {
        var index = open + 1
        var years = 0
        var digitRun = 0
        var ibid = false
        while index < end, index - open < 160 {
            let byte = bytes[index]
            if byte == UInt8(ascii: ")") { return years >= 1 || ibid ? index : nil }
            if byte == UInt8(ascii: "(") { return nil }
            if TextBytes.isDigit(byte) {
                digitRun += 1
                if digitRun == 4 { years += 1 }
            } else {
                digitRun = 0
            }
            if (byte | 0x20) == UInt8(ascii: "i"), TextBytes.hasPrefix(bytes, index, end, "ibid") { ibid = true }
            index += 1
        }
        return nil
    }
}
