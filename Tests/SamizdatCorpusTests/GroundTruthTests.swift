import SamizdatModel
import Testing

@testable import SamizdatCorpus

/// Every claim of the ground truth is checked against the text it describes.
@Suite struct GroundTruthTests {
    static let docs: [GeneratedText] = ([2024, 77, 5] as [UInt64]).flatMap { seed -> [GeneratedText] in
        let g = CorpusGenerator(seed: seed, megabytes: 1)
        return [
            g.document(index: 0, kind: .book, targetBytes: seed == 2024 ? 320_000 : 120_000),
            g.document(index: 1, kind: .article, targetBytes: 45_000),
            g.document(index: 2, kind: .blog, targetBytes: 40_000),
            g.document(index: 3, kind: .article, targetBytes: 20_000),
        ]
    }

    struct Input {
        let bytes: [UInt8]
        let lines: [String]
        let lineStarts: [Int]
        init(_ text: String) {
            bytes = Array(text.utf8)
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var starts: [Int] = [0]
            for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
            lineStarts = starts
        }
        func slice(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }
        func line(ofOffset o: Int) -> Int {
            var lo = 0
            var hi = lineStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
            }
            return lo
        }
    }

    @Test(arguments: docs) func everyClaimHolds(_ doc: GeneratedText) {
        let t = doc.truth
        let input = Input(doc.text)
        #expect(t.bytes == input.bytes.count)
        #expect(t.lines == input.lines.count - 1)  // the text ends with "\n"

        for a in t.artifacts {
            #expect(input.lines[a.line] == a.text, "artifact line \(a.line)")
            if a.kind == .pageNumber { #expect(t.page(ofLine: a.line) == a.text) }
        }
        if doc.kind == .blog {
            #expect(t.pages.isEmpty && t.artifacts.isEmpty)
        } else {
            // Page runs tile the lines, in order, without gap or overlap.
            #expect(t.pages.first?.firstLine == 0)
            #expect(t.pages.last?.lastLine == t.lines - 1)
            for (p, q) in zip(t.pages, t.pages.dropFirst()) { #expect(q.firstLine == p.lastLine + 1) }
            #expect(t.artifacts.contains { $0.kind == .pageNumber })
        }
        if doc.kind == .book {
            #expect(t.artifacts.contains { $0.kind == .runningHead })
            #expect(t.pages.contains { $0.label == "1" } && t.pages.contains { $0.label.allSatisfy { "ivxlc".contains($0) } })
            #expect(t.hyphenations.contains { $0.kind == .soft })
            #expect(t.citations.contains { $0.ibid })
        }

        for h in t.headings {
            let printed = input.lines[h.line..<(h.line + h.lineCount)].map { $0.trimmingCharacters(in: .whitespaces) }
            let expected = (h.label.map { [$0] } ?? []) + [h.title]
            #expect(printed.joined(separator: " ") == expected.joined(separator: " "), "heading at \(h.line)")
        }

        var lastEnd = -1
        for s in t.sentences {
            #expect(s.offset > lastEnd)
            lastEnd = s.offset
            #expect(input.line(ofOffset: s.offset - 1) == s.line)
            let before = input.slice(max(0, s.offset - 4), s.offset)
            #expect(".?!”)".contains(before.last!), "sentence end at \(s.offset): \(before)")
            let lastWord = Scorer.words(input.slice(max(0, s.offset - 40), s.offset)).last ?? ""
            #expect(s.tail.split(separator: " ").last.map(String.init) == lastWord)
            #expect(s.page == t.page(ofLine: s.line))
        }
        #expect(t.sentences.count > 50)

        for c in t.citations {
            #expect(input.slice(c.start, c.end) == c.raw)
            #expect(input.line(ofOffset: c.start) == c.line)
            #expect(c.raw.contains(c.ibid ? "ibid." : c.authors[0]))
            if !c.ibid, let y = c.year { #expect(c.raw.contains(y)) }
        }
        #expect(!t.citations.isEmpty)

        var labels: Set<String> = []
        for n in t.notes {
            let marker = doc.kind == .blog ? "[\(n.label)]" : n.label
            #expect(input.slice(n.markerOffset, n.markerOffset + marker.utf8.count) == marker)
            #expect(input.line(ofOffset: n.markerOffset) == n.markerLine)
            #expect(Scorer.words(input.slice(max(0, n.markerOffset - 40), n.markerOffset)).last == n.anchor)
            let firstWords = n.text.split(separator: " ").prefix(1).joined()
            #expect(input.lines[n.noteLine].contains(firstWords), "note \(n.label) at line \(n.noteLine)")
            #expect(n.noteLine != n.markerLine)
            if doc.kind == .article {
                #expect(n.page == t.page(ofLine: n.markerLine), "footnote on its marker's page")
                #expect(labels.insert(n.label).inserted, "article notes are numbered through")
            }
        }
        #expect(!t.notes.isEmpty)

        let artifactLines = Set(t.artifacts.map(\.line))
        for h in t.hyphenations {
            switch h.kind {
            case .soft, .compound:
                #expect(input.lines[h.line].hasSuffix(h.printed))
                // The word goes on at the start of a later line: the next line of text, after any page
                // furniture (and, in articles, the footnotes of the page).
                let rest = String(h.word.dropFirst(h.printed.count - (h.kind == .soft ? 1 : 0)))
                let next = ((h.line + 1)..<input.lines.count).first { !input.lines[$0].isEmpty && !artifactLines.contains($0) }
                if doc.kind == .article {
                    #expect(
                        ((h.line + 1)..<min(input.lines.count, h.line + 60)).contains {
                            input.lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(rest)
                        }
                    )
                } else {
                    #expect(next.map { input.lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(rest) } == true)
                }
            case .lost:
                #expect(input.lines[h.line].lowercased().contains(h.printed))
                #expect(h.word.replacingOccurrences(of: "-", with: "") == h.printed)
            }
        }
        for q in t.blockQuotes {
            #expect(input.lines[q.firstLine].contains("“"))
            #expect(q.lastLine >= q.firstLine)
        }
    }
}

extension GeneratedText: CustomTestStringConvertible {
    public var testDescription: String { "\(name) (\(kind.rawValue), \(truth.bytes) bytes)" }
}
