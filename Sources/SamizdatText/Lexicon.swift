/// Which of a few words a text uses elsewhere, to decide whether a hyphen at a line end joins a
/// compound ("counter-productive") or splits a word ("indis-tinct"): whichever form the text uses
/// elsewhere wins; two words of the text joined by the hyphen make a compound.
struct Lexicon: Sendable {
    private var words: Set<UInt64> = []

    /// Scans `b` once for the words whose hashes (made with `hash`) are in `wanted`; `shapes` holds
    /// the first byte and length of each wanted word, a cheap filter before the set.
    init(_ b: [UInt8], wanted: Set<UInt64>, shapes: Set<Int>) {
        var shapeMask = [Bool](repeating: false, count: 256 * 64)
        for sh in shapes where sh >= 0 && sh < shapeMask.count { shapeMask[sh] = true }
        func shape(_ start: Int, _ end: Int) -> Int {
            let c = b[start]
            return Int(TextBytes.isUpperASCII(c) ? c | 0x20 : c) * 64 + min(63, end - start)
        }
        var firstWanted = [Bool](repeating: false, count: 256)
        for sh in shapes where sh >= 0 && sh < shapeMask.count { firstWanted[sh / 64] = true }
        let n = b.count
        var i = 0
        while i < n {
            guard Lexicon.isWordByte(b[i]) else {
                i += 1
                continue
            }
            let s = i
            let f = b[i]
            if !firstWanted[Int(TextBytes.isUpperASCII(f) ? f | 0x20 : f)] {
                // no wanted word starts so: step over the word (and any compound it heads)
                while i < n, Lexicon.isWordByte(b[i]) || (b[i] == UInt8(ascii: "-") && i + 1 < n && Lexicon.isWordByte(b[i + 1])) { i += 1 }
                continue
            }
            var partStart = i
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var part: UInt64 = 0xcbf2_9ce4_8422_2325
            var hasHyphen = false
            while i < n {
                let c = b[i]
                if Lexicon.isWordByte(c) {
                    let x = UInt64(TextBytes.isUpperASCII(c) ? c | 0x20 : c)
                    h = (h ^ x) &* 0x100_0000_01b3
                    part = (part ^ x) &* 0x100_0000_01b3
                    i += 1
                } else if c == UInt8(ascii: "-"), i + 1 < n, Lexicon.isWordByte(b[i + 1]), i > s {
                    h = (h ^ UInt64(c)) &* 0x100_0000_01b3
                    if shapeMask[shape(partStart, i)], wanted.contains(part) { words.insert(part) }
                    part = 0xcbf2_9ce4_8422_2325
                    partStart = i + 1
                    hasHyphen = true
                    i += 1
                } else {
                    break
                }
            }
            // a word broken at a line end is no evidence of either form
            let brokenAfter = i + 1 < n && b[i] == UInt8(ascii: "-") && b[i + 1] == TextBytes.newline
            let brokenBefore = s >= 2 && b[s - 1] == TextBytes.newline && b[s - 2] == UInt8(ascii: "-")
            if brokenAfter || brokenBefore { continue }
            if shapeMask[shape(s, i)], wanted.contains(h) { words.insert(h) }
            if hasHyphen, shapeMask[shape(partStart, i)], wanted.contains(part) { words.insert(part) }
        }
    }

    /// The first-byte-and-length keys `init` filters on, for one broken word.
    static func shapes(first: ArraySlice<UInt8>, second: ArraySlice<UInt8>) -> [Int] {
        func key(_ c: UInt8, _ len: Int) -> Int { Int(TextBytes.isUpperASCII(c) ? c | 0x20 : c) * 64 + min(63, len) }
        guard let f = first.first, let g = second.first else { return [] }
        return [key(f, first.count + 1 + second.count), key(f, first.count + second.count), key(f, first.count), key(g, second.count)]
    }

    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool { TextBytes.isLetterASCII(c) || (c >= 0x80 && c != 0xE2) }

    static func hash(_ parts: [ArraySlice<UInt8>]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for p in parts { for c in p { h = (h ^ UInt64(TextBytes.isUpperASCII(c) ? c | 0x20 : c)) &* 0x100_0000_01b3 } }
        return h
    }

    static let compoundPrefixes: Set<String> = [
        "self", "non", "anti", "post", "pre", "well", "co", "ex", "quasi", "semi", "neo",
        "pseudo", "counter", "ultra", "proto", "half", "cross", "socio", "politico", "all", "mid",
    ]

    /// The hashes `keepsHyphen` asks about for one broken word.
    static func questions(first: ArraySlice<UInt8>, second: ArraySlice<UInt8>) -> [UInt64] {
        let hyphen: [UInt8] = [UInt8(ascii: "-")]
        return [hash([first, hyphen[...], second]), hash([first, second]), hash([first]), hash([second])]
    }

    /// Whether "first-" at a line end and "second" on the next line keep their hyphen.
    func keepsHyphen(first: ArraySlice<UInt8>, second: ArraySlice<UInt8>) -> Bool {
        let hyphen: [UInt8] = [UInt8(ascii: "-")]
        let compound = words.contains(Lexicon.hash([first, hyphen[...], second]))
        let joined = words.contains(Lexicon.hash([first, second]))
        if compound != joined { return compound }
        // two words of the text joined by a hyphen: a compound broken at its own hyphen
        if !joined, words.contains(Lexicon.hash([first])), words.contains(Lexicon.hash([second])), first.count >= 2, second.count >= 2 { return true }
        if let f = first.first, TextBytes.isUpperASCII(f) { return true }
        return Lexicon.compoundPrefixes.contains(String(decoding: first, as: UTF8.self).lowercased())
    }
}
