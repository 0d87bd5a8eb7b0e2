import SamizdatModel
import Synchronization

/// The types of one counting unit: each form's type id and each type's name.
public struct UnitTable: Sendable {
    public var unit: CountingUnit
    /// Form id → type id.
    public var typeOfForm: [UInt32]
    /// Type id → its name (the form, the word or the stem).
    public var names: [String]

    public init(_ vocabulary: AnalysisVocabulary, unit: CountingUnit) {
        self.unit = unit
        switch unit {
        case .form:
            typeOfForm = Self.identity(vocabulary.forms.count)
            names = vocabulary.forms
        case .word:
            typeOfForm = vocabulary.wordOfForm
            names = vocabulary.words
        case .stem:
            typeOfForm = vocabulary.stemOfForm
            names = vocabulary.stems
        }
    }

    /// The last identity table built: reports under the form unit ask for the same one again and
    /// again, and a shared array saves building it per report.
    private static let identities = Mutex<[UInt32]>([])

    /// [0, 1, …, count − 1].
    static func identity(_ count: Int) -> [UInt32] {
        if let kept = identities.withLock({ $0.count == count ? $0 : nil }) {
            return kept
        }
        let built = (0..<UInt32(count)).map { $0 }
        identities.withLock { $0 = built }
        return built
    }

    /// The number of types.
    public var count: Int { names.count }
}
