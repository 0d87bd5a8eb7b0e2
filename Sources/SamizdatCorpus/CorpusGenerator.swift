import Foundation

/// A deterministic synthetic corpus with ground truth: the same seed and size give the same
/// texts, byte for byte, on every machine.
///
/// Documents are made one at a time (a lazy sequence), so a 50 MB corpus never sits in memory.
/// Like `make_corpus.py`, about 10% are books of 300 KB–1 MB (log-uniform) and the rest essays
/// of 20–60 KB, here half journal articles and half blog files; the last document is cut to
/// what is left of the target (but never under 20 KB). Each document draws from its own random
/// stream, so `document(at:)` can regenerate any one of them alone.
public struct CorpusGenerator: Sequence, Sendable {
    public let seed: UInt64
    public let megabytes: Double
    public let lexicon: Lexicon

    public static let essayBytes = 20_000...60_000
    public static let bookBytes = 300_000...1_000_000
    public static let bookShare = 0.10

    public init(seed: UInt64, megabytes: Double, lexicon: Lexicon = .standard) {
        self.seed = seed
        self.megabytes = megabytes
        self.lexicon = lexicon
    }

    /// Target size in bytes (MB = 10^6 bytes).
    public var totalBytes: Int { Int(megabytes * 1_000_000) }

    /// What the n-th document will be: its kind and target size, drawn from the corpus stream.
    public struct Plan: Sendable, Hashable {
        public var index: Int
        public var kind: TextKind
        public var targetBytes: Int
    }

    public func makeIterator() -> Iterator { Iterator(generator: self) }

    public struct Iterator: IteratorProtocol {
        let generator: CorpusGenerator
        var rng: SplitMix64
        var made = 0
        var index = 0

        init(generator: CorpusGenerator) {
            self.generator = generator
            self.rng = SplitMix64(seed: generator.seed, stream: 0)
        }

        /// The next document's plan, advancing the plan stream but not the byte count.
        mutating func nextPlan() -> Plan? {
            guard made < generator.totalBytes else { return nil }
            let kind: TextKind
            var target: Int
            if rng.unit() < CorpusGenerator.bookShare {
                kind = .book
                let lo = log(Double(CorpusGenerator.bookBytes.lowerBound))
                let hi = log(Double(CorpusGenerator.bookBytes.upperBound))
                target = Int(exp(lo + (hi - lo) * rng.unit()))
            } else {
                kind = rng.chance(0.5) ? .article : .blog
                target = rng.int(CorpusGenerator.essayBytes)
            }
            target = Swift.max(CorpusGenerator.essayBytes.lowerBound, Swift.min(target, generator.totalBytes - made))
            defer { index += 1 }
            return Plan(index: index, kind: kind, targetBytes: target)
        }

        public mutating func next() -> GeneratedText? {
            guard let plan = nextPlan() else { return nil }
            let doc = generator.document(plan)
            made += doc.truth.bytes
            return doc
        }
    }

    /// The document a plan describes.
    public func document(_ plan: Plan) -> GeneratedText {
        let name = String(format: "doc_%05d", plan.index)
        let rng = SplitMix64(seed: seed, stream: UInt64(plan.index) + 1)
        switch plan.kind {
        case .book: return BookGenerator(lexicon: lexicon).generate(name: name, targetBytes: plan.targetBytes, rng: rng)
        case .article: return ArticleGenerator(lexicon: lexicon).generate(name: name, targetBytes: plan.targetBytes, rng: rng)
        case .blog: return BlogGenerator(lexicon: lexicon).generate(name: name, targetBytes: plan.targetBytes, rng: rng)
        }
    }

    /// One document made on its own, without the whole corpus: kind and size as given.
    public func document(index: Int, kind: TextKind, targetBytes: Int) -> GeneratedText {
        document(Plan(index: index, kind: kind, targetBytes: targetBytes))
    }
}
