import Testing

@testable import SamizdatText

struct SentenceSplitterTests {
    func sentences(_ s: String) -> [String] {
        let b = Array(s.utf8)
        var out: [(Int, Int)] = []
        SentenceSplitter.split(b, 0, b.count, into: &out)
        return out.map { String(decoding: b[$0.0..<$0.1], as: UTF8.self) }
    }

    @Test func abbreviationsDoNotEndSentences() {
        let s =
            "See cf. Marx, pp. 12–14, and ed. Smith, trans. Jones, vol. 2, ch. 3, no. 11. It was e.g. Lenin, i.e. the leader. They met St. Peter and Mr. Brown at 5 p.m. on a Monday. The U.S.S.R. was large."
        #expect(
            sentences(s) == [
                "See cf. Marx, pp. 12–14, and ed. Smith, trans. Jones, vol. 2, ch. 3, no. 11.",
                "It was e.g. Lenin, i.e. the leader.",
                "They met St. Peter and Mr. Brown at 5 p.m. on a Monday.",
                "The U.S.S.R. was large.",
            ]
        )
    }

    @Test func initialsNumbersAndEllipses() {
        let s = "J. S. Mill wrote in 1859. It cost 4.53 roubles. He paused… And then he left. Wait [\u{2026}] for it."
        #expect(sentences(s) == ["J. S. Mill wrote in 1859.", "It cost 4.53 roubles.", "He paused…", "And then he left.", "Wait [\u{2026}] for it."])
    }

    /// A quotation's source after its full stop closes the sentence but is not one itself.
    @Test func quotesBracketsAndCitations() {
        let s =
            "He said ‘no.’ She left. (This was in brackets. It stays.) The end is near (Smith 2004: 65). Next one. The quote ends here.” Then more. It was discipline. (Foucault 1994a: 64) After that."
        #expect(
            sentences(s) == [
                "He said ‘no.’", "She left.", "(This was in brackets. It stays.)", "The end is near (Smith 2004: 65).", "Next one.",
                "The quote ends here.”", "Then more.", "It was discipline.", "After that.",
            ]
        )
    }

    @Test func numberedItemsAndAlAndQuestions() {
        #expect(sentences("1. The first item is here. It has two sentences.") == ["1. The first item is here.", "It has two sentences."])
        #expect(sentences("Smith et al. (2004) argue so. Was it? Yes! It was.") == ["Smith et al. (2004) argue so.", "Was it?", "Yes!", "It was."])
        #expect(sentences("As shown by Smith et al. The result holds.") == ["As shown by Smith et al.", "The result holds."])
        #expect(
            sentences("Was it free? No. Of course not, see no. 4 and vol. 2.") == ["Was it free?", "No.", "Of course not, see no. 4 and vol. 2."]
        )
    }
}
