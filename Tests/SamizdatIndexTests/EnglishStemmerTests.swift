import SamizdatText
import Testing

/// Pairs from the Snowball English vocabulary/output lists and from the algorithm's own
/// examples; the stemmer was also checked against PyStemmer on the ~11,500 ASCII forms of
/// the shared corpus with no difference.
@Suite struct EnglishStemmerTests {
    static let pairs: [(String, String)] = [
        ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
        ("consist", "consist"), ("consisted", "consist"), ("consistency", "consist"), ("consistent", "consist"),
        ("consistently", "consist"), ("consisting", "consist"), ("consists", "consist"), ("consolation", "consol"),
        ("consolations", "consol"), ("consolatory", "consolatori"), ("console", "consol"), ("consoled", "consol"),
        ("consoles", "consol"), ("consolidate", "consolid"), ("consolidated", "consolid"), ("consolidating", "consolid"),
        ("consoling", "consol"), ("consolingly", "consol"), ("consols", "consol"), ("consonant", "conson"),
        ("consort", "consort"), ("consorted", "consort"), ("conspicuous", "conspicu"), ("conspicuously", "conspicu"),
        ("conspiracy", "conspiraci"), ("conspirator", "conspir"), ("conspirators", "conspir"), ("conspire", "conspir"),
        ("constable", "constabl"), ("constance", "constanc"), ("constancy", "constanc"), ("constant", "constant"),
        ("knack", "knack"), ("knackeries", "knackeri"), ("knavish", "knavish"), ("kneaded", "knead"),
        ("kneeling", "kneel"), ("knees", "knee"), ("knightly", "knight"), ("knitting", "knit"), ("knives", "knive"),
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "tie"), ("cries", "cri"), ("gas", "gas"), ("gaps", "gap"),
        ("kiwis", "kiwi"), ("hopping", "hop"), ("hoping", "hope"), ("fizzed", "fizz"), ("luxuriated", "luxuri"),
        ("agreed", "agre"), ("feed", "feed"), ("generously", "generous"), ("generate", "generat"),
        ("communism", "communism"), ("communication", "communic"), ("arsenal", "arsenal"), ("national", "nation"),
        ("relational", "relat"), ("happily", "happili"), ("dying", "die"), ("skies", "sky"), ("news", "news"),
        ("stalinists", "stalinist"), ("revolutionary", "revolutionari"), ("revolution", "revolut"),
        ("bureaucracy", "bureaucraci"), ("proceed", "proceed"), ("exceeding", "exceed"), ("canning", "canning"),
        ("inning", "inning"), ("organization", "organiz"), ("university", "universiti"), ("past", "past"),
        ("yelling", "yell"), ("sayings", "say"), ("ow", "ow"), ("by", "by"), ("cry", "cri"), ("say", "say"),
        ("stalin's", "stalin"), ("workers'", "worker"), ("'tis", "tis"), ("1917", "1917"), ("zizek", "zizek"),
    ]

    @Test(arguments: pairs) func stems(_ pair: (String, String)) {
        #expect(EnglishStemmer.stem(pair.0) == pair.1, "\(pair.0)")
    }

    @Test func nonLatinAndLongWordsUnchanged() {
        #expect(EnglishStemmer.stem("共产党") == "共产党")
        let long = String(repeating: "a", count: 80) + "ing"
        #expect(EnglishStemmer.stem(long) == long)
    }
}
