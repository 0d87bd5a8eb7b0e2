import SamizdatModel

/// Where the postings of one word of a query leaf are found: one key (a folded form, or `~` and
/// a stem), or several forms whose postings are merged.
enum WordSource: Hashable {
    case key(String)
    case forms([String])
}

/// Resolves a word of a leaf of the default unit (word: any inflection of it) to the postings
/// that answer it, from the published vocabulary and term counts and the lemma index: the forms
/// whose lemma is the word's lemma, those present in the index (a live occurrence). When they
/// are one form, that form's key; when they are exactly the forms of one stem (no other form
/// present has that stem), the stem's key, whose postings are theirs merged at write time;
/// otherwise the forms, merged at query time.
struct WordLookup {
    let vocabulary: Vocabulary
    let counts: TermCounts
    let lemmas: LemmaIndex

    /// The postings answering word `k` of `leaf` in its unit.
    func source(_ leaf: QueryLeaf, _ k: Int) -> WordSource {
        switch leaf.unit {
        case .form:
            return .key(leaf.words[k])
        case .stem:
            return .key(MatchExpression.stemMarker + leaf.stems[k])
        case .word:
            return source(lemma: leaf.lemmas[k], form: leaf.words[k])
        }
    }

    /// The postings of the forms whose lemma is `lemma`; `form` (the word as asked) when no such
    /// form is present.
    func source(lemma: String, form: String) -> WordSource {
        let present = presentForms(ofLemma: lemma)
        guard let first = present.first else { return .key(form) }
        if present.count == 1 { return .key(vocabulary.forms[Int(first)]) }
        let stem = vocabulary.stemOfForm[Int(first)]
        var frequency = 0
        var oneStem = stem >= 0
        for formID in present {
            if vocabulary.stemOfForm[Int(formID)] != stem { oneStem = false }
            frequency += counts.formFrequency[Int(formID)]
        }
        // a stem's frequency is its present forms' sum: equal to these forms' alone exactly
        // when no other form present has the stem
        if oneStem, Int(stem) < counts.stemFrequency.count, counts.stemFrequency[Int(stem)] == frequency {
            return .key(MatchExpression.stemMarker + vocabulary.stems[Int(stem)])
        }
        return .forms(present.map { vocabulary.forms[Int($0)] })
    }

    /// Form ids with lemma `lemma` that have a live occurrence.
    func presentForms(ofLemma lemma: String) -> [Int32] {
        lemmas.forms(ofLemma: lemma, in: vocabulary).filter {
            Int($0) < counts.formFrequency.count && counts.formFrequency[Int($0)] > 0
        }
    }
}
