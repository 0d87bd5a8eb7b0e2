import ArgumentParser
import Foundation
import SamizdatModel

extension Samizdat {
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the corpus (query language: docs/QUERY.md).",
            discussion: """
                Every hit names its file, chapter or section, printed page and paragraph. A word matches \
                its inflections by default (camps finds camp, stalin's finds Stalin; stalinism does not); \
                stem:word matches every form with its Porter2 stem, exact:word the folded form only.
                """
        )

        @Argument(help: "The query, e.g. Shalamov, \"bare life\", stalin* NEAR/5 camp, title:biopolitics.")
        var query: [String]
        @Option(name: .shortAndLong, help: "Documents to show.") var limit = 10
        @Option(help: "Skip this many documents (paging).") var offset = 0
        @Option(help: "Passages shown per document.") var passages = 3
        @Option(help: "Only this document id.") var doc: String?
        @Option(name: .customLong("in"), help: "The body text, the notes, or all (both).") var region: TextRegion = .all
        @Flag(help: "Print the result as JSON.") var json = false
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let q = query.joined(separator: " ")
            var request = SearchRequest(query: q, documentID: doc, limit: limit, offset: offset, passagesPerDocument: passages)
            request.region = region
            let r: SearchResponse
            do { r = try await services.ask(.search, body: request, as: SearchResponse.self) } catch { throw fail(error) }
            if json {
                try printJSON(r)
                return
            }
            print("\(r.totalPassages) passages in \(r.totalDocuments) documents")
            for d in r.documents {
                print("")
                print(
                    Terminal.bold(d.source.isEmpty ? d.title : d.source)
                        + Terminal.dim("  \(d.title)  [\(d.documentID)]  \(d.matchingPassages) passages")
                )
                for h in d.hits {
                    print("  " + Terminal.dim(location(h)))
                    print("    " + render(h))
                }
            }
        }

        func location(_ h: SearchHit) -> String {
            var parts: [String] = []
            if let c = h.chapter ?? h.section { parts.append(c) }
            if let note = h.note {
                // a hit in a note: the note, its page, and where its marker stands
                parts.append("note \(note.label)" + (note.page.flatMap { $0.isEmpty ? nil : " (p. \($0))" } ?? ""))
                if let marker = note.markerPage, !marker.isEmpty { parts.append("marker p. \(marker)") }
                return parts.joined(separator: " · ")
            }
            if let p = h.page, !p.isEmpty { parts.append("p. \(p)") }
            parts.append("¶ \(h.paragraph + 1)")
            if !h.anchoredNotes.isEmpty { parts.append("notes " + h.anchoredNotes.map(\.label).joined(separator: ", ")) }
            if let s = h.sentence { parts.append("sentence \(s + 1)") }
            return parts.joined(separator: " · ")
        }

        func render(_ h: SearchHit) -> String {
            let u = Array(h.snippetText.utf8)
            var out = ""
            var pos = 0
            for m in h.snippetMatches.sorted(by: { $0.start < $1.start }) where m.start >= pos && m.end <= u.count {
                out += String(decoding: u[pos..<m.start], as: UTF8.self)
                let w = String(decoding: u[m.start..<m.end], as: UTF8.self)
                out += Terminal.isTTY ? Terminal.bold(w) : "[\(w)]"
                pos = m.end
            }
            return out + String(decoding: u[pos...], as: UTF8.self)
        }
    }
}
