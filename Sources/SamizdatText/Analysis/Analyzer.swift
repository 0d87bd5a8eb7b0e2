/// The one analyzer shared by indexing, queries and statistics.
///
/// Word boundaries follow Unicode (UAX #29) in spirit, over Unicode scalar properties:
/// - a word is a run of letters, digits and combining marks; each CJK ideograph is a word;
/// - an apostrophe (' ’ ʼ) between two letters stays inside the word: "don't", "Stalin’s";
/// - "." and "," between two digits stay inside the number: "3.5", "1,000"; years are words;
/// - "." between letters splits ("end.Next" from a PDF is two words, "e.g." is "e" and "g");
/// - a hyphen (- ‐ ‑) between word characters joins a compound: every part is a word with its
///   own position, and the parts joined ("post-war" → "postwar") are indexed as a compound
///   token at the first part's position, so `post-war`, `postwar`, `war` and "post war" all find it;
/// - soft hyphens and zero-width format characters inside a word are dropped.
/// Each word is folded (`TermFolding`) and stemmed (`EnglishStemmer`).
public struct Analyzer: Sendable {
    public init() {}

    /// The tokens of `text`, offsets in UTF-8 bytes of `text`, positions from 0.
    public func tokens(_ text: String, cache: StemCache? = nil) -> [Token] {
        var text = text
        return text.withUTF8 { tokens(utf8: $0, cache: cache) }
    }

    /// The tokens of `text`, stemmed through `stems` (shared by threads).
    public func tokens(_ text: String, stems: SharedStemCache) -> [Token] {
        var text = text
        var out: [Token] = []
        text.withUTF8 { scan(utf8: $0, stem: stems.stem) { out.append($0) } }
        return out
    }

    public func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>, cache: StemCache? = nil) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(bytes.count / 5)
        scan(utf8: bytes, cache: cache) { out.append($0) }
        return out
    }

    /// Calls `body` for every token in text order (a compound's joined token comes right after its first part).
    public func scan(utf8 bytes: UnsafeBufferPointer<UInt8>, cache: StemCache? = nil, _ body: (Token) -> Void) {
        scan(utf8: bytes, stem: { cache?.stem($0) ?? EnglishStemmer.stem($0) }, body)
    }

    /// `scan` with each word's stem from `stem`.
    func scan(utf8 bytes: UnsafeBufferPointer<UInt8>, stem: (String) -> String, _ body: (Token) -> Void) {
        scanWords(utf8: bytes) { term, start, end, position, isCompound in
            body(Token(term: term, stem: stem(term), start: start, end: end, position: position, isCompound: isCompound))
        }
    }

    /// The tokens without their stems, for callers that stem each distinct form once: `body`
    /// gets the folded form, the UTF-8 range, the position, and whether it is a compound's
    /// joined form.
    public func scanWords(
        utf8 bytes: UnsafeBufferPointer<UInt8>,
        _ body: (_ term: String, _ start: Int, _ end: Int, _ position: Int, _ isCompound: Bool) -> Void
    ) {
        scanFolded(utf8: bytes) { folded, start, end, position, isCompound in
            body(String(decoding: folded, as: UTF8.self), start, end, position, isCompound)
        }
    }

    /// `scanWords` with each folded form as UTF-8 bytes (valid only during the call), so that a
    /// caller interning forms makes no `String` for a form it has seen.
    public func scanFolded(
        utf8 bytes: UnsafeBufferPointer<UInt8>,
        _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ position: Int, _ isCompound: Bool) -> Void
    ) {
        var position = 0
        var k = 0
        let n = bytes.count
        var parts: [(Int, Int)] = []
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        // an ASCII word, folded (lower-cased) here without the general path's checks
        // (8 bytes beyond the longest word: the run below stores eight at a time)
        let ascii = UnsafeMutablePointer<UInt8>.allocate(capacity: n + 8)
        defer { ascii.deallocate() }
        let raw = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
        while k < n {
            let b0 = bytes[k]
            if b0 < 0x80 {
                guard Self.isASCIIWordByte(b0) else {
                    k &+= 1
                    continue
                }
                // a run of ASCII letters and digits that cannot join what follows it (an
                // apostrophe or hyphen may, "." or "," may after a digit, and any non-ASCII
                // scalar may be a mark or a joiner): a word as the general path would find it
                var j = k
                var open = true
                // eight bytes at a time while they last: the word bytes' mask, and the bytes
                // lower-cased (wrapping arithmetic: offsets within the text cannot overflow)
                while j &+ 8 <= n {
                    let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                    let (word, upper) = Self.asciiWordBytes(x)
                    UnsafeMutableRawPointer(ascii + (j &- k)).storeBytes(of: (x | upper >> 2).littleEndian, as: UInt64.self)
                    if word == Self.highBits {
                        j &+= 8
                        continue
                    }
                    j &+= (~word & Self.highBits).trailingZeroBitCount >> 3
                    open = false
                    break
                }
                while open, j < n {
                    let b = bytes[j]
                    guard Self.isASCIIWordByte(b) else { break }
                    ascii[j &- k] = Self.lowerASCII(b)
                    j &+= 1
                }
                let lastDigit = bytes[j &- 1] &- 0x30 < 10
                let ends: Bool
                if j == n {
                    ends = true
                } else {
                    switch bytes[j] {
                    case 0x80...: ends = false
                    case 0x27, 0x2D: ends = false  // ' -
                    case 0x2E, 0x2C: ends = !lastDigit  // . ,
                    default: ends = true
                    }
                }
                if ends {
                    body(UnsafeBufferPointer(start: ascii, count: j &- k), k, j, position, false)
                    position &+= 1
                    k = j
                    continue
                }
            }
            let (c, len) = Self.decode(bytes, k)
            let cls = Self.classify(c)
            if cls == .ideograph {
                emitWord(bytes, k, k + len, &position, &scratch, body)
                k += len
                continue
            }
            if cls != .letter && cls != .digit {
                k += len
                continue
            }
            parts.removeAll(keepingCapacity: true)
            var partStart = k
            var prev = cls
            var j = k + len
            while j < n {
                let (d, dl) = Self.decode(bytes, j)
                let dc = Self.classify(d)
                if dc == .letter || dc == .digit || dc == .mark {
                    prev = dc == .mark ? prev : dc
                    j += dl
                    continue
                }
                guard j + dl < n else { break }
                let (next, nl) = Self.decode(bytes, j + dl)
                let nc = Self.classify(next)
                if dc == .apostrophe && prev == .letter && nc == .letter {
                    j += dl + nl
                    prev = .letter
                    continue
                }
                if dc == .numberJoiner && prev == .digit && nc == .digit {
                    j += dl + nl
                    prev = .digit
                    continue
                }
                if dc == .format && (nc == .letter || nc == .digit || nc == .mark) {
                    j += dl
                    continue
                }
                if dc == .hyphen && (nc == .letter || nc == .digit) {
                    parts.append((partStart, j))
                    partStart = j + dl
                    j += dl + nl
                    prev = nc
                    continue
                }
                break
            }
            parts.append((partStart, j))
            if parts.count == 1 {
                emitWord(bytes, k, j, &position, &scratch, body)
            } else {
                let terms = parts.map { p -> [UInt8] in
                    var t: [UInt8] = []
                    Self.fold(bytes, p.0, p.1, into: &t)
                    return t
                }
                let joined = Array(terms.joined())
                var emittedFirst = false
                for (index, term) in terms.enumerated() where !term.isEmpty {
                    term.withUnsafeBufferPointer { body($0, parts[index].0, parts[index].1, position, false) }
                    if !emittedFirst {
                        emittedFirst = true
                        // the joined form sits at the first part's position, right after it
                        joined.withUnsafeBufferPointer { body($0, k, j, position, true) }
                    }
                    position += 1
                }
            }
            k = j
        }
    }

    /// The folded form of one word, as the analyzer would index it.
    public func fold(_ word: String) -> String { TermFolding.fold(word) }

    @inline(__always)
    func emitWord(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ s: Int,
        _ e: Int,
        _ position: inout Int,
        _ scratch: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>, Int, Int, Int, Bool) -> Void
    ) {
        scratch.removeAll(keepingCapacity: true)
        Self.fold(bytes, s, e, into: &scratch)
        guard !scratch.isEmpty else { return }
        scratch.withUnsafeBufferPointer { body($0, s, e, position, false) }
        position += 1
    }

    /// Appends the folded form of `bytes[s..<e]` to `out`: ASCII lowercased byte by byte,
    /// anything else through `TermFolding`.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, into out: inout [UInt8]) {
        var ascii = true
        for b in bytes[s..<e] where b >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            for b in bytes[s..<e] { out.append(lowerASCII(b)) }
            return
        }
        TermFolding.fold(utf8: UnsafeBufferPointer(rebasing: bytes[s..<e]), into: &out)
    }

    /// An ASCII byte lower-cased (A–Z to a–z; anything else as it is).
    @inline(__always)
    static func lowerASCII(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b + 32 : b }

    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// For eight bytes (the first in the low byte): the high bit of each that is an ASCII
    /// word byte (`isASCIIWordByte`), and of each that is an upper-case ASCII letter. Every
    /// lane stays below 0x100, so no carry crosses into the next.
    @inline(__always)
    static func asciiWordBytes(_ x: UInt64) -> (word: UInt64, upper: UInt64) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let isASCII = ~x & highBits
        let low = x & 0x7F7F_7F7F_7F7F_7F7F
        // high bit of each lane set when the lane is at least `at`, for lanes below 0x80
        @inline(__always) func atLeast(_ v: UInt64, _ at: UInt64) -> UInt64 { (v &+ (0x80 - at) &* ones) & highBits }
        let folded = low | 0x2020_2020_2020_2020
        let letter = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
        let digit = atLeast(low, 0x30) & ~atLeast(low, 0x3A)
        let e = low ^ 0x5F5F_5F5F_5F5F_5F5F
        let underscore = ~((e &+ 0x7F7F_7F7F_7F7F_7F7F) | e) & highBits
        let upper = atLeast(low, 0x41) & ~atLeast(low, 0x5B) & isASCII
        return ((letter | digit | underscore) & isASCII, upper)
    }

    /// An ASCII letter, digit or "_" (which `classify` counts as a letter).
    @inline(__always)
    static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F
    }

    enum ScalarClass { case letter, digit, mark, ideograph, apostrophe, hyphen, numberJoiner, format, other }

    @inline(__always)
    static func classify(_ c: UInt32) -> ScalarClass {
        if c < 0x80 {
            switch c {
            case 0x61...0x7A, 0x41...0x5A: return .letter
            case 0x30...0x39: return .digit
            case 0x27: return .apostrophe
            case 0x2D: return .hyphen
            case 0x2E, 0x2C: return .numberJoiner
            case 0x5F: return .letter  // "_" joins like a letter (ExtendNumLet)
            default: return .other
            }
        }
        switch c {
        case 0x2019, 0x02BC, 0xFF07: return .apostrophe
        case 0x2010, 0x2011: return .hyphen
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return .format
        default: break
        }
        guard let scalar = Unicode.Scalar(c) else { return .other }
        let p = scalar.properties
        if p.isIdeographic { return .ideograph }
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: return .other
        }
    }

    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> (UInt32, Int) {
        let b0 = UInt32(b[k])
        if b0 < 0x80 { return (b0, 1) }
        let n = b.count
        if b0 & 0xE0 == 0xC0, k + 1 < n { return ((b0 & 0x1F) << 6 | UInt32(b[k + 1] & 0x3F), 2) }
        if b0 & 0xF0 == 0xE0, k + 2 < n {
            return ((b0 & 0x0F) << 12 | UInt32(b[k + 1] & 0x3F) << 6 | UInt32(b[k + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, k + 3 < n {
            return ((b0 & 0x07) << 18 | UInt32(b[k + 1] & 0x3F) << 12 | UInt32(b[k + 2] & 0x3F) << 6 | UInt32(b[k + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }
}
