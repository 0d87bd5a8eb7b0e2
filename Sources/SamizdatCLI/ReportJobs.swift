import Foundation

/// The jobs of the peers' reports benchmark (`../shared/bench/reports_bench.py`, `choose_jobs`),
/// chosen by the same rule from the same texts: node words evenly spaced over ranks 50–150 and
/// 500–1500 of the word list (frequency descending, ties by word; words of 4+ ASCII letters
/// only), and the 10 largest documents (ties by name). Tokens as the peers cut them:
/// `[A-Za-z]+(?:['’][A-Za-z]+)?`, lower-cased.
struct ReportJobs {
    static let bands = [(50, 150), (500, 1500)]
    static let nodesPerBand = 10
    static let minimumLetters = 4
    static let documentCount = 10

    var nodes: [String] = []
    var nodeRanks: [Int] = []
    var nodeFrequencies: [Int] = []
    /// File names of the largest documents, largest first.
    var documents: [String] = []
    var corpusTokens = 0
    var corpusTypes = 0

    init(_ corpus: BenchCorpus) {
        var counts: [String: Int] = [:]
        for text in corpus.texts {
            Self.peerTokens(text) { token in
                counts[token, default: 0] += 1
                corpusTokens += 1
            }
        }
        corpusTypes = counts.count
        let list = Self.ranked(counts)
        for (low, high) in Self.bands {
            var candidates: [(rank: Int, word: String, frequency: Int)] = []
            for rank in low...min(high, list.count) {
                let entry = list[rank - 1]
                if entry.word.utf8.count >= Self.minimumLetters, entry.word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
                    candidates.append((rank, entry.word, entry.frequency))
                }
            }
            let picks = Set((0..<Self.nodesPerBand).map { $0 * candidates.count / Self.nodesPerBand }).sorted()
            for pick in picks where pick < candidates.count {
                nodes.append(candidates[pick].word)
                nodeRanks.append(candidates[pick].rank)
                nodeFrequencies.append(candidates[pick].frequency)
            }
        }
        let order = corpus.names.indices.sorted { first, second in
            corpus.sizes[first] != corpus.sizes[second] ? corpus.sizes[first] > corpus.sizes[second] : corpus.names[first] < corpus.names[second]
        }
        documents = order.prefix(Self.documentCount).map { corpus.names[$0] }
    }

    /// The word list by frequency descending, ties in code-point order.
    static func ranked(_ counts: [String: Int]) -> [(word: String, frequency: Int)] {
        counts.map { (word: $0.key, frequency: $0.value) }.sorted { first, second in
            if first.frequency != second.frequency {
                return first.frequency > second.frequency
            }
            return first.word.unicodeScalars.lexicographicallyPrecedes(second.word.unicodeScalars)
        }
    }

    /// Calls `body` with every token as the peers cut it.
    static func peerTokens(_ text: String, _ body: (String) -> Void) {
        let bytes = Array(text.utf8)
        var index = 0
        func isLetter(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        while index < bytes.count {
            guard isLetter(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isLetter(bytes[index]) {
                index += 1
            }
            // an apostrophe (' or ’) followed by letters joins once
            var apostropheLength = 0
            if index < bytes.count, bytes[index] == 0x27 {
                apostropheLength = 1
            } else if index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                apostropheLength = 3
            }
            if apostropheLength > 0, index + apostropheLength < bytes.count, isLetter(bytes[index + apostropheLength]) {
                index += apostropheLength
                while index < bytes.count, isLetter(bytes[index]) {
                    index += 1
                }
            }
            body(String(decoding: bytes[start..<index], as: UTF8.self).lowercased())
        }
    }
}
