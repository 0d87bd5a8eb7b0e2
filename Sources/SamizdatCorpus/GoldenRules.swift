import SamizdatModel
import SamizdatText

/// The English Golden Rules of sentence boundary detection: 48 short texts, each with the sentences
/// a splitter should make of it, and a scorer that runs them through the segmenter.
///
/// Source: pySBD, `benchmarks/english_golden_rules.py` at commit 5905f13be4fc95f407b98392e0ec303617a33d86,
/// https://github.com/nipunsadvilkar/pySBD/blob/master/benchmarks/english_golden_rules.py (the same
/// cases as its `tests/lang/test_english.py`; pySBD took them from Kevin Dias's pragmatic_segmenter).
/// Copied unchanged: texts, expected sentences, and the rule names of its comments, typos kept.
///
/// Licence of the cases (MIT):
///
///     Copyright (c) 2019 Nipun Sadvilkar
///
///     Permission is hereby granted, free of charge, to any person obtaining a copy of this software
///     and associated documentation files (the "Software"), to deal in the Software without
///     restriction, including without limitation the rights to use, copy, modify, merge, publish,
///     distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
///     Software is furnished to do so, subject to the following conditions:
///
///     The above copyright notice and this permission notice shall be included in all copies or
///     substantial portions of the Software.
///
///     THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
///     BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
///     NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
///     DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
///     OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
public enum GoldenRules {
    /// One case: a text and the sentences it holds, in order, as printed (spaces between them dropped).
    public struct Rule: Sendable, CustomStringConvertible {
        public let number: Int
        public let name: String
        public let text: String
        public let sentences: [String]

        public var description: String { "\(number). \(name)" }
    }

    /// What the segmenter made of one rule's text.
    public struct Outcome: Sendable {
        public let rule: Rule
        /// The sentences found, each as the text between its offsets, or nil if the segmenter threw.
        public let sentences: [String]?
        /// Why the segmenter threw, if it did.
        public let error: String?

        public var passed: Bool { sentences == rule.sentences }
    }

    /// Segments each rule's text as a document of its own and compares its sentences with the rule's.
    public static func run(_ segmenter: Segmenter = Segmenter(), rules: [Rule] = english) -> [Outcome] {
        rules.map { rule in
            let document = Document(
                id: "golden-rule-\(rule.number)",
                version: 1,
                contentHash: ContentHash.sha256(rule.text),
                metadata: DocumentMetadata(title: "Golden Rule \(rule.number)"),
                text: rule.text
            )
            do {
                let segmented = try segmenter.segment(document)
                let bytes = Array(segmented.text.utf8)
                let sentences = segmented.sentences.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
                return Outcome(rule: rule, sentences: sentences, error: nil)
            } catch {
                return Outcome(rule: rule, sentences: nil, error: "\(error)")
            }
        }
    }

    /// The cases of pySBD's English Golden Rules, numbered as there.
    public static let english: [Rule] = [
        Rule(
            number: 1,
            name: "Simple period to end sentence",
            text: "Hello World. My name is Jonas.",
            sentences: ["Hello World.", "My name is Jonas."]
        ),
        Rule(
            number: 2,
            name: "Question mark to end sentence",
            text: "What is your name? My name is Jonas.",
            sentences: ["What is your name?", "My name is Jonas."]
        ),
        Rule(
            number: 3,
            name: "Exclamation point to end sentence",
            text: "There it is! I found it.",
            sentences: ["There it is!", "I found it."]
        ),
        Rule(
            number: 4,
            name: "One letter upper case abbreviations",
            text: "My name is Jonas E. Smith.",
            sentences: ["My name is Jonas E. Smith."]
        ),
        Rule(
            number: 5,
            name: "One letter lower case abbreviations",
            text: "Please turn to p. 55.",
            sentences: ["Please turn to p. 55."]
        ),
        Rule(
            number: 6,
            name: "Two letter lower case abbreviations in the middle of a sentence",
            text: "Were Jane and co. at the party?",
            sentences: ["Were Jane and co. at the party?"]
        ),
        Rule(
            number: 7,
            name: "Two letter upper case abbreviations in the middle of a sentence",
            text: "They closed the deal with Pitt, Briggs & Co. at noon.",
            sentences: ["They closed the deal with Pitt, Briggs & Co. at noon."]
        ),
        Rule(
            number: 8,
            name: "Two letter lower case abbreviations at the end of a sentence",
            text: "Let's ask Jane and co. They should know.",
            sentences: ["Let's ask Jane and co.", "They should know."]
        ),
        Rule(
            number: 9,
            name: "Two letter upper case abbreviations at the end of a sentence",
            text: "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
            sentences: ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]
        ),
        Rule(
            number: 10,
            name: "Two letter (prepositive) abbreviations",
            text: "I can see Mt. Fuji from here.",
            sentences: ["I can see Mt. Fuji from here."]
        ),
        Rule(
            number: 11,
            name: "Two letter (prepositive & postpositive) abbreviations",
            text: "St. Michael's Church is on 5th st. near the light.",
            sentences: ["St. Michael's Church is on 5th st. near the light."]
        ),
        Rule(
            number: 12,
            name: "Possesive two letter abbreviations",
            text: "That is JFK Jr.'s book.",
            sentences: ["That is JFK Jr.'s book."]
        ),
        Rule(
            number: 13,
            name: "Multi-period abbreviations in the middle of a sentence",
            text: "I visited the U.S.A. last year.",
            sentences: ["I visited the U.S.A. last year."]
        ),
        Rule(
            number: 14,
            name: "Multi-period abbreviations at the end of a sentence",
            text: "I live in the E.U. How about you?",
            sentences: ["I live in the E.U.", "How about you?"]
        ),
        Rule(
            number: 15,
            name: "U.S. as sentence boundary",
            text: "I live in the U.S. How about you?",
            sentences: ["I live in the U.S.", "How about you?"]
        ),
        Rule(
            number: 16,
            name: "U.S. as non sentence boundary with next word capitalized",
            text: "I work for the U.S. Government in Virginia.",
            sentences: ["I work for the U.S. Government in Virginia."]
        ),
        Rule(
            number: 17,
            name: "U.S. as non sentence boundary",
            text: "I have lived in the U.S. for 20 years.",
            sentences: ["I have lived in the U.S. for 20 years."]
        ),
        Rule(
            number: 18,
            name: "A.M. / P.M. as non sentence boundary and sentence boundary",
            text: "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
            sentences: ["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."]
        ),
        Rule(
            number: 19,
            name: "Number as non sentence boundary",
            text: "She has $100.00 in her bag.",
            sentences: ["She has $100.00 in her bag."]
        ),
        Rule(
            number: 20,
            name: "Number as sentence boundary",
            text: "She has $100.00. It is in her bag.",
            sentences: ["She has $100.00.", "It is in her bag."]
        ),
        Rule(
            number: 21,
            name: "Parenthetical inside sentence",
            text: "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
            sentences: ["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]
        ),
        Rule(
            number: 22,
            name: "Email addresses",
            text: "Her email is Jane.Doe@example.com. I sent her an email.",
            sentences: ["Her email is Jane.Doe@example.com.", "I sent her an email."]
        ),
        Rule(
            number: 23,
            name: "Web addresses",
            text: "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
            sentences: ["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."]
        ),
        Rule(
            number: 24,
            name: "Single quotations inside sentence",
            text: "She turned to him, 'This is great.' she said.",
            sentences: ["She turned to him, 'This is great.' she said."]
        ),
        Rule(
            number: 25,
            name: "Double quotations inside sentence",
            text: "She turned to him, \"This is great.\" she said.",
            sentences: ["She turned to him, \"This is great.\" she said."]
        ),
        Rule(
            number: 26,
            name: "Double quotations at the end of a sentence",
            text: "She turned to him, \"This is great.\" She held the book out to show him.",
            sentences: ["She turned to him, \"This is great.\"", "She held the book out to show him."]
        ),
        Rule(
            number: 27,
            name: "Double punctuation (exclamation point)",
            text: "Hello!! Long time no see.",
            sentences: ["Hello!!", "Long time no see."]
        ),
        Rule(
            number: 28,
            name: "Double punctuation (question mark)",
            text: "Hello?? Who is there?",
            sentences: ["Hello??", "Who is there?"]
        ),
        Rule(
            number: 29,
            name: "Double punctuation (exclamation point / question mark)",
            text: "Hello!? Is that you?",
            sentences: ["Hello!?", "Is that you?"]
        ),
        Rule(
            number: 30,
            name: "Double punctuation (question mark / exclamation point)",
            text: "Hello?! Is that you?",
            sentences: ["Hello?!", "Is that you?"]
        ),
        Rule(
            number: 31,
            name: "List (period followed by parens and no period to end item)",
            text: "1.) The first item 2.) The second item",
            sentences: ["1.) The first item", "2.) The second item"]
        ),
        Rule(
            number: 32,
            name: "List (period followed by parens and period to end item)",
            text: "1.) The first item. 2.) The second item.",
            sentences: ["1.) The first item.", "2.) The second item."]
        ),
        Rule(
            number: 33,
            name: "List (parens and no period to end item)",
            text: "1) The first item 2) The second item",
            sentences: ["1) The first item", "2) The second item"]
        ),
        Rule(
            number: 34,
            name: "List (parens and period to end item)",
            text: "1) The first item. 2) The second item.",
            sentences: ["1) The first item.", "2) The second item."]
        ),
        Rule(
            number: 35,
            name: "List (period to mark list and no period to end item)",
            text: "1. The first item 2. The second item",
            sentences: ["1. The first item", "2. The second item"]
        ),
        Rule(
            number: 36,
            name: "List (period to mark list and period to end item)",
            text: "1. The first item. 2. The second item.",
            sentences: ["1. The first item.", "2. The second item."]
        ),
        Rule(
            number: 37,
            name: "List with bullet",
            text: "• 9. The first item • 10. The second item",
            sentences: ["• 9. The first item", "• 10. The second item"]
        ),
        Rule(
            number: 38,
            name: "List with hypthen",
            text: "⁃9. The first item ⁃10. The second item",
            sentences: ["⁃9. The first item", "⁃10. The second item"]
        ),
        Rule(
            number: 39,
            name: "Alphabetical list",
            text: "a. The first item b. The second item c. The third list item",
            sentences: ["a. The first item", "b. The second item", "c. The third list item"]
        ),
        Rule(
            number: 40,
            name: "Geo Coordinates",
            text: "You can find it at N°. 1026.253.553. That is where the treasure is.",
            sentences: ["You can find it at N°. 1026.253.553.", "That is where the treasure is."]
        ),
        Rule(
            number: 41,
            name: "Named entities with an exclamation point",
            text: "She works at Yahoo! in the accounting department.",
            sentences: ["She works at Yahoo! in the accounting department."]
        ),
        Rule(
            number: 42,
            name: "I as a sentence boundary and I as an abbreviation",
            text: "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
            sentences: ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]
        ),
        Rule(
            number: 43,
            name: "Ellipsis at end of quotation",
            text: "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
            sentences: ["Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"]
        ),
        Rule(
            number: 44,
            name: "Ellipsis with square brackets",
            text: "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).",
            sentences: ["\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."]
        ),
        Rule(
            number: 45,
            name: "Ellipsis as sentence boundary (standard ellipsis rules)",
            text:
                "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.",
            sentences: [
                "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .",
                "Next sentence.",
            ]
        ),
        Rule(
            number: 46,
            name: "Ellipsis as sentence boundary (non-standard ellipsis rules)",
            text: "I never meant that.... She left the store.",
            sentences: ["I never meant that....", "She left the store."]
        ),
        Rule(
            number: 47,
            name: "Ellipsis as non sentence boundary",
            text: "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
            sentences: ["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."]
        ),
        Rule(
            number: 48,
            name: "4-dot ellipsis",
            text:
                "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .",
            sentences: [
                "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.",
                ". . . The practice was not abandoned. . . .",
            ]
        ),
    ]
}
