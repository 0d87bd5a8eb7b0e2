import SamizdatModel

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
            typeOfForm = (0..<UInt32(vocabulary.forms.count)).map { $0 }
            names = vocabulary.forms
        case .word:
            typeOfForm = vocabulary.wordOfForm
            names = vocabulary.words
        case .stem:
            typeOfForm = vocabulary.stemOfForm
            names = vocabulary.stems
        }
    }

    /// The number of types.
    public var count: Int { names.count }
}
