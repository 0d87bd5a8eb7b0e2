/// What the sentence splitter knows about English words around a full stop: which short tokens are
/// abbreviations and how a full stop after each behaves, and which capitalised words open sentences.
///
/// Tokens are lower case, without their final dot, inner dots kept ("u.s", "a.m", "n°").
enum AbbreviationLexicon {
    /// How a full stop after an abbreviation behaves.
    enum Kind {
        /// Never ends a sentence: titles before a name ("Mr.", "St."), references before a locator
        /// ("cf.", "ibid.", "p.", "pp.", "ed."), Latin in running text ("e.g.", "i.e.", "viz.").
        case inner
        /// Stands before a number ("no. 11", "vol. 2", "N°. 1026"); before anything else the full stop
        /// ends the sentence ("Was it free? No. Of course not").
        case beforeNumber
        /// Often ends a sentence as well as the abbreviation ("et al.", "U.S.", "p.m.", "B.C."): ends it
        /// when the next word `opensSentence` and, for a multi-period abbreviation, the sentence has
        /// at least `minimumWordsBeforeEnding` words before it. A dotted acronym not listed ("E.U.")
        /// is taken for one of these.
        case mayEndSentence
    }

    /// The kind of `token`, or nil for a word that is no known abbreviation.
    static func kind(of token: String) -> Kind? {
        if beforeNumber.contains(token) { return .beforeNumber }
        if mayEndSentence.contains(token) { return .mayEndSentence }
        if inner.contains(token) { return .inner }
        return nil
    }

    static let inner: Set<String> = [
        "cf", "ibid", "id", "p", "pp", "ed", "eds", "trans", "tr", "ch", "chs", "chap", "e.g", "i.e", "st", "mr",
        "mrs", "ms", "dr", "prof", "viz", "vs", "v", "op", "cit", "c", "ca", "esp", "repr", "rev", "n", "ff", "jr", "sr",
        "gen", "col", "lt", "capt", "sgt", "hon", "dept", "univ", "approx", "mt", "ft", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "comp", "pt", "bk", "ser", "suppl", "diss", "mss", "cp", "resp",
        "incl", "orig", "ph.d", "m.a", "b.a", "et",
    ]
    static let beforeNumber: Set<String> = ["no", "nos", "n°", "vol", "vols", "fig", "figs", "nn", "para", "sec"]
    static let mayEndSentence: Set<String> = ["al", "a.m", "p.m", "u.s", "u.k", "u.s.s.r", "u.s.a", "b.c", "a.d", "s"]

    /// After a multi-period abbreviation that may end a sentence, a sentence of fewer words before it
    /// is only an opening phrase ("At 5 a.m. Mr. Smith went…"), so the full stop does not end it.
    static let minimumWordsBeforeEnding = 3

    /// Whether a capitalised `word` opens a sentence after an initial or an abbreviation that may end
    /// one: a function word or a title. A name's initials and abbreviations inside a name are followed
    /// by names, which are neither. (The splitter asks only about one-letter words — "A", "I" — that no
    /// full stop follows, which would make them initials.)
    static func opensSentence(_ word: String) -> Bool { functionWords.contains(word) || titles.contains(word) }

    /// Function words that often open a sentence: pronouns, determiners, auxiliaries, conjunctions,
    /// question words, common prepositions and sentence adverbs. Never a name.
    static let functionWords: Set<String> = [
        "the", "a", "an", "in", "it", "this", "that", "these", "those", "he", "she", "they", "we", "i", "you", "my",
        "your", "but", "and", "or", "nor", "yet", "however", "thus", "hence", "therefore", "for", "as", "on", "at", "if",
        "when", "while", "there", "such", "what", "how", "why", "where", "who", "which", "whose", "his", "her", "their",
        "our", "its", "one", "to", "by", "after", "before", "so", "here", "both", "all", "moreover", "then", "now",
        "is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "could", "would", "should", "although",
        "though", "because", "since",
    ]
    /// Titles that open a name, and so often a sentence ("…at 6 P.M. Mr. Smith then went…").
    static let titles: Set<String> = ["mr", "mrs", "dr", "prof"]
}
