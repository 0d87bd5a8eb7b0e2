import SamizdatModel

/// The corpus as the reports see it: every live document's token stream over one vocabulary.
///
/// A value: the index hands out a corpus that matches one published state of the store, and a
/// report computed from it is exact for that state.
public struct AnalysisCorpus: Sendable {
    public var vocabulary: AnalysisVocabulary
    /// The live documents, in order of document id.
    public var documents: [AnalysisDocument]
    /// Corpus-wide counts and name orders the reports built, kept for the next report over the
    /// same documents (checked against them on every use).
    let cache = AnalysisCache()
    /// What reports have asked for that `prepare` keeps ready beyond its defaults: shared by the
    /// corpora one index hands out one after another, so that a structure built on a report's
    /// first request is rebuilt for each later corpus.
    public let demand: AnalysisDemand

    public init(vocabulary: AnalysisVocabulary, documents: [AnalysisDocument], demand: AnalysisDemand = AnalysisDemand()) {
        self.vocabulary = vocabulary
        self.documents = documents
        self.demand = demand
    }

    /// Builds what the reports keep for the whole corpus under `unit` (its totals, its types in
    /// name order, its postings, its ranked word list, and the ranked bigrams and trigrams once
    /// an n-grams report has asked for them, `demand`), so that the next report finds them
    /// ready. The index calls it in the background after each commit; reports build whatever is
    /// missing themselves.
    public func prepare(_ unit: CountingUnit) {
        let table = UnitTable(vocabulary, unit: unit)
        _ = cache.totals(self, table, region: .all)
        _ = cache.nameOrder(table)
        _ = cache.postings(self, table)
        _ = cache.rankedTypes(self, table, region: .all)
        for length in NGramTable.lengths where demand.wantsNGramTable(unit: unit, length: length) {
            cache.prepareNGrams(self, table, length: length)
        }
    }
}

/// Every form the corpus holds, with the word (lemma) and the stem it belongs to.
public struct AnalysisVocabulary: Sendable {
    /// Form id → the folded form ("camps", "stalin's").
    public var forms: [String]
    /// Word id → the word ("camp", "stalin"); form id → its word id.
    public var words: [String]
    public var wordOfForm: [UInt32]
    /// Stem id → the Porter2 stem; form id → its stem id.
    public var stems: [String]
    public var stemOfForm: [UInt32]

    public init(forms: [String], words: [String], wordOfForm: [UInt32], stems: [String], stemOfForm: [UInt32]) {
        self.forms = forms
        self.words = words
        self.wordOfForm = wordOfForm
        self.stems = stems
        self.stemOfForm = stemOfForm
    }
}

/// Which documents, chapters and region a report counts: the index resolves a `ReportScope`
/// to one.
public struct CorpusSelection: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        /// Index into `AnalysisCorpus.documents`.
        public var document: Int
        /// The sections whose blocks count (a chapter and every section under it); nil: the
        /// whole document. A note counts with the section its marker stands in.
        public var sections: Set<Int32>?

        public init(document: Int, sections: Set<Int32>? = nil) {
            self.document = document
            self.sections = sections
        }
    }

    /// In corpus order, each document at most once.
    public var parts: [Part]
    public var region: TextRegion

    public init(parts: [Part], region: TextRegion) {
        self.parts = parts
        self.region = region
    }

    /// Every document of `corpus`, whole.
    public static func everything(_ corpus: AnalysisCorpus, region: TextRegion = .all) -> CorpusSelection {
        CorpusSelection(parts: corpus.documents.indices.map { Part(document: $0) }, region: region)
    }
}
