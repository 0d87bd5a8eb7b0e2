import Testing

@testable import SamizdatText

@Suite struct AnalyzerTests {
    let analyzer = Analyzer()
    func terms(_ s: String) -> [String] { analyzer.tokens(s).map(\.term) }

    @Test func foldsCaseAndDiacritics() {
        #expect(terms("Žižek and CLAUDÍN") == ["zizek", "and", "claudin"])
        #expect(terms("Łódź Øresund straße Æsir Œuvre") == ["lodz", "oresund", "strasse", "aesir", "oeuvre"])
        #expect(terms("naïve café") == ["naive", "cafe"])
        // decomposed input (e + combining acute) folds the same as precomposed
        #expect(terms("Claudi\u{0301}n") == ["claudin"])
        #expect(terms("ﬁnal") == ["final"])
    }

    /// Folding by table gives what the full procedure gives, for every scalar of the table and
    /// for words mixing them with ASCII, marks and scalars outside it.
    @Test func foldingByTableEqualsTheFullProcedure() {
        var scalars: [Unicode.Scalar] = []
        for r in TermFolding.tableRanges { for v in r { if let s = Unicode.Scalar(v) { scalars.append(s) } } }
        for s in scalars {
            let w = String(Character(s))
            #expect(TermFolding.fold(w) == TermFolding.fullFold(w), "U+\(String(s.value, radix: 16))")
        }
        var rng = SystemRandomNumberGenerator()
        let others: [Unicode.Scalar] = ["A", "z", "'", "-", "\u{301}", "\u{3A3}", "\u{FB01}", "\u{130}", "\u{2019}"]
        for _ in 0..<3000 {
            let w = String(
                String.UnicodeScalarView(
                    (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                        Bool.random(using: &rng) ? scalars.randomElement(using: &rng)! : others.randomElement(using: &rng)!
                    }
                )
            )
            #expect(TermFolding.fold(w) == TermFolding.fullFold(w), "\(w.unicodeScalars.map { String($0.value, radix: 16) })")
            var out: [UInt8] = []
            var bytes = Array(w.utf8)
            bytes.withUnsafeMutableBufferPointer { TermFolding.fold(utf8: UnsafeBufferPointer($0), into: &out) }
            #expect(String(decoding: out, as: UTF8.self) == TermFolding.fullFold(w))
        }
    }

    /// ASCII words are found eight bytes at a time: runs of every length, at every offset,
    /// ending at the text's end or before a separator, give the words a byte-by-byte reading
    /// gives (maximal runs of letters, digits and "_", lower-cased).
    @Test func asciiRunsOfEveryLengthAndOffset() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let wordBytes = Array("abcxyzABCXYZ019_Qq".utf8)
        // separators that never join two runs into one word
        let separators = Array(" ;!?()[]/:\n\t\"#@`{|}~^=+*<>&%$".utf8)
        for _ in 0..<400 {
            var text: [UInt8] = []
            var expected: [String] = []
            for _ in 0..<(1 + next(12)) {
                for _ in 0..<(1 + next(3)) { text.append(separators[next(separators.count)]) }
                let length = 1 + next(30)
                var word: [UInt8] = []
                for _ in 0..<length { word.append(wordBytes[next(wordBytes.count)]) }
                text += word
                expected.append(String(decoding: word, as: UTF8.self).lowercased())
            }
            if next(2) == 0 { text.append(separators[next(separators.count)]) }
            var found: [String] = []
            text.withUnsafeBufferPointer { b in
                analyzer.scanFolded(utf8: b) { folded, _, _, _, _ in found.append(String(decoding: folded, as: UTF8.self)) }
            }
            #expect(found == expected, "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func apostrophesCurlyAndStraight() {
        #expect(terms("Stalin’s") == ["stalin's"])
        #expect(terms("Stalin's") == ["stalin's"])
        #expect(terms("don’t") == terms("don't"))
        #expect(analyzer.tokens("Stalin’s").first?.stem == "stalin")
        // quotes around words are not part of them
        #expect(terms("'quoted' ‘words’") == ["quoted", "words"])
    }

    @Test func hyphenatedWordsWholeAndByParts() {
        let t = analyzer.tokens("post-war Marxism-Leninism")
        #expect(t.map(\.term) == ["post", "postwar", "war", "marxism", "marxismleninism", "leninism"])
        #expect(t.map(\.position) == [0, 0, 1, 2, 2, 3])
        #expect(t.map(\.isCompound) == [false, true, false, false, true, false])
        // the compound token spans the whole written word
        #expect(t[1].start == 0 && t[1].end == 8)
        // a dash with spaces is not a compound
        #expect(terms("war - peace") == ["war", "peace"])
    }

    @Test func numbersAndYearsKept() {
        #expect(terms("In 1917, 3.5 million; 1,000 men (1936-38)") == ["in", "1917", "3.5", "million", "1,000", "men", "1936", "193638", "38"])
        #expect(analyzer.tokens("1917").first?.stem == "1917")
    }

    @Test func offsetsAreUTF8Bytes() {
        let text = "Žižek: révolution"
        let t = analyzer.tokens(text)
        let bytes = Array(text.utf8)
        #expect(t.count == 2)
        #expect(String(decoding: bytes[t[0].start..<t[0].end], as: UTF8.self) == "Žižek")
        #expect(String(decoding: bytes[t[1].start..<t[1].end], as: UTF8.self) == "révolution")
    }

    @Test func periodBetweenLettersSplits() {
        #expect(terms("end.Next e.g.") == ["end", "next", "e", "g"])
    }

    @Test func ideographsAreWordsEach() {
        #expect(terms("共产党 party") == ["共", "产", "党", "party"])
    }

    @Test func softHyphenDropped() {
        #expect(terms("revo\u{00AD}lution") == ["revolution"])
    }

    @Test func stemsInSecondForm() {
        let t = analyzer.tokens("Stalinists stalinist")
        #expect(t.map(\.term) == ["stalinists", "stalinist"])
        #expect(t[0].stem == t[1].stem)
    }

    @Test func stemCacheAgreesWithStemmer() {
        let cache = StemCache(limit: 3)
        for w in ["running", "generously", "organization", "running", "skies", "ties", "a", "1917"] {
            #expect(cache.stem(w) == EnglishStemmer.stem(w))
        }
    }
}
