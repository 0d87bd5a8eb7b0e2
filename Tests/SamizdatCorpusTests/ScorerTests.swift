import SamizdatModel
import Testing

@testable import SamizdatCorpus

/// The scorer on small hand-made documents whose right answers are known.
@Suite struct ScorerTests {
    // Input lines:
    //  0  THE TITLE OF IT
    //  1  Alpha beta gamma delta.1 Epsilon zeta (Orlov 2004: 5) eta theta.
    //  2  12
    //  3  RUNNING HEAD
    //  4  Iota kappa lambda mu? Nu xi omicron pi (ibid.: 7).
    //  5  1. A note about beta here.
    static let truth = GroundTruth(
        name: "hand",
        kind: .book,
        title: "",
        authors: [],
        bytes: 0,
        lines: 6,
        artifacts: [Artifact(kind: .pageNumber, line: 2, text: "12"), Artifact(kind: .runningHead, line: 3, text: "RUNNING HEAD")],
        pages: [.init(label: "12", firstLine: 0, lastLine: 2), .init(label: "13", firstLine: 3, lastLine: 5)],
        headings: [.init(title: "THE TITLE OF IT", kind: .chapter, level: 1, line: 0, lineCount: 1)],
        notes: [.init(label: "1", text: "A note about beta here.", anchor: "delta", markerOffset: 40, markerLine: 1, noteLine: 5, page: "13")],
        sentences: [
            .init(offset: 39, line: 1, tail: "alpha beta gamma delta", page: "12"),
            .init(offset: 80, line: 1, tail: "2004 5 eta theta", page: "12"),
            .init(offset: 100, line: 4, tail: "iota kappa lambda mu", page: "13"),
            .init(offset: 130, line: 4, tail: "omicron pi ibid 7", page: "13"),
        ],
        citations: [
            .init(start: 60, end: 77, line: 1, raw: "(Orlov 2004: 5)", authors: ["Orlov"], year: "2004", pages: "5", ibid: false),
            .init(start: 120, end: 132, line: 4, raw: "(ibid.: 7)", authors: ["Orlov"], year: "2004", pages: "7", ibid: true),
        ]
    )

    /// A segmentation built by hand over a clean text, with sentences given as substrings.
    static func segmented(
        sentences: [String],
        paragraphBreaks: Set<Int> = [],
        pages: [(String, Int)] = [],
        sections: [Section] = [],
        notes: [Note] = [],
        citations: [Citation] = [],
        artifacts: [Artifact] = []
    ) -> SegmentedDocument {
        var text = ""
        var spans: [Sentence] = []
        var paragraphs: [Paragraph] = [Paragraph(start: 0, end: 0)]
        for (i, s) in sentences.enumerated() {
            if i > 0 { text += paragraphBreaks.contains(i) ? "\n\n" : " " }
            if paragraphBreaks.contains(i) { paragraphs.append(Paragraph(start: text.utf8.count, end: 0)) }
            let start = text.utf8.count
            text += s
            spans.append(Sentence(start: start, end: text.utf8.count, paragraph: paragraphs.count - 1))
        }
        var pageSpans: [PageSpan] = []
        for (k, (label, start)) in pages.enumerated() {
            let end = k + 1 < pages.count ? pages[k + 1].1 : text.utf8.count
            pageSpans.append(PageSpan(label: label, start: start, end: end))
        }
        return SegmentedDocument(
            id: "d",
            version: 1,
            contentHash: "",
            metadata: DocumentMetadata(),
            text: text,
            pages: pageSpans,
            sections: sections,
            paragraphs: paragraphs,
            sentences: spans,
            notes: notes,
            citations: citations,
            artifacts: artifacts
        )
    }

    static let perfectSentences = [
        "Alpha beta gamma delta.", "Epsilon zeta (Orlov 2004: 5) eta theta.",
        "Iota kappa lambda mu?", "Nu xi omicron pi (ibid.: 7).",
    ]

    static var perfect: SegmentedDocument {
        var d = segmented(
            sentences: perfectSentences,
            pages: [("12", 0), ("13", 64)],
            sections: [Section(kind: .chapter, level: 1, title: "The Title of It", start: 0, end: 10)],
            notes: [],
            citations: [
                Citation(start: 37, end: 54, authors: ["Orlov"], year: "2004", pages: "5"),
                Citation(start: 100, end: 110, authors: ["Orlov"], year: "2004", pages: "7", ibid: true),
            ],
            artifacts: [Artifact(kind: .pageNumber, line: 2, text: "12"), Artifact(kind: .runningHead, line: 3, text: "RUNNING HEAD")]
        )
        // The marker stood right after "delta." (offset 23).
        d.notes = [Note(label: "1", text: "A note about beta here.", marker: 23)]
        return d
    }

    @Test func perfectSegmentationScoresOne() {
        let doc = Self.perfect
        #expect(doc.slice(0, 23) == "Alpha beta gamma delta.")
        #expect(doc.page(at: 70) == "13")
        let s = Scorer.score(doc, truth: Self.truth)
        for (name, c) in s.categories {
            #expect(c.precision == 1 && c.recall == 1 && c.f1 == 1, "\(name): \(c)")
        }
        #expect(s.artifacts.agreeing == 2)
        #expect(s.headings.agreeing == 1)
    }

    @Test func splitAndMergedSentences() {
        // "Alpha beta gamma delta. Epsilon …" merged into one; "Iota kappa lambda mu? Nu …" cut after "Nu".
        let doc = Self.segmented(sentences: [
            "Alpha beta gamma delta. Epsilon zeta (Orlov 2004: 5) eta theta.",
            "Iota kappa lambda mu? Nu", "xi omicron pi (ibid.: 7).",
        ])
        let s = Scorer.score(doc, truth: Self.truth).sentenceEnds
        // Matched: the merged one ends like truth 2; "xi omicron pi (ibid.: 7)." ends like truth 4.
        #expect(s.truth == 4 && s.found == 3 && s.matched == 2)
        #expect(abs(s.precision - 2.0 / 3) < 1e-9 && s.recall == 0.5)
        #expect(abs(s.f1 - 4.0 / 7) < 1e-9)
    }

    @Test func markerLeftInTextSpoilsTheSentenceAndTheLink() {
        var doc = Self.segmented(sentences: ["Alpha beta gamma delta.1", "Epsilon zeta (Orlov 2004: 5) eta theta."])
        doc.notes = [Note(label: "1", text: "A note about beta here.", marker: nil)]
        let s = Scorer.score(doc, truth: Self.truth)
        #expect(s.sentenceEnds.matched == 1)
        #expect(s.notes.matched == 1 && s.notes.found == 1)
        #expect(s.noteLinks.found == 0 && s.noteLinks.matched == 0 && s.noteLinks.recall == 0)
    }

    @Test func noteLinkedToTheWrongWord() {
        var doc = Self.perfect
        doc.notes = [Note(label: "1", text: "A note about beta here.", marker: 11)]  // after "Alpha beta"
        let s = Scorer.score(doc, truth: Self.truth)
        #expect(s.notes.matched == 1)
        #expect(s.noteLinks.found == 1 && s.noteLinks.matched == 0)
        doc.notes = [Note(label: "2", text: "A note about beta here.", marker: 23)]  // wrong label
        #expect(Scorer.score(doc, truth: Self.truth).noteLinks.matched == 0)
    }

    @Test func artifactsByLineAndKind() {
        var doc = Self.perfect
        doc.artifacts = [
            Artifact(kind: .pageNumber, line: 2, text: "12"), Artifact(kind: .pageNumber, line: 3, text: "RUNNING HEAD"),
            Artifact(kind: .printerSlug, line: 4, text: "Iota"),
        ]
        let a = Scorer.score(doc, truth: Self.truth).artifacts
        #expect(a.truth == 2 && a.found == 3 && a.matched == 2 && a.agreeing == 1)
    }

    @Test func pageLabelsOfSentences() {
        var doc = Self.perfect
        doc.pages = [PageSpan(label: "12", start: 0, end: doc.text.utf8.count)]  // never turns the page
        let p = Scorer.score(doc, truth: Self.truth).pageLabels
        #expect(p.truth == 4 && p.found == 4 && p.matched == 2)
        doc.pages = [PageSpan(label: "", start: 0, end: doc.text.utf8.count)]
        let none = Scorer.score(doc, truth: Self.truth).pageLabels
        #expect(none.found == 0 && none.recall == 0 && none.precision == 0)
    }

    @Test func headingsByWords() {
        var doc = Self.perfect
        doc.sections = [
            Section(kind: .chapter, level: 2, title: "Chapter 1: The Title of It", start: 0, end: 1),
            Section(kind: .section, level: 2, title: "Alpha", start: 1, end: 2),
        ]
        let h = Scorer.score(doc, truth: Self.truth).headings
        #expect(h.truth == 1 && h.found == 2 && h.matched == 1 && h.agreeing == 0)
    }

    @Test func citationsByAuthorYearAndIbid() {
        var doc = Self.perfect
        doc.citations = [
            Citation(start: 0, end: 1, authors: ["orlov"], year: "2004"),
            Citation(start: 0, end: 1, authors: ["Orlov"], year: "2004"),  // the ibid read as a plain citation
            Citation(start: 0, end: 1, authors: ["Ivanov"], year: "1999"),
        ]
        let c = Scorer.score(doc, truth: Self.truth).citations
        #expect(c.truth == 2 && c.found == 3 && c.matched == 1)
    }

    @Test func scoresAddUp() {
        let a = Scorer.score(Self.perfect, truth: Self.truth)
        let b = Scorer.score(Self.segmented(sentences: ["Alpha beta gamma delta."]), truth: Self.truth)
        let sum = a + b
        #expect(sum.documents == 2)
        #expect(sum.sentenceEnds.truth == 8 && sum.sentenceEnds.matched == 5 && sum.sentenceEnds.found == 5)
    }

    @Test func wordsAndTails() {
        #expect(Scorer.words("“Well-known,” (ibid.: 7).1") == ["well", "known", "ibid", "7", "1"])
        #expect(Scorer.tail("One two three four five.") == "two three four five")
        #expect(Scorer.tail("Déjà vu.") == "déjà vu")
    }
}

@Suite struct ScorerTitleTests {
    @Test func theDocumentTitleIsNeitherFoundNorMissed() {
        var truth = ScorerTests.truth
        truth.title = "A Blog"
        truth.headings.append(.init(title: "a blog", kind: .post, level: 1, line: 0, lineCount: 1))
        var doc = ScorerTests.perfect
        let without = Scorer.score(doc, truth: truth).headings
        #expect(without.truth == 1 && without.found == 1 && without.matched == 1)
        doc.sections.append(Section(kind: .post, level: 1, title: "A blog", start: 0, end: 1))
        let with = Scorer.score(doc, truth: truth).headings
        #expect(with.truth == 1 && with.found == 1 && with.matched == 1)
    }
}
