import SamizdatModel
import Synchronization

/// What reports compute over a whole corpus and reuse: each unit's total counts per region, and
/// each unit's types in name order.
///
/// An entry is valid for the exact documents (compared by identity) and number of types it was
/// built from; anything else rebuilds it. Shared by the copies of one `AnalysisCorpus` value.
final class AnalysisCache: Sendable {
    /// Every type's tokens over every document in one region.
    struct Totals: Sendable {
        var documents: [AnalysisDocument]
        var counts: [UInt32]
        var tokens: Int
    }

    /// The types in code-point order of their names, and each type's place in that order.
    struct NameOrder: Sendable {
        var typeCount: Int
        var typesInOrder: [UInt32]
        var rankOfType: [UInt32]
    }

    struct TotalsKey: Hashable {
        var unit: CountingUnit
        var region: TextRegion
    }

    private let totals = Mutex<[TotalsKey: Totals]>([:])
    private let nameOrders = Mutex<[CountingUnit: NameOrder]>([:])
    /// Per unit and region: every type of the corpus ranked as the word list ranks them.
    private let ranked = Mutex<[TotalsKey: (documents: [AnalysisDocument], ranked: RankedTypes)]>([:])
    /// Per unit: the corpus postings, or nil when the corpus is too large for them.
    private let postings = Mutex<[CountingUnit: CorpusPostings?]>([:])

    /// Per unit and length: the whole corpus's n-grams ranked (`NGramTable`), built by `prepare`.
    private let ngrams = Mutex<[NGramKey: NGramTable]>([:])

    struct NGramKey: Hashable {
        var unit: CountingUnit
        var length: Int
    }

    init() {}

    /// The n-gram table of `length` for `corpus` under `table`'s unit, built unless it is there.
    @discardableResult
    func prepareNGrams(_ corpus: AnalysisCorpus, _ table: UnitTable, length: Int) -> NGramTable {
        if let kept = preparedNGrams(corpus, table, length: length) {
            return kept
        }
        let built = NGramTable.build(corpus, table, length: length)
        ngrams.withLock { $0[NGramKey(unit: table.unit, length: length)] = built }
        return built
    }

    /// The n-gram table of `length` for `corpus` under `table`'s unit if it was built.
    func preparedNGrams(_ corpus: AnalysisCorpus, _ table: UnitTable, length: Int) -> NGramTable? {
        guard let kept = ngrams.withLock({ $0[NGramKey(unit: table.unit, length: length)] }),
            kept.typeCount == table.count, Self.sameDocuments(kept.documents, corpus.documents)
        else {
            return nil
        }
        return kept
    }

    /// The counts of every type over every document of `corpus` in `region`.
    func totals(_ corpus: AnalysisCorpus, _ table: UnitTable, region: TextRegion) -> Totals {
        let key = TotalsKey(unit: table.unit, region: region)
        if let kept = totals.withLock({ $0[key] }), Self.sameDocuments(kept.documents, corpus.documents),
            kept.counts.count == table.count
        {
            return kept
        }
        var counts = [UInt32](repeating: 0, count: table.count)
        var tokens = 0
        for document in corpus.documents {
            tokens += SelectionCounts.add(document, table, region: region, sections: nil, into: &counts)
        }
        let built = Totals(documents: corpus.documents, counts: counts, tokens: tokens)
        totals.withLock { $0[key] = built }
        return built
    }

    /// The types of `table` in code-point order of their names.
    func nameOrder(_ table: UnitTable) -> NameOrder {
        if let kept = nameOrders.withLock({ $0[table.unit] }), kept.typeCount == table.count {
            return kept
        }
        let names = table.names
        let typesInOrder = (0..<UInt32(table.count)).sorted { left, right in
            names[Int(left)].utf8.lexicographicallyPrecedes(names[Int(right)].utf8)
        }
        var rankOfType = [UInt32](repeating: 0, count: table.count)
        for (rank, type) in typesInOrder.enumerated() {
            rankOfType[Int(type)] = UInt32(rank)
        }
        let built = NameOrder(typeCount: table.count, typesInOrder: typesInOrder, rankOfType: rankOfType)
        nameOrders.withLock { $0[table.unit] = built }
        return built
    }

    /// The types of every whole document of `corpus` in `region`, ranked as the word list ranks
    /// them, with their ranges and DPs.
    func rankedTypes(_ corpus: AnalysisCorpus, _ table: UnitTable, region: TextRegion) -> RankedTypes {
        let key = TotalsKey(unit: table.unit, region: region)
        if let kept = ranked.withLock({ $0[key] }), Self.sameDocuments(kept.documents, corpus.documents),
            kept.ranked.types.count <= table.count
        {
            return kept.ranked
        }
        let built = RankedTypes(corpus, CorpusSelection.everything(corpus, region: region), table)
        ranked.withLock { $0[key] = (corpus.documents, built) }
        return built
    }

    /// The corpus postings of `corpus` under `table`'s unit (nil when the corpus holds 2³² tokens
    /// or more).
    func postings(_ corpus: AnalysisCorpus, _ table: UnitTable) -> CorpusPostings? {
        if let kept = postings.withLock({ $0[table.unit] }) {
            if let index = kept {
                if index.typeCount == table.count, Self.sameDocuments(index.documents, corpus.documents) {
                    return index
                }
            } else if corpus.documents.reduce(0, { $0 + $1.tokenCount }) > Int(UInt32.max) {
                return nil
            }
        }
        let built = CorpusPostings.build(corpus, table)
        postings.withLock { $0[table.unit] = .some(built) }
        return built
    }

    static func sameDocuments(_ left: [AnalysisDocument], _ right: [AnalysisDocument]) -> Bool {
        guard left.count == right.count else {
            return false
        }
        for index in left.indices where left[index] !== right[index] {
            return false
        }
        return true
    }
}
