import SamizdatModel
import Synchronization

/// What reports have asked an index to keep ready: the whole corpus's ranked bigrams and
/// trigrams (`NGramTable`) per unit, which `AnalysisCorpus.prepare` builds only once an n-grams
/// report has asked for them (building them costs about as much as counting them once, and a
/// refresh after every commit would pay it for nothing where no one asks).
///
/// One per index, handed to every corpus it makes (`AnalysisCorpus.init`); a request, once made,
/// stays made.
public final class AnalysisDemand: Sendable {
    private let ngramTables = Mutex<Set<AnalysisCache.NGramKey>>([])

    public init() {}

    /// Asks for the n-gram tables of every length `prepare` can build under `unit`.
    public func askForNGramTables(_ unit: CountingUnit) {
        for length in NGramTable.lengths {
            askForNGramTable(unit: unit, length: length)
        }
    }

    func askForNGramTable(unit: CountingUnit, length: Int) {
        ngramTables.withLock { _ = $0.insert(AnalysisCache.NGramKey(unit: unit, length: length)) }
    }

    /// True when the n-gram table of `length` under `unit` has been asked for.
    public func wantsNGramTable(unit: CountingUnit, length: Int) -> Bool {
        ngramTables.withLock { $0.contains(AnalysisCache.NGramKey(unit: unit, length: length)) }
    }
}
