import Foundation
import SamizdatText

/// Remembers the lemmas (`EnglishLemmatizer.lemma`) of query words already seen, for any number
/// of threads (a lock around each look-up): queries repeat their words, and the lemmatizer's
/// rules cost more than a dictionary look-up.
final class SharedLemmaCache: @unchecked Sendable {
    private var lemmas: [String: String] = [:]
    private let limit: Int
    private let lock = NSLock()

    init(limit: Int = 50_000) { self.limit = limit }

    /// The lemma of a folded word.
    func lemma(_ folded: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known = lemmas[folded] { return known }
        let lemma = EnglishLemmatizer.lemma(folded)
        if lemmas.count >= limit { lemmas.removeAll(keepingCapacity: true) }
        lemmas[folded] = lemma
        return lemma
    }
}
