/// The words of one text, to decide whether a hyphen at a line end joins a compound
/// ("counter-productive") or splits a word ("indis-tinct"): whichever form the text uses elsewhere wins.
struct Lexicon: Sendable {
    private var words: Set<UInt64> = []

    init(_ b: [UInt8]) {
        words.reserveCapacity(b.count / 30)
        var i = 0
        let n = b.count
        while i < n {
            guard Lexicon.isWordByte(b[i]) else { i += 1; continue }
            let s = i
            var h: UInt64 = 0xcbf29ce484222325
            var part: UInt64 = 0xcbf29ce484222325
            var hasHyphen = false
            while i < n {
                let c = b[i]
                if Lexicon.isWordByte(c) {
                    let x = UInt64(TextBytes.isUpperASCII(c) ? c | 0x20 : c)
                    h = (h ^ x) &* 0x100000001b3
                    part = (part ^ x) &* 0x100000001b3
                    i += 1
                } else if c == UInt8(ascii: "-"), i + 1 < n, Lexicon.isWordByte(b[i + 1]), i > s {
                    h = (h ^ UInt64(c)) &* 0x100000001b3
                    words.insert(part)
                    part = 0xcbf29ce484222325
                    hasHyphen = true
                    i += 1
                } else { break }
            }
            // a word broken at a line end is no evidence of either form
            let brokenAfter = i + 1 < n && b[i] == UInt8(ascii: "-") && b[i + 1] == TextBytes.newline
            let brokenBefore = s >= 2 && b[s - 1] == TextBytes.newline && b[s - 2] == UInt8(ascii: "-")
            if brokenAfter || brokenBefore { continue }
            words.insert(h)
            if hasHyphen { words.insert(part) }
        }
    }

    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool { TextBytes.isLetterASCII(c) || (c >= 0x80 && c != 0xE2) }

    static func hash(_ parts: [ArraySlice<UInt8>]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for p in parts { for c in p { h = (h ^ UInt64(TextBytes.isUpperASCII(c) ? c | 0x20 : c)) &* 0x100000001b3 } }
        return h
    }

    static let compoundPrefixes: Set<String> = ["self", "non", "anti", "post", "pre", "well", "co", "ex", "quasi", "semi", "neo",
                                                "pseudo", "counter", "ultra", "proto", "half", "cross", "socio", "politico", "all", "mid"]

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
