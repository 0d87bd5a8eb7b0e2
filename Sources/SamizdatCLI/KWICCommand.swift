import ArgumentParser
import Foundation
import SamizdatModel
import SamizdatService

extension Samizdat {
    struct KWIC: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kwic",
            abstract: "A concordance: every occurrence with its context, page and chapter.",
            discussion: """
                The query language is search's (docs/QUERY.md). A word matches its inflections by default \
                (camps finds camp; stalinism does not find stalin); stem:word matches by Porter2 stem, \
                exact:word the folded form only. The left/right sorts order the neighbours in the same unit.
                """
        )

        @Argument(help: "A term or query.") var query: [String]
        @Option(help: "Sort: document, left1…left3, right1…right3.") var sort: String = "document"
        @Option(help: "Words of context on each side.") var context = 5
        @Option(help: "Only this document id.") var doc: String?
        @Option(name: .customLong("in"), help: "The body text, the notes, or all (both).") var region: TextRegion = .all
        @Option(help: "Lines to show.") var limit = 100
        @Option(help: "Skip this many lines (paging).") var offset = 0
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            guard let order = ConcordanceSort(rawValue: sort) else {
                throw ValidationError("--sort must be one of \(ConcordanceSort.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard context >= 0, limit >= 0, offset >= 0 else {
                throw ValidationError("--context, --limit and --offset must be 0 or more")
            }
            var request = KWICRequest(
                query: query.joined(separator: " "),
                documentID: doc,
                context: context,
                sort: order,
                offset: offset,
                limit: limit
            )
            request.region = region
            let response: KWICResponse
            do {
                response = try await services.ask(.kwic, body: request, as: KWICResponse.self)
            } catch {
                throw fail(error)
            }
            if try output.printMachineReadable(response, table: ConcordanceTable.csv(response)) {
                return
            }
            if response.lines.isEmpty {
                print("\(response.total) occurrences; no lines from \(response.offset + 1)")
                return
            }
            print("\(response.total) occurrences; lines \(response.offset + 1)–\(response.offset + response.lines.count)")
            for line in response.lines {
                print(ConcordanceTable.render(line, width: 50, bold: Terminal.bold) + "  " + Terminal.dim(ConcordanceTable.location(line)))
            }
        }
    }

    struct Terms: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Term statistics: frequency, document frequency, counts per document and chapter.")

        @Argument(help: "Terms to look up; none lists the vocabulary by frequency.") var terms: [String] = []
        @Option(help: "Only this document id.") var doc: String?
        @Option(help: "Only terms starting with this.") var prefix: String?
        @Option(help: "Terms to show.") var limit = 50
        @Option(
            help:
                "What one term is: form (as written, folded), word (with its inflections: camps = camp, but stalinism ≠ stalin) or stem (Porter2: socialism = social)."
        )
        var unit: CountingUnit = .word
        @Flag(help: "Print the result as JSON.") var json = false
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let req = TermsRequest(terms: terms, documentID: doc, unit: unit, perDocument: !terms.isEmpty, prefix: prefix, limit: limit)
            let r: TermsResponse
            do { r = try await services.ask(.terms, body: req, as: TermsResponse.self) } catch { throw fail(error) }
            if json {
                try printJSON(r)
                return
            }
            print("\(r.tokens) tokens, \(r.types) types in \(r.documents) documents")
            for t in r.terms {
                print(
                    "\(t.term.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(t.frequency).leftPad(9)) \(String(t.documentFrequency).leftPad(6)) docs"
                )
                for d in t.documents {
                    print("    \(d.title.isEmpty ? d.documentID : d.title): \(d.count)")
                    for s in d.sections where s.count > 0 { print("        \(s.title ?? "(before the first heading)"): \(s.count)") }
                }
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a document everywhere: ingest's journal and the index.")
        @Argument(help: "Document id.") var id: String
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            do {
                let client = try services.client(.report, endpoint: services.report)
                let reply = try await client.request(timeout: services.timeoutDuration) {
                    try WireMessage(.delete, DocumentRefHeader(req: $0, doc: id))
                }
                if reply.kind == .error { throw try reply.header(as: ErrorHeader.self).error }
                let h = try reply.header(as: DeletedHeader.self)
                print(h.found ? "deleted \(id)" : "no document \(id)")
                if !h.found { throw ExitCode(1) }
            } catch let e as ExitCode { throw e } catch { throw fail(error) }
        }
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
