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
