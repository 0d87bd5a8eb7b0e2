import Foundation

/// Remembers the stems of words already seen. Not thread-safe: one per thread or connection.
/// The vocabulary of a corpus is small beside its running words, so most look-ups hit.
public final class StemCache {
    var stems: [String: String] = [:]
    let limit: Int

    public init(limit: Int = 200_000) { self.limit = limit }

    public func stem(_ term: String) -> String {
        if let s = stems[term] { return s }
        let s = EnglishStemmer.stem(term)
        if stems.count >= limit { stems.removeAll(keepingCapacity: true) }
        stems[term] = s
        return s
    }
}

/// A `StemCache` that any number of threads may share (a lock around each look-up): for
/// queries, whose few words are stemmed on whichever thread answers them.
public final class SharedStemCache: @unchecked Sendable {
    private let cache: StemCache
    private let lock = NSLock()

    public init(limit: Int = 50_000) { cache = StemCache(limit: limit) }

    public func stem(_ term: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        return cache.stem(term)
    }
}
