import SamizdatModel
import Testing

@testable import SamizdatReports

/// The scopes every report is checked on against the oracle.
enum FixtureScope: String, CaseIterable, CustomTestStringConvertible {
    case corpus
    case document
    case chapter
    case notes
    case body

    var testDescription: String { rawValue }

    /// The selection: doc0 for one document; doc0's chapter "The Camp" (with its subsection)
    /// for one chapter.
    func selection(_ corpus: AnalysisCorpus) -> CorpusSelection {
        switch self {
        case .corpus:
            return .everything(corpus)
        case .document:
            return CorpusSelection(parts: [CorpusSelection.Part(document: 0)], region: .all)
        case .chapter:
            return CorpusSelection(parts: [CorpusSelection.Part(document: 0, sections: [2, 3])], region: .all)
        case .notes:
            return .everything(corpus, region: .notes)
        case .body:
            return .everything(corpus, region: .body)
        }
    }
}
