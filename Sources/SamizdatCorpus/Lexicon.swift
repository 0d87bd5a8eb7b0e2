import Foundation

/// The words a synthetic corpus is written with: real English function words at the top ranks,
/// then invented content words built from syllables, drawn with a Zipf–Mandelbrot law so that
/// a few words are very frequent and most are rare, as in real text; plus invented proper names
/// (given names and surnames) with their own skewed distribution.
///
/// The lexicon is fixed (built from its own constant seed), so every corpus shares one vocabulary
/// and only the draws depend on the corpus seed.
public struct Lexicon: Sendable {
    /// Words by rank, most frequent first.
    public let words: [String]
    /// How many of the top ranks are English function words.
    public let functionWordCount: Int
    public let surnames: [String]
    public let givenNames: [String]
    private let cumulative: [Double]
    private let surnameCumulative: [Double]

    public static let standard = Lexicon(contentWords: 40_000, surnames: 900, givenNames: 160)

    static let functionWords = [
        "the", "of", "and", "to", "in", "a", "is", "that", "it", "as", "for", "this", "which", "not",
        "be", "by", "with", "on", "its", "was", "an", "or", "but", "from", "at", "are", "their", "we",
        "his", "they", "what", "has", "have", "all", "one", "more", "only", "into", "than", "been",
        "there", "can", "also", "would", "so", "our", "such", "no", "he", "these", "itself", "those",
        "other", "who", "them", "even", "between", "itself", "whose", "were", "does", "any", "very",
        "if", "then", "when", "while", "must", "might", "how", "both", "yet", "rather", "because",
        "out", "up", "about", "through", "under", "without", "against", "upon", "each", "own", "same",
        "where", "here", "should", "could", "will", "may", "did", "being", "after", "before", "over",
    ]

    /// Short forms that end in a full stop in real text ("col.", "ser.", "ca."): no invented word
    /// may be one, or a sentence ending in it would be a trap no real text sets so often.
    static let abbreviations: Set<String> = [
        "al", "art", "bk", "bd", "ca", "cap", "cf", "ch", "chap", "cit", "co", "col", "comp", "ed", "eds", "eg", "esp",
        "et", "etc", "ff", "fig", "fol", "gen", "ie", "inc", "jr", "lit", "loc", "ltd", "mr", "mrs", "ms", "mss", "nb",
        "nos", "op", "par", "pl", "pp", "pt", "repr", "rev", "sec", "ser", "sr", "st", "sup", "tr", "trans", "viz",
        "vol", "vols", "vs", "dr", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dept", "univ", "var",
        "nr", "ad", "bc", "pa", "ma", "ba", "phd", "esq",
    ]

    static let onsets = [
        "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
        "b", "c", "d", "l", "m", "n", "p", "r", "s", "t", "br", "ch", "cl", "cr", "dr", "fr",
        "gr", "pl", "pr", "sh", "sp", "st", "th", "tr", "", "", "", "",
    ]
    static let nuclei = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "e", "ea", "ou", "io", "ai"]
    static let codas = ["", "", "", "", "", "n", "r", "s", "l", "m", "n", "r", "t", "nd", "st", "nt", "ct"]
    static let endings = ["", "", "", "", "", "", "ism", "ity", "ation", "al", "ive", "ous", "ment", "ence", "ist", "ure", "er"]

    public init(contentWords: Int, surnames surnameCount: Int, givenNames givenCount: Int) {
        var rng = SplitMix64(seed: 0x5A4D_17DA_7000_001F)
        var seen = Set(Self.functionWords)
        var ranked: [String] = []
        var fw: [String] = []
        for w in Self.functionWords where !fw.contains(w) { fw.append(w) }
        ranked = fw
        functionWordCount = fw.count
        while ranked.count < fw.count + contentWords {
            let rank = ranked.count - fw.count
            // Frequent words are short, rare ones long (Zipf's law of abbreviation).
            let syllables = rank < 400 ? 1 : rank < 5000 ? rng.int(1...2) : rng.int(2...3)
            var w = ""
            for _ in 0..<syllables {
                w += rng.pick(Self.onsets) + rng.pick(Self.nuclei) + rng.pick(Self.codas)
            }
            if rank >= 400 { w += rng.pick(Self.endings) }
            guard w.count >= 2, w.count <= 16, !seen.contains(w), !Self.abbreviations.contains(w) else { continue }
            seen.insert(w)
            ranked.append(w)
        }
        words = ranked
        var names: [String] = []
        while names.count < surnameCount + givenCount {
            var w = ""
            for _ in 0..<rng.int(1...2) { w += rng.pick(Self.onsets) + rng.pick(Self.nuclei) + rng.pick(Self.codas) }
            w += rng.pick(["", "ov", "ski", "er", "man", "ez", "ard", "ini", "o", "sen", "ault"])
            guard w.count >= 4, w.count <= 13, !seen.contains(w) else { continue }
            seen.insert(w)
            names.append(w.prefix(1).uppercased() + w.dropFirst())
        }
        surnames = Array(names[0..<surnameCount])
        givenNames = Array(names[surnameCount...])
        cumulative = Self.zipf(count: words.count, q: 2.7, s: 1.0)
        surnameCumulative = Self.zipf(count: surnames.count, q: 1.0, s: 0.9)
    }

    static func zipf(count: Int, q: Double, s: Double) -> [Double] {
        var c = [Double](repeating: 0, count: count)
        var sum = 0.0
        for r in 0..<count {
            sum += 1 / pow(Double(r + 1) + q, s)
            c[r] = sum
        }
        return c.map { $0 / sum }
    }

    static func draw(_ cumulative: [Double], _ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] <= u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A word rank drawn from the Zipf law.
    public func rank(_ rng: inout SplitMix64) -> Int { Self.draw(cumulative, &rng) }

    public func word(_ rng: inout SplitMix64) -> String { words[rank(&rng)] }

    /// A content word (never a function word), still Zipf-distributed.
    public func contentWord(_ rng: inout SplitMix64) -> String {
        while true {
            let r = rank(&rng)
            if r >= functionWordCount { return words[r] }
        }
    }

    public func surname(_ rng: inout SplitMix64) -> String { surnames[Self.draw(surnameCumulative, &rng)] }

    public func givenName(_ rng: inout SplitMix64) -> String { rng.pick(givenNames) }
}
