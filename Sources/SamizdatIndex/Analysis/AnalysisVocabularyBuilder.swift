import SamizdatModel
import SamizdatReports
import SamizdatText

/// The analysis corpus's vocabulary as it grows: every folded form gets an id the first time it
/// is seen, with its word (`EnglishLemmatizer`) and stem (`EnglishStemmer`). Ids never change
/// and nothing is removed, so a document analysed once stays valid as others come and go.
struct AnalysisVocabularyBuilder {
    private(set) var forms: [String] = []
    private(set) var words: [String] = []
    private(set) var stems: [String] = []
    private(set) var wordOfForm: [UInt32] = []
    private(set) var stemOfForm: [UInt32] = []
    private var formIDs: [String: UInt32] = [:]
    private var wordIDs: [String: UInt32] = [:]
    private var stemIDs: [String: UInt32] = [:]

    /// The id of a folded form, adding it (with its word and stem) when new.
    mutating func id(ofForm form: String) -> UInt32 {
        if let known = formIDs[form] {
            return known
        }
        let id = UInt32(forms.count)
        forms.append(form)
        formIDs[form] = id
        wordOfForm.append(Self.intern(EnglishLemmatizer.lemma(form), in: &words, ids: &wordIDs))
        stemOfForm.append(Self.intern(EnglishStemmer.stem(form), in: &stems, ids: &stemIDs))
        return id
    }

    private static func intern(_ name: String, in names: inout [String], ids: inout [String: UInt32]) -> UInt32 {
        if let known = ids[name] {
            return known
        }
        let id = UInt32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    /// The id of a form already seen, else nil.
    func existingForm(_ form: String) -> UInt32? {
        formIDs[form]
    }

    /// The type id of `name` under `unit` (a folded form, a word or a stem), else nil.
    func typeID(named name: String, unit: CountingUnit) -> UInt32? {
        switch unit {
        case .form: formIDs[name]
        case .word: wordIDs[name]
        case .stem: stemIDs[name]
        }
    }

    /// The vocabulary as reports read it.
    var snapshot: AnalysisVocabulary {
        AnalysisVocabulary(forms: forms, words: words, wordOfForm: wordOfForm, stems: stems, stemOfForm: stemOfForm)
    }
}
