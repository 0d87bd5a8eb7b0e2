import SamizdatModel

/// Stoplists a word list (and any other report) may leave out.
public enum Stoplist {
    /// The default English stoplist: closed-class words only, folded as the analyzer folds
    /// them (lower case, straight apostrophe). Articles and determiners, personal, possessive,
    /// reflexive, demonstrative, relative and interrogative pronouns, the forms of "be", "have"
    /// and "do", modal verbs, prepositions, conjunctions and subordinators, common adverbial
    /// particles and negation, quantifiers, and the contractions and their clitic parts ("don't",
    /// "n't", "'s"). No nouns, content verbs or content adjectives.
    public static let english: Set<String> = [
        // articles, determiners, quantifiers
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "no", "none", "every", "each",
        "either", "neither", "all", "both", "half", "several", "many", "much", "more", "most", "few", "fewer",
        "fewest", "less", "least", "little", "enough", "such", "own", "other", "another", "same", "certain",
        // personal, possessive, reflexive pronouns
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours",
        "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
        "itself", "they", "them", "their", "theirs", "themselves", "one", "ones", "oneself",
        // indefinite pronouns
        "someone", "somebody", "something", "anyone", "anybody", "anything", "everyone", "everybody",
        "everything", "nobody", "nothing", "whoever", "whatever", "whichever", "whomever",
        // relative and interrogative words
        "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "whether", "wherever",
        "whenever", "however", "whereby", "wherein", "whereas",
        // be, have, do
        "be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had", "having", "do", "does",
        "did", "doing", "done",
        // modal verbs
        "can", "could", "may", "might", "must", "shall", "should", "will", "would", "ought", "need",
        // prepositions
        "about", "above", "across", "after", "against", "along", "amid", "among", "amongst", "around", "as",
        "at", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond", "by",
        "concerning", "despite", "down", "during", "except", "for", "from", "in", "inside", "into", "like",
        "near", "of", "off", "on", "onto", "out", "outside", "over", "past", "per", "regarding", "round",
        "since", "than", "through", "throughout", "till", "to", "toward", "towards", "under", "underneath",
        "unlike", "until", "unto", "up", "upon", "via", "with", "within", "without",
        // conjunctions and subordinators
        "and", "or", "but", "nor", "so", "yet", "if", "unless", "because", "although", "though", "while",
        "whilst", "once", "lest", "then", "thus", "hence", "therefore", "also", "too",
        // adverbial particles, negation, degree words
        "not", "never", "very", "quite", "rather", "just", "only", "even", "still", "already", "again", "ever",
        "here", "there", "now", "always", "often", "sometimes", "perhaps", "indeed", "else", "almost", "away",
        "back", "further", "furthermore", "moreover", "namely", "otherwise", "instead", "nevertheless",
        "nonetheless", "meanwhile", "thereby", "therein", "thereof", "hereby", "herein", "yes",
        // contractions and clitic parts
        "n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't",
        "weren't", "hasn't", "haven't", "hadn't", "won't", "wouldn't", "can't", "cannot", "couldn't",
        "shouldn't", "mustn't", "mightn't", "needn't", "shan't", "i'm", "i've", "i'll", "i'd", "you're",
        "you've", "you'll", "you'd", "he's", "he'll", "he'd", "she's", "she'll", "she'd", "it's", "it'll",
        "we're", "we've", "we'll", "we'd", "they're", "they've", "they'll", "they'd", "that's", "there's",
        "here's", "what's", "who's", "where's", "let's",
    ]

    /// For each type of `table`: true when the type is a stopword, that is when one of its forms,
    /// or the word of one of its forms, is in `stoplist` (so the stem of "having" and the form
    /// "was", whose word is "be", are stopped too).
    public static func stoppedTypes(
        _ vocabulary: AnalysisVocabulary,
        _ table: UnitTable,
        stoplist: Set<String> = english
    ) -> [Bool] {
        var stopped = [Bool](repeating: false, count: table.count)
        for type in 0..<table.count where stoplist.contains(table.names[type]) {
            stopped[type] = true
        }
        for form in vocabulary.forms.indices {
            let type = Int(table.typeOfForm[form])
            guard !stopped[type] else {
                continue
            }
            if stoplist.contains(vocabulary.forms[form]) || stoplist.contains(vocabulary.words[Int(vocabulary.wordOfForm[form])]) {
                stopped[type] = true
            }
        }
        return stopped
    }
}
