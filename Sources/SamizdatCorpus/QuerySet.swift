/// Benchmark queries drawn from a corpus the way `make_corpus.py` draws them: 70 single terms
/// (25 among the 100 most frequent words of three letters or more, 25 from ranks 100–2000, 20
/// from the rarer half of the vocabulary), 65 `w1 AND w2` and 65 quoted phrases of 2–3 words that
/// stand next to each other in a text. Query words are lowercase ASCII letters only.
///
/// Feed it every text with `observe`, in corpus order, then ask for `queries()`; the result
/// depends only on the texts and the seed.
public struct QuerySet: Sendable {
    private var counts: [String: Int] = [:]
    private var phrases: [String] = []
    private var rng: SplitMix64

    public init(seed: UInt64) { rng = SplitMix64(seed: seed, stream: 0x5155_4552_5953) }

    /// Counts the text's words and keeps a few of its phrases as candidates.
    public mutating func observe(_ text: String) {
        let bytes = Array(text.utf8)
        var words: [(start: Int, end: Int)] = []
        words.reserveCapacity(bytes.count / 5)
        // Words as `\w+` finds them (letters, digits, underscore, any script); only the runs of
        // ASCII letters are kept.
        var start = -1
        var ascii = true
        var offset = 0
        for u in text.unicodeScalars {
            let isWord =
                u.value < 0x80
                ? (u.value >= 0x61 && u.value <= 0x7A) || (u.value >= 0x41 && u.value <= 0x5A) || (u.value >= 0x30 && u.value <= 0x39) || u == "_"
                : u.properties.isAlphabetic || u.properties.numericType != nil
            if isWord {
                if start < 0 {
                    start = offset
                    ascii = true
                }
                if !((u >= "a" && u <= "z") || (u >= "A" && u <= "Z")) { ascii = false }
            } else if start >= 0 {
                if ascii { words.append((start, offset)) }
                start = -1
            }
            offset += UTF8.width(u)
        }
        if start >= 0 && ascii { words.append((start, offset)) }
        for w in words {
            let s = String(decoding: bytes[w.start..<w.end], as: UTF8.self).lowercased()
            counts[s, default: 0] += 1
        }
        // Phrase candidates: adjacent ASCII words separated by spaces only.
        guard words.count > 3 else { return }
        for _ in 0..<4 {
            let k = rng.chance(0.5) ? 2 : 3
            var at = rng.int(0..<(words.count - k))
            var found: String?
            for _ in 0..<200 where at + k <= words.count {
                let run = words[at..<(at + k)]
                let gapsAreSpaces = zip(run, run.dropFirst()).allSatisfy { a, b in
                    b.start > a.end && bytes[a.end..<b.start].allSatisfy { $0 == 32 }
                }
                if gapsAreSpaces {
                    found = run.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self).lowercased() }.joined(separator: " ")
                    break
                }
                at += 1
            }
            if let found { phrases.append("\"" + found + "\"") }
        }
    }

    /// The queries, shuffled, one per line when written out.
    public mutating func queries(total: Int = 200) -> [String] {
        let vocabulary = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let content = vocabulary.filter { $0.count >= 3 }
        guard !content.isEmpty else { return [] }
        let high = Array(content.prefix(100))
        let mid = content.count > 100 ? Array(content[100..<min(2000, content.count)]) : high
        let lowStart = max(2000, content.count / 2)
        let low = lowStart < content.count ? Array(content[lowStart...]) : Array(content.suffix(100))
        var out: [String] = []
        var seen: Set<String> = []
        func fill(_ count: Int, _ make: (inout SplitMix64) -> String?) {
            var got = 0
            var tries = 0
            while got < count && tries < count * 200 {
                tries += 1
                if let q = make(&rng), seen.insert(q).inserted {
                    out.append(q)
                    got += 1
                }
            }
        }
        fill(25) { $0.pick(high) }
        fill(25) { $0.pick(mid) }
        fill(20) { $0.pick(low) }
        let first2000 = Array(content.prefix(2000))
        let after100 = content.count > 100 ? Array(content[100...]) : content
        fill(65) { r in
            let a = r.pick(first2000)
            let b = r.pick(after100)
            return a == b ? nil : "\(a) AND \(b)"
        }
        let candidates = phrases
        if !candidates.isEmpty { fill(65) { $0.pick(candidates) } }
        fill(total - out.count) { $0.pick(content) }
        for i in stride(from: out.count - 1, to: 0, by: -1) { out.swapAt(i, rng.int(0...i)) }
        return Array(out.prefix(total))
    }

    /// Distinct lowercase ASCII words seen.
    public var vocabularySize: Int { counts.count }
}
