import Foundation
import SamizdatModel
import Testing

@testable import SamizdatCorpus

/// The page layouts of `PageStyle.all`: each text shows its layout, and its truth is exact.
@Suite struct LayoutGeneratorTests {
    static let docs = LayoutGenerator().corpus(seed: 18, perStyle: 2, targetBytes: 40_000)

    static func docs(_ style: String) -> [GeneratedText] { docs.filter { $0.truth.layout == style } }

    static func lines(_ doc: GeneratedText) -> [Substring] { doc.text.split(separator: "\n", omittingEmptySubsequences: false) }

    @Test func sameSeedSameBytes() {
        let again = LayoutGenerator().corpus(seed: 18, perStyle: 2, targetBytes: 40_000)
        #expect(again.map(\.text) == Self.docs.map(\.text))
        #expect(again.map(\.truth) == Self.docs.map(\.truth))
        let other = LayoutGenerator().corpus(seed: 19, perStyle: 2, targetBytes: 40_000)
        #expect(other.map(\.text) != Self.docs.map(\.text))
    }

    @Test func everyStyleHasItsTexts() {
        #expect(Self.docs.count == PageStyle.all.count * 2)
        for style in PageStyle.all {
            let docs = Self.docs(style.name)
            #expect(docs.count == 2, "\(style.name)")
            for doc in docs {
                #expect(doc.truth.bytes == doc.text.utf8.count)
                #expect(doc.truth.pages.count >= 5, "\(doc.name) \(style.name): \(doc.truth.pages.count) pages")
            }
        }
    }

    /// Every artifact line holds what the truth says; every paragraph starts on the page the truth gives it.
    @Test func truthMatchesTheLines() {
        for doc in Self.docs {
            let lines = Self.lines(doc)
            for a in doc.truth.artifacts {
                #expect(lines[a.line].trimmingCharacters(in: .whitespaces) == a.text, "\(doc.name) line \(a.line)")
            }
            let paragraphs = doc.truth.paragraphs ?? []
            #expect(paragraphs.count >= 20)
            for p in paragraphs {
                #expect(p.page == doc.truth.page(ofLine: p.firstLine), "\(doc.name) paragraph at \(p.firstLine)")
                #expect(p.lastPage == nil || p.lastPage == doc.truth.page(ofLine: p.lastLine))
                let first = Scorer.words(lines[p.firstLine]).prefix(3)
                #expect(Array(first) == Array(p.opening.split(separator: " ").prefix(first.count).map(String.init)), "\(doc.name) \(p.firstLine)")
            }
        }
    }

    @Test func numbersSitWhereTheStyleSays() {
        for doc in Self.docs("top-number") {
            let lines = Self.lines(doc)
            // after the opening page, each page's first line is its number (with the form feed's space)
            for run in doc.truth.pages.dropFirst() {
                #expect(lines[run.firstLine] == " " + run.label[...], "\(doc.name) page \(run.label)")
            }
            let first = Int(doc.truth.pages[0].label)!
            #expect(first >= 150 && first <= 420)
        }
        for doc in Self.docs("head-row-outer") {
            let heads = doc.truth.artifacts.filter { $0.kind == .runningHead }
            #expect(heads.count >= 4)
            for h in heads {
                let page = doc.truth.page(ofLine: h.line)!
                guard let number = Int(page) else { continue }
                #expect(number % 2 == 0 ? h.text.hasPrefix(page + " ") : h.text.hasSuffix(" " + page), "\(h.text) on \(page)")
            }
            // roman front matter, then arabic from 1
            let labels = doc.truth.pages.map(\.label)
            let firstArabic = labels.firstIndex { Int($0) != nil }!
            #expect(firstArabic > 0 && labels[..<firstArabic].allSatisfy { $0.allSatisfy { "ivxlc".contains($0) } })
            #expect(labels[firstArabic] == "1")
        }
        for doc in Self.docs("foot-slug") {
            #expect(doc.truth.artifacts.contains { $0.kind == .printerSlug })
            let numbers = doc.truth.artifacts.filter { $0.kind == .pageNumber }
            #expect(numbers.count == doc.truth.pages.count)
            for n in numbers { #expect(n.text == doc.truth.page(ofLine: n.line), "\(doc.name) line \(n.line)") }
        }
    }

    /// The contents' page references are the pages the chapters begin on, and they stay text.
    @Test func contentsReferencesAreRight() {
        for doc in Self.docs("manual") {
            let lines = Self.lines(doc)
            let chapters = doc.truth.headings.filter { $0.kind == .chapter }
            #expect(chapters.count >= 3)
            for (k, c) in chapters.enumerated() {
                guard let entry = lines.firstIndex(where: { $0.hasPrefix("Chapter \(k + 1): ") }) else {
                    Issue.record("no contents entry for chapter \(k + 1) in \(doc.name)")
                    continue
                }
                #expect(String(lines[entry + 2]) == doc.truth.page(ofLine: c.line))
                #expect(!doc.truth.artifacts.contains { $0.line == entry + 2 })
            }
            // tables and code listings: bare numbers that are text
            let artifactLines = Set(doc.truth.artifacts.map(\.line))
            let bare = lines.indices.filter { !artifactLines.contains($0) && Int(lines[$0].trimmingCharacters(in: .whitespaces)) != nil }
            #expect(bare.count >= 10, "\(doc.name): \(bare.count) bare numbers in the text")
        }
    }

    @Test func footnotesRunOverAndWordsBreakAcrossPages() {
        var continued = 0
        var acrossPages = 0
        for doc in Self.docs {
            for n in doc.truth.notes {
                if let c = n.continuationLine {
                    continued += 1
                    #expect(doc.truth.page(ofLine: c) != doc.truth.page(ofLine: n.noteLine))
                }
            }
            acrossPages += doc.truth.hyphenations.filter { $0.acrossPages == true }.count
        }
        #expect(continued >= 3)
        #expect(acrossPages >= 1)
        let numberText = Self.docs("top-number").flatMap { doc in doc.truth.notes.map { (doc, $0) } }
        #expect(!numberText.isEmpty)
        for (doc, n) in numberText { #expect(Self.lines(doc)[n.noteLine].hasPrefix(n.label + " ")) }
    }
}
