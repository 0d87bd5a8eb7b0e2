/// The Porter2 ("Snowball English") stemmer, written from the published algorithm
/// (https://snowballstem.org/algorithms/english/stemmer.html) and its later revisions: R1
/// exceptions gener-, commun-, arsen-, past-, univers-, later-, emerg-, organ-, inter-; -ogist → -og;
/// "evening" kept; a vowel-initial three-letter double ("added" → "add") not undoubled. Checked
/// against PyStemmer's English stemmer on the ~11,500 ASCII forms of the shared corpus (0 differences).
/// Words over 64 bytes are returned unchanged.
///
/// Input is a folded word (lowercase). Words holding anything but ASCII letters and
/// apostrophes (numbers, other scripts) are returned unchanged.
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        let count = word.utf8.count
        guard count > 2 else { return word }
        var w = Word()
        for b in word.utf8 {
            guard (b >= 0x61 && b <= 0x7A) || b == 0x27, w.n < Word.capacity else { return word }
            w.push(b)
        }
        if let e = exception1(w) { return e }
        w.run()
        return w.string
    }

    static func exception1(_ w: Word) -> String? {
        for (from, to) in exceptions1 where w.equals(from) { return to.description }
        return nil
    }

    static let exceptions1: [(StaticString, StaticString)] = [
        ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"),
        ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"),
        ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"),
        ("andes", "andes"),
    ]
    static let exceptions2: [StaticString] = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed", "evening"]
    static let r1Prefixes: [StaticString] = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"]

    static let step2Rules: [(StaticString, StaticString)] = [
        ("ational", "ate"), ("ization", "ize"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"),
        ("entli", "ent"), ("ation", "ate"), ("ogist", "og"), ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"),
        ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"), ("alli", "al"),
        ("bli", "ble"), ("ogi", "og"), ("li", ""),
    ]
    static let step3Rules: [(StaticString, StaticString)] = [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ative", ""),
        ("ical", "ic"), ("ness", ""), ("ful", ""),
    ]
    static let step4Suffixes: [StaticString] = [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion",
        "al", "er", "ic",
    ]

    /// A word being stemmed, in a fixed inline buffer.
    struct Word {
        static let capacity = 64
        var b: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var r1 = 0, r2 = 0

        @inline(__always) subscript(i: Int) -> UInt8 {
            get { withUnsafeBytes(of: b) { $0[i] } }
            set { withUnsafeMutableBytes(of: &b) { $0[i] = newValue } }
        }
        @inline(__always) mutating func push(_ c: UInt8) {
            self[n] = c
            n += 1
        }

        var string: String {
            var copy = self
            for k in 0..<n where copy[k] == 0x59 { copy[k] = 0x79 }  // Y → y
            return withUnsafeBytes(of: copy.b) { String(decoding: $0.prefix(n), as: UTF8.self) }
        }

        @inline(__always) static func isVowel(_ c: UInt8) -> Bool {
            c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79
        }
        @inline(__always) func vowel(_ i: Int) -> Bool { Self.isVowel(self[i]) }

        func equals(_ s: StaticString) -> Bool {
            guard s.utf8CodeUnitCount == n else { return false }
            let p = s.utf8Start
            for k in 0..<n where self[k] != p[k] { return false }
            return true
        }

        func ends(_ s: StaticString) -> Bool {
            let m = s.utf8CodeUnitCount
            guard m <= n else { return false }
            let p = s.utf8Start
            for k in 0..<m where self[n - m + k] != p[k] { return false }
            return true
        }

        func starts(_ s: StaticString) -> Bool {
            let m = s.utf8CodeUnitCount
            guard m <= n else { return false }
            let p = s.utf8Start
            for k in 0..<m where self[k] != p[k] { return false }
            return true
        }

        mutating func replace(_ suffix: Int, _ r: StaticString) {
            n -= suffix
            let p = r.utf8Start
            for k in 0..<r.utf8CodeUnitCount { push(p[k]) }
        }

        func region(after start: Int) -> Int {
            var k = start + 1
            while k < n {
                if !vowel(k) && vowel(k - 1) { return k + 1 }
                k += 1
            }
            return n
        }

        /// A short syllable ending at `end` (exclusive).
        func shortSyllable(_ end: Int) -> Bool {
            if end == 2 { return vowel(0) && !vowel(1) }
            if end >= 3 {
                let c2 = self[end - 1]
                return !vowel(end - 3) && vowel(end - 2) && !Self.isVowel(c2) && c2 != 0x77 && c2 != 0x78 && c2 != 0x59
            }
            return false
        }

        mutating func run() {
            if self[0] == 0x27 {  // leading apostrophe
                for k in 1..<n { self[k - 1] = self[k] }
                n -= 1
            }
            guard n > 2 else { return }
            if self[0] == 0x79 { self[0] = 0x59 }
            for k in 1..<n where self[k] == 0x79 && vowel(k - 1) { self[k] = 0x59 }
            r1 = -1
            for prefix in EnglishStemmer.r1Prefixes where starts(prefix) {
                r1 = prefix.utf8CodeUnitCount
                break
            }
            if r1 < 0 { r1 = region(after: 0) }
            r2 = region(after: r1)

            step0()
            step1a()
            for e in EnglishStemmer.exceptions2 where equals(e) { return }
            step1b()
            step1c()
            step2()
            step3()
            step4()
            step5()
        }

        mutating func step0() {
            if ends("'s'") { n -= 3 } else if ends("'s") { n -= 2 } else if ends("'") { n -= 1 }
        }

        mutating func step1a() {
            if ends("sses") {
                n -= 2
            } else if ends("ied") || ends("ies") {
                n -= 3
                push(0x69)
                if n <= 2 { push(0x65) }  // "ties" → "tie", "cries" → "cri"
            } else if ends("us") || ends("ss") {
                return
            } else if ends("s") {
                if n >= 3 {
                    for k in 0..<(n - 2) where vowel(k) {
                        n -= 1
                        return
                    }
                }
            }
        }

        mutating func step1b() {
            let s: Int
            var eed = false
            if ends("eedly") {
                s = 5
                eed = true
            } else if ends("ingly") {
                s = 5
            } else if ends("edly") {
                s = 4
            } else if ends("eed") {
                s = 3
                eed = true
            } else if ends("ing") {
                s = 3
            } else if ends("ed") {
                s = 2
            } else {
                return
            }
            if eed {
                if n - s >= r1 { replace(s, "ee") }
                return
            }
            var hasVowel = false
            for k in 0..<(n - s) where vowel(k) {
                hasVowel = true
                break
            }
            guard hasVowel else { return }
            n -= s
            if ends("at") || ends("bl") || ends("iz") {
                push(0x65)
            } else if n >= 2, self[n - 1] == self[n - 2], Self.isDouble(self[n - 1]) {
                if !(n == 3 && vowel(0)) { n -= 1 }  // "added" → "add", "egged" → "egg"
            } else if r1 >= n && shortSyllable(n) {
                push(0x65)
            }
        }

        @inline(__always) static func isDouble(_ c: UInt8) -> Bool {
            switch c {
            case 0x62, 0x64, 0x66, 0x67, 0x6D, 0x6E, 0x70, 0x72, 0x74: return true
            default: return false
            }
        }

        mutating func step1c() {
            guard n > 2 else { return }
            let last = self[n - 1]
            if (last == 0x79 || last == 0x59) && !vowel(n - 2) { self[n - 1] = 0x69 }
        }

        mutating func step2() {
            for (suffix, replacement) in EnglishStemmer.step2Rules where ends(suffix) {
                let m = suffix.utf8CodeUnitCount
                guard n - m >= r1 else { return }
                let before = n - m
                if suffix.utf8CodeUnitCount == 3 && ends("ogi") {
                    if before >= 1, self[before - 1] == 0x6C { replace(m, replacement) }
                } else if m == 2 {  // li
                    if before >= 1 {
                        switch self[before - 1] {
                        case 0x63, 0x64, 0x65, 0x67, 0x68, 0x6B, 0x6D, 0x6E, 0x72, 0x74: n -= 2
                        default: break
                        }
                    }
                } else {
                    replace(m, replacement)
                }
                return
            }
        }

        mutating func step3() {
            for (suffix, replacement) in EnglishStemmer.step3Rules where ends(suffix) {
                let m = suffix.utf8CodeUnitCount
                guard n - m >= r1 else { return }
                if m == 5 && ends("ative") {
                    if n - m >= r2 { n -= m }
                } else {
                    replace(m, replacement)
                }
                return
            }
        }

        mutating func step4() {
            for suffix in EnglishStemmer.step4Suffixes where ends(suffix) {
                let m = suffix.utf8CodeUnitCount
                let before = n - m
                guard before >= r2 else { return }
                if m == 3 && ends("ion") {
                    if before >= 1, self[before - 1] == 0x73 || self[before - 1] == 0x74 { n -= 3 }
                } else {
                    n -= m
                }
                return
            }
        }

        mutating func step5() {
            guard n > 0 else { return }
            let before = n - 1
            if self[before] == 0x65 {
                if before >= r2 || (before >= r1 && !shortSyllable(before)) { n -= 1 }
            } else if self[before] == 0x6C {
                if before >= r2, before >= 1, self[before - 1] == 0x6C { n -= 1 }
            }
        }
    }
}
