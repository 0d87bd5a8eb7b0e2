import ArgumentParser
import SamizdatModel
import SamizdatReports

extension CitationSort: ExpressibleByArgument {}

extension Samizdat {
    struct Citations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The citation index: authors cited, their works, and where an author is cited (document, chapter, page)."
        )

        @Argument(help: "Words of an author's name: list every place that cites them.")
        var author: [String] = []
        @Option(help: "Order of the authors: citations or name.")
        var sort: CitationSort = .citations
        @Option(help: "Rows to show.")
        var limit = 50
        @Option(help: "Skip this many rows (paging).")
        var offset = 0
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let request = CitationsRequest(
                author: author.isEmpty ? nil : author.joined(separator: " "),
                scope: scope.scope,
                sort: sort,
                offset: offset,
                limit: limit
            )
            let response: CitationsResponse
            do {
                response = try await services.ask(.citations, body: request, as: CitationsResponse.self)
            } catch {
                throw fail(error)
            }
            if try output.printMachineReadable(response, table: CitationIndex.csv(response)) {
                return
            }
            print("\(response.citations) citations of \(response.authorCount) authors")
            for cited in response.authors {
                print(
                    "\(cited.name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(cited.citations).leftPad(6)) citations in \(cited.documents) documents"
                )
                if !request.isAuthorQuery {
                    continue
                }
                for work in cited.works.prefix(10) {
                    print("    \(work.work): \(work.citations)")
                }
            }
            if !response.places.isEmpty {
                print("")
            }
            for place in response.places {
                let location = [place.title, place.chapter, place.page.map { "p. \($0)" }, "¶ \(place.paragraph + 1)"]
                    .compactMap { $0 }.joined(separator: " · ")
                print("\(place.text)  \(Terminal.dim(location))")
            }
        }
    }
}

extension CitationsRequest {
    var isAuthorQuery: Bool { author != nil }
}
