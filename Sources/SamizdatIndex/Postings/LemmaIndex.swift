import Foundation
import SamizdatText

/// The lemma (`EnglishLemmatizer.lemma`) of every form of the published vocabulary, and the
/// forms of every lemma: what a query by word (the default unit) looks its word up in.
///
/// Built as queries need it and kept beside the published state: the vocabulary only grows
/// (form ids are the `terms` table's, never reused), so each catch-up lemmatizes only the forms
/// added since the last one; nothing is computed on the write path. Queries may come from any
/// number of threads: every read and catch-up holds the lock.
final class LemmaIndex: @unchecked Sendable {
    private let lock = NSLock()
    /// Lemma id of each form id (−1 for an id with no form).
    private var lemmaOfForm: [Int32] = []
    private var lemmaIDs: [String: Int32] = [:]
    private var lemmas: [String] = []
    /// Form ids of each lemma id, ascending.
    private var formsOfLemma: [[Int32]] = []

    /// The lemma index of the forms of `vocabulary`, its lemma table with it.
    struct Table {
        /// Lemma id of each form id (−1 for an id with no form).
        var lemmaOfForm: [Int32]
        /// Each lemma id's lemma.
        var lemmas: [String]
    }

    /// Form ids whose lemma is `lemma` (ascending), among the forms of `vocabulary`.
    func forms(ofLemma lemma: String, in vocabulary: Vocabulary) -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        catchUp(vocabulary)
        guard let id = lemmaIDs[lemma] else { return [] }
        return formsOfLemma[Int(id)].filter { Int($0) < vocabulary.forms.count }
    }

    /// The lemma of every form of `vocabulary`.
    func table(for vocabulary: Vocabulary) -> Table {
        lock.lock()
        defer { lock.unlock() }
        catchUp(vocabulary)
        return Table(lemmaOfForm: Array(lemmaOfForm.prefix(vocabulary.forms.count)), lemmas: lemmas)
    }

    /// How many forms are indexed (for tests: it only grows with the vocabulary).
    var indexedForms: Int {
        lock.lock()
        defer { lock.unlock() }
        return lemmaOfForm.count
    }

    /// Lemmatizes the forms of `vocabulary` not seen yet. Under the lock.
    private func catchUp(_ vocabulary: Vocabulary) {
        let forms = vocabulary.forms
        if forms.count < lemmaOfForm.count {
            // a vocabulary read back smaller than the one indexed (never expected): start again
            lemmaOfForm = []
            lemmaIDs = [:]
            lemmas = []
            formsOfLemma = []
        }
        guard lemmaOfForm.count < forms.count else { return }
        lemmaOfForm.reserveCapacity(forms.count)
        for formID in lemmaOfForm.count..<forms.count {
            let form = forms[formID]
            guard !form.isEmpty else {
                lemmaOfForm.append(-1)
                continue
            }
            let lemma = EnglishLemmatizer.lemma(form)
            let lemmaID: Int32
            if let known = lemmaIDs[lemma] {
                lemmaID = known
            } else {
                lemmaID = Int32(lemmas.count)
                lemmas.append(lemma)
                lemmaIDs[lemma] = lemmaID
                formsOfLemma.append([])
            }
            lemmaOfForm.append(lemmaID)
            formsOfLemma[Int(lemmaID)].append(Int32(formID))
        }
    }
}
