import Foundation
import SamizdatModel
import Testing

@testable import SamizdatText

/// The sample texts in ../shared/corpus, read as a user would. Skipped when they are absent.
/// (No text of theirs is written here: the checks are about shape, not content.)
struct SampleCorpusTests {
    static let corpus: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus").standardized
    static let book = corpus.appendingPathComponent("001_168beb7a58812d09.txt")
    static let article = corpus.appendingPathComponent("002_97c6eded487f33c0.txt")
    static let blog = corpus.appendingPathComponent("000_a44c16938cb91798.txt")
    static var present: Bool { FileManager.default.fileExists(atPath: book.path) && FileManager.default.fileExists(atPath: article.path) }

    static func segment(_ url: URL) throws -> SegmentedDocument {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try Segmenter().segment(Document(id: url.lastPathComponent, version: 1, contentHash: "", metadata: .init(), text: text))
    }

    /// No removed artifact line, and no slug- or date-shaped line, survives inside a paragraph.
    static func expectNoArtifactsInParagraphs(_ d: SegmentedDocument) {
        let artifactTexts = Set(d.artifacts.filter { $0.kind == .printerSlug || $0.kind == .runningHead }.map(\.text))
        for p in d.paragraphs where p.kind != .heading {
            let text = d.slice(p.start, p.end)
            for a in artifactTexts where a.count >= 8 {
                #expect(!text.contains(a), "artifact \(a) inside a paragraph")
            }
            let bytes = Array(text.utf8)
            var i = 0
            while i < bytes.count {
                var j = i
                while j < bytes.count, bytes[j] != 0x20 { j += 1 }
                if j > i, PageLayout.isDateTime(bytes, i, j), bytes[i..<j].contains(UInt8(ascii: "/")) {
                    Issue.record("date stamp inside a paragraph: \(String(decoding: bytes[i..<j], as: UTF8.self))")
                }
                i = j + 1
            }
        }
        // every page-number artifact was taken out of the text
        #expect(d.artifacts.contains { $0.kind == .pageNumber })
    }

    @Test(.enabled(if: present)) func bookChaptersNotesAndPages() throws {
        let d = try Self.segment(Self.book)
        Self.expectNoArtifactsInParagraphs(d)
        #expect(d.artifacts.filter { $0.kind == .printerSlug }.count >= 30)
        let chapters = d.sections.filter { $0.kind == .chapter }
        #expect(chapters.count == 7)
        for c in chapters {
            // full titles: the ALL-CAPS title, both lines of a two-line one
            #expect(c.title == c.title.uppercased() && c.title.split(separator: " ").count >= 3, "\(c.title)")
            #expect(c.level == 1 && c.parent == nil)
        }
        #expect(d.sections.filter { $0.kind == .frontMatter }.count == 2)
        #expect(d.sections.contains { $0.kind == .backMatter })
        // endnotes linked to their markers
        #expect(d.notes.count >= 40)
        #expect(d.notes.filter { $0.marker != nil }.count >= d.notes.count - 1)
        // the page map runs from the roman preface through arabic pages without gaps
        let labels = d.pages.map(\.label).filter { !$0.isEmpty }
        #expect(labels.first == "vii")
        let arabic = labels.compactMap(Int.init)
        #expect(arabic.first == 1)
        #expect(zip(arabic, arabic.dropFirst()).allSatisfy { $1 == $0 + 1 })
        #expect(arabic.count >= 280)
        // every paragraph knows its page
        #expect(d.paragraphs.allSatisfy { $0.page != nil && $0.page != "" })
    }

    @Test(.enabled(if: present)) func articleFootNotesLeaveTheBody() throws {
        let d = try Self.segment(Self.article)
        Self.expectNoArtifactsInParagraphs(d)
        #expect(d.notes.count >= 20)
        #expect(d.notes.filter { $0.marker != nil }.count >= 20)
        for n in d.notes where n.text.count >= 12 {
            #expect(!d.text.contains(n.text), "note \(n.label) still in the body")
        }
        #expect(d.sections.contains { $0.kind == .frontMatter })
        #expect(d.citations.count >= 2)
    }

    @Test(.enabled(if: present)) func blogPostsAndBracketedNotes() throws {
        let d = try Self.segment(Self.blog)
        #expect(d.sections.filter { $0.kind == .post }.count == 3)
        #expect(d.notes.count == 20)
        #expect(d.notes.allSatisfy { $0.marker != nil })
        #expect(d.artifacts.isEmpty)
    }
}
