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

    /// A note marker glued after the stop goes with the sentence it closes.
    @Test func noteMarkersGluedAfterTheStop() {
        #expect(
            sentences("The plan was fulfilled.12 Then came the purge. Was it planned?3 Nobody said. See p.5 of it.")
                == ["The plan was fulfilled.12", "Then came the purge.", "Was it planned?3", "Nobody said.", "See p.5 of it."]
        )
        #expect(sentences("It cost 4.5 roubles. It was 1937.") == ["It cost 4.5 roubles.", "It was 1937."])
    }

    /// A quotation's source after its stop, then a new sentence; a title's year is no source.
    @Test func sourcesAfterQuotedQuestions() {
        #expect(
            sentences("He asked: ‘What is to be done?’ (1902: 14) However, nobody answered.")
                == ["He asked: ‘What is to be done?’", "However, nobody answered."]
        )
        #expect(
            sentences("He asked: ‘Who were they?’ (1968: 54). And then he left.")
                == ["He asked: ‘Who were they?’ (1968: 54).", "And then he left."]
        )
        #expect(sentences("In ‘What Is to Be Done?’ (1902) Lenin argued so.") == ["In ‘What Is to Be Done?’ (1902) Lenin argued so."])
    }

    /// Spaced ellipsis points: three mark an omission, unless a capitalised function word other
    /// than "I" follows; four end the sentence.
    @Test func spacedEllipsisPoints() {
        #expect(sentences("He waited . . . and then it came.") == ["He waited . . . and then it came."])
        #expect(sentences("He was still there . . . That is, he never left.") == ["He was still there . . .", "That is, he never left."])
        #expect(sentences("The point is . . . I never knew.") == ["The point is . . . I never knew."])
        #expect(sentences("It was over. . . . The rest was silence.") == ["It was over.", ". . . The rest was silence."])
    }

    /// Decades and possessives end sentences; multi-period abbreviations end one only after a clause.
    @Test func decadesPossessivesAndAbbreviations() {
        #expect(sentences("It was popular in the 1920s. Eugenics was too.") == ["It was popular in the 1920s.", "Eugenics was too."])
        #expect(sentences("His fate was worse than Trotsky’s. Nobody knew.") == ["His fate was worse than Trotsky’s.", "Nobody knew."])
        #expect(
            sentences("At 9 a.m. Dr. Jones left. He came back at 5 p.m. Mr. Jones then slept.") == [
                "At 9 a.m. Dr. Jones left.", "He came back at 5 p.m.", "Mr. Jones then slept.",
            ]
        )
        #expect(
            sentences("They met the U.S. Ambassador. Then they lived in the U.S. Why not?") == [
                "They met the U.S. Ambassador.", "Then they lived in the U.S.", "Why not?",
            ]
        )
    }

    /// "I" and "A" open sentences, but not as initials before a full stop.
    @Test func initialsThatLookLikeWords() {
        #expect(
            sentences("The works of V. I. Lenin were read. He met J. A. Hobson.") == ["The works of V. I. Lenin were read.", "He met J. A. Hobson."]
        )
        #expect(
            sentences("We make a team, you and I. Did you see Albert I. Jones?") == ["We make a team, you and I.", "Did you see Albert I. Jones?"]
        )
    }

    /// A list run into one paragraph gives each item its own sentences.
    @Test func inlineLists() {
        #expect(sentences("1) The first thing 2) The second thing") == ["1) The first thing", "2) The second thing"])
        #expect(sentences("a. One thing. It is so. b. Another thing") == ["a. One thing.", "It is so.", "b. Another thing"])
        #expect(sentences("1. The plan of 1928 2. was fulfilled.") == ["1. The plan of 1928 2. was fulfilled."])
    }
}
