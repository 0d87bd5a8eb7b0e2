import Foundation
import Testing

@testable import SamizdatText

struct EnglishLemmatizerTests {
    /// The (form, lemma) pairs of `Fixtures/lemma-pairs.tsv` (its header says where they come from).
    static func pairs() throws -> [(form: String, lemma: String)] {
        let url = try #require(Bundle.module.url(forResource: "lemma-pairs", withExtension: "tsv", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var pairs: [(form: String, lemma: String)] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                Issue.record("malformed fixture line: \(line)")
                continue
            }
            pairs.append((String(fields[0]), String(fields[1])))
        }
        return pairs
    }

    /// The share of pairs right, measured at 9,096 of 9,099 (99.97 %) when the fixture was made.
    static let accuracyFloor = 0.995

    @Test func lemmatizesTheFixturePairsAboveTheMeasuredFloor() throws {
        let pairs = try Self.pairs()
        #expect(pairs.count >= 9_000)
        var failures: [String] = []
        for pair in pairs {
            let lemma = EnglishLemmatizer.lemma(pair.form)
            if lemma != pair.lemma {
                failures.append("\(pair.form) → \(lemma), expected \(pair.lemma)")
            }
        }
        let accuracy = Double(pairs.count - failures.count) / Double(pairs.count)
        print("EnglishLemmatizer: \(pairs.count - failures.count) of \(pairs.count) pairs right (\(accuracy))")
        #expect(accuracy >= Self.accuracyFloor, "accuracy \(accuracy) below \(Self.accuracyFloor); failures:\n\(failures.joined(separator: "\n"))")
    }

    @Test func theIssuesExamplesGiveTheirWords() {
        #expect(EnglishLemmatizer.lemma("camps") == "camp")
        #expect(EnglishLemmatizer.lemma("studies") == "study")
        #expect(EnglishLemmatizer.lemma("women") == "woman")
        #expect(EnglishLemmatizer.lemma("stalin's") == "stalin")
        #expect(EnglishLemmatizer.lemma("stalin’s") == "stalin")
    }

    @Test func derivationsStayWordsOfTheirOwn() {
        #expect(EnglishLemmatizer.lemma("stalinism") == "stalinism")
        #expect(EnglishLemmatizer.lemma("stalinism") != EnglishLemmatizer.lemma("stalin"))
        let social = ["social", "socialism", "sociality", "socially"].map(EnglishLemmatizer.lemma)
        #expect(social == ["social", "socialism", "sociality", "socially"])
        #expect(EnglishLemmatizer.lemma("freedom") == "freedom")
        #expect(EnglishLemmatizer.lemma("happiness") == "happiness")
    }

    @Test func possessivesLoseTheirApostropheInEachSpelling() {
        #expect(EnglishLemmatizer.lemma("workers") == "worker")
        #expect(EnglishLemmatizer.lemma("workers'") == "worker")
        #expect(EnglishLemmatizer.lemma("workers’") == "worker")
        #expect(EnglishLemmatizer.lemma("stalinʼs") == "stalin")
        #expect(EnglishLemmatizer.lemma("children's") == "child")
        #expect(EnglishLemmatizer.lemma("don't") == "don't")
    }

    @Test func wordsThatOnlyLookInflectedStay() {
        let words = [
            "this", "news", "physics", "series", "species", "always", "perhaps", "thus", "bus", "gas",
            "crisis", "analysis", "basis", "status", "virus", "campus", "during", "morning", "thing",
            "nothing", "king", "red", "bed", "need", "speed", "hundred", "class", "means", "politics",
        ]
        for word in words {
            #expect(EnglishLemmatizer.lemma(word) == word)
        }
    }

    @Test func nounPluralsGiveTheirSingular() {
        let pairs = [
            ("cities", "city"), ("churches", "church"), ("boxes", "box"), ("classes", "class"),
            ("wolves", "wolf"), ("knives", "knife"), ("children", "child"), ("feet", "foot"),
            ("mice", "mouse"), ("criteria", "criterion"), ("phenomena", "phenomenon"),
            ("analyses", "analysis"), ("theses", "thesis"), ("crises", "crisis"), ("indices", "index"),
            ("heroes", "hero"), ("shoes", "shoe"), ("causes", "cause"), ("buses", "bus"),
            ("movies", "movie"), ("workmen", "workman"), ("specimens", "specimen"),
        ]
        for (form, lemma) in pairs {
            #expect(EnglishLemmatizer.lemma(form) == lemma)
        }
    }

    @Test func verbFormsGiveTheirVerb() {
        let pairs = [
            ("stopped", "stop"), ("making", "make"), ("studied", "study"), ("went", "go"),
            ("gone", "go"), ("was", "be"), ("were", "be"), ("been", "be"), ("had", "have"),
            ("did", "do"), ("made", "make"), ("thought", "think"), ("written", "write"),
            ("hoped", "hope"), ("hopped", "hop"), ("visited", "visit"), ("created", "create"),
            ("treated", "treat"), ("travelled", "travel"), ("called", "call"), ("added", "add"),
            ("agreed", "agree"), ("changing", "change"), ("hanging", "hang"), ("singing", "sing"),
            ("opened", "open"), ("declared", "declare"), ("offered", "offer"), ("ignored", "ignore"),
            ("lying", "lie"), ("dying", "die"), ("saw", "see"), ("found", "find"),
        ]
        for (form, lemma) in pairs {
            #expect(EnglishLemmatizer.lemma(form) == lemma)
        }
    }

    @Test func comparativesAndSuperlativesGiveTheirAdjective() {
        let pairs = [
            ("bigger", "big"), ("biggest", "big"), ("happiest", "happy"), ("larger", "large"),
            ("better", "good"), ("best", "good"), ("worse", "bad"), ("worst", "bad"),
            ("worker", "worker"), ("interest", "interest"), ("number", "number"),
        ]
        for (form, lemma) in pairs {
            #expect(EnglishLemmatizer.lemma(form) == lemma)
        }
    }

    @Test func numbersAndOtherScriptsStayAsTheyAre() {
        for form in ["1917", "3.5", "1,000", "20th", "1920s", "сталин", "ab"] {
            #expect(EnglishLemmatizer.lemma(form) == form)
        }
    }

    @Test func theChosenReadingsOfAmbiguousFormsHold() {
        #expect(EnglishLemmatizer.lemma("left") == "left")
        #expect(EnglishLemmatizer.lemma("leaves") == "leave")
        #expect(EnglishLemmatizer.lemma("lives") == "life")
        #expect(EnglishLemmatizer.lemma("being") == "be")
        #expect(EnglishLemmatizer.lemma("beings") == "being")
    }
}
