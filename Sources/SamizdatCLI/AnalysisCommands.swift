import ArgumentParser
import Foundation
import SamizdatModel
import SamizdatReports

extension CollocationMeasure: ExpressibleByArgument {}
extension KeywordSort: ExpressibleByArgument {}
extension KeywordPolarity: ExpressibleByArgument {}
extension TrendAxis: ExpressibleByArgument {}
extension TrendOrder: ExpressibleByArgument {}

/// A number as the report tables print it: 4 significant decimals, "–" when undefined.
func formatted(_ value: Double?, places: Int = 3) -> String {
    guard let value, value.isFinite else {
        return "–"
    }
    return String(format: "%.\(places)f", value)
}

/// Sends a report request and prints its answer: JSON, CSV, or `table` for people.
func runReport<Request: Encodable & Sendable, Report: Decodable & Encodable & Sendable>(
    _ kind: MessageKind,
    _ request: Request,
    as type: Report.Type,
    services: ServiceOptions,
    output: OutputOptions,
    csv: (Report) -> CSVTable,
    table: (Report) -> Void
) async throws {
    let response: Report
    do {
        response = try await services.ask(kind, body: request, as: Report.self)
    } catch {
        throw fail(error)
    }
    if try output.printMachineReadable(response, table: csv(response)) {
        return
    }
    table(response)
}

/// The second scope of a keyword report (its reference) or of a comparison, as flags with a prefix.
struct ReferenceOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("ref-doc"), help: "Reference: this document (id or file name); default: the rest of the corpus.")
    var document: String?
    @Option(name: .customLong("ref-chapter"), help: "Reference: this chapter.")
    var chapter: String?
    @Option(name: .customLong("ref-subcorpus"), help: "Reference: the documents and chapters of this field query.")
    var subcorpus: String?
    @Option(name: .customLong("ref-in"), help: "Reference: the body text, the notes, or all.")
    var region: TextRegion?

    var scope: ReportScope? {
        guard document != nil || chapter != nil || subcorpus != nil || region != nil else {
            return nil
        }
        return ReportScope(document: document, chapter: chapter, subcorpus: subcorpus, region: region ?? .all)
    }
}

extension Samizdat {
    struct Words: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The word list: frequency, per million, range (documents) and Gries' DP of every type in scope."
        )

        @Option(help: "Count forms, words (with their inflections) or stems.") var unit: CountingUnit = .word
        @Option(help: "Only types starting with this.") var prefix: String?
        @Option(help: "Only types at least this frequent.") var minFrequency = 1
        @Flag(help: "Leave out the default English stoplist (docs/STATISTICS.md).") var stoplist = false
        @Option(help: "Rows to show.") var limit = 50
        @Option(help: "Skip this many rows (paging).") var offset = 0
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let request = WordListRequest(
                unit: unit,
                scope: scope.scope,
                prefix: prefix,
                minFrequency: minFrequency,
                stoplist: stoplist,
                offset: offset,
                limit: limit
            )
            try await runReport(.wordlist, request, as: WordListResponse.self, services: services, output: output, csv: \.csv) { list in
                print("\(list.tokens) tokens, \(list.types) types (\(list.unit.rawValue)s) in \(list.documents) documents; \(list.matched) listed")
                print(
                    "rank  \("type".padding(toLength: 24, withPad: " ", startingAt: 0)) \("freq".leftPad(9)) \("per M".leftPad(10)) \("range".leftPad(6)) \("DP".leftPad(6))"
                )
                for entry in list.entries {
                    print(
                        "\(String(entry.rank).leftPad(4))  \(entry.term.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(entry.frequency).leftPad(9)) \(formatted(entry.perMillion, places: 1).leftPad(10)) \(String(entry.range).leftPad(6)) \(formatted(entry.dp).leftPad(6))"
                    )
                }
            }
        }
    }

    struct NGrams: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ngrams",
            abstract: "N-grams (2–6 words, never across a paragraph or note), or clusters around a node word."
        )

        @Option(name: .short, help: "Words per n-gram, 2 to 6.") var n = 2
        @Option(help: "Only clusters holding this word.") var node: String?
        @Option(help: "The node's place in the cluster, 1 to n (default: any).") var nodePosition: Int?
        @Option(help: "Count forms, words or stems.") var unit: CountingUnit = .word
        @Option(help: "Only n-grams at least this frequent.") var minFrequency = 2
        @Option(help: "Only n-grams in at least this many documents.") var minRange = 1
        @Option(help: "Rows to show.") var limit = 50
        @Option(help: "Skip this many rows (paging).") var offset = 0
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let request = NGramsRequest(
                n: n,
                unit: unit,
                scope: scope.scope,
                minFrequency: minFrequency,
                minRange: minRange,
                node: node,
                nodePosition: nodePosition,
                offset: offset,
                limit: limit
            )
            try await runReport(.ngrams, request, as: NGramsResponse.self, services: services, output: output, csv: \.csv) { grams in
                print("\(grams.types) \(grams.n)-grams (\(grams.tokens) occurrences) meet the filters")
                for entry in grams.entries {
                    print(
                        "\(entry.words.joined(separator: " ").padding(toLength: 48, withPad: " ", startingAt: 0)) \(String(entry.frequency).leftPad(8)) \(String(entry.range).leftPad(6)) docs"
                    )
                }
            }
        }
    }

    struct Collocates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The collocates of a word: co-occurrences in a window and MI, MI3, t, z, G², logDice, Dice, ΔP."
        )

        @Argument(help: "The node word.") var node: String
        @Option(help: "Words left of the node.") var left = 5
        @Option(help: "Words right of the node.") var right = 5
        @Flag(help: "Keep the window inside the node's sentence.") var sentence = false
        @Option(help: "Sort by frequency, mi, mi3, t, z, g2, log_dice, dice or delta_p.") var sort: CollocationMeasure = .g2
        @Option(help: "Count forms, words or stems.") var unit: CountingUnit = .word
        @Option(help: "Only collocates at least this often in the window.") var minFrequency = 3
        @Option(help: "Rows to show.") var limit = 30
        @Option(help: "Skip this many rows (paging).") var offset = 0
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let request = CollocatesRequest(
                node: node,
                unit: unit,
                scope: scope.scope,
                left: left,
                right: right,
                sentence: sentence,
                minFrequency: minFrequency,
                sort: sort,
                offset: offset,
                limit: limit
            )
            try await runReport(.collocates, request, as: CollocatesResponse.self, services: services, output: output, csv: \.csv) { result in
                print(
                    "\(result.node): \(result.nodeFrequency) occurrences, \(result.windowTokens) tokens in windows \(result.left)L+\(result.right)R\(result.sentence ? " within sentences" : ""), \(result.scopeTokens) in scope; \(result.collocates) collocates"
                )
                print(
                    "\("collocate".padding(toLength: 20, withPad: " ", startingAt: 0)) \("O11".leftPad(7)) \("L".leftPad(6)) \("R".leftPad(6)) \("f(x)".leftPad(8)) \("G²".leftPad(9)) \("MI".leftPad(7)) \("t".leftPad(7)) \("logDice".leftPad(8))"
                )
                for entry in result.entries {
                    print(
                        "\(entry.collocate.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(entry.cooccurrences).leftPad(7)) \(String(entry.left).leftPad(6)) \(String(entry.right).leftPad(6)) \(String(entry.collocateFrequency).leftPad(8)) \(formatted(entry.logLikelihood, places: 1).leftPad(9)) \(formatted(entry.mi, places: 2).leftPad(7)) \(formatted(entry.tScore, places: 2).leftPad(7)) \(formatted(entry.logDice, places: 2).leftPad(8))"
                    )
                }
                if let first = result.entries.first {
                    print(
                        Terminal.dim("lines of a collocate: samizdat kwic '\(result.node) NEAR/\(max(result.left, result.right)) \(first.collocate)'")
                    )
                }
            }
        }
    }

    struct Keywords: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keywords of a document, chapter or subcorpus against a reference (default: the rest of the corpus)."
        )

        @Option(help: "Sort by g2, log_ratio, percent_diff or bic.") var sort: KeywordSort = .g2
        @Option(help: "positive (over-used), negative (under-used) or both.") var polarity: KeywordPolarity = .positive
        @Flag(help: "Bonferroni-correct the p-values for the number of types tested.") var bonferroni = false
        @Option(help: "Only keywords with p at most this (after any correction).") var maxP = 1.0
        @Option(help: "Count forms, words or stems.") var unit: CountingUnit = .word
        @Option(help: "Only types at least this frequent in the target.") var minFrequency = 1
        @Option(help: "Rows to show.") var limit = 30
        @Option(help: "Skip this many rows (paging).") var offset = 0
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var reference: ReferenceOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let request = KeywordsRequest(
                unit: unit,
                scope: scope.scope,
                reference: reference.scope,
                sort: sort,
                polarity: polarity,
                bonferroni: bonferroni,
                minFrequency: minFrequency,
                maxP: maxP,
                offset: offset,
                limit: limit
            )
            try await runReport(.keywords, request, as: KeywordsResponse.self, services: services, output: output, csv: \.csv) { result in
                print(
                    "target \(result.targetTokens) tokens, reference \(result.referenceTokens) tokens; \(result.tested) types tested, \(result.matched) listed"
                )
                print(KeywordTable.header)
                for entry in result.entries {
                    print(KeywordTable.row(entry))
                }
            }
        }
    }

    struct Dispersion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How evenly a word is spread: range, Juilland's D, Gries' DP and DPnorm over documents, chapters and equal parts."
        )

        @Argument(help: "The word.") var term: String
        @Option(help: "Equal parts to cut the scope into.") var parts = 100
        @Option(help: "Hits listed at most (with their pages).") var hitLimit = 1000
        @Option(help: "Count forms, words or stems.") var unit: CountingUnit = .word
        @Flag(help: "List every hit with its page.") var hits = false
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let request = DispersionRequest(term: term, unit: unit, scope: scope.scope, parts: parts, hitLimit: hitLimit)
            try await runReport(.dispersion, request, as: DispersionResponse.self, services: services, output: output, csv: \.csv) { result in
                print("\(result.term): \(result.frequency) hits in \(result.tokens) tokens (\(formatted(result.perMillion, places: 1)) per million)")
                print("over              parts  range        D       DP   DPnorm")
                for (name, measures) in [("documents", result.documents), ("chapters", result.chapters), ("equal parts", result.equalParts)] {
                    print(
                        "\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(measures.parts).leftPad(6)) \(String(measures.range).leftPad(6)) \(formatted(measures.juillandD).leftPad(8)) \(formatted(measures.dp).leftPad(8)) \(formatted(measures.dpNorm).leftPad(8))"
                    )
                }
                guard hits else {
                    return
                }
                for hit in result.hits {
                    let place = [hit.document, hit.chapter, hit.page.map { "p. \($0)" }, hit.region == .note ? "note" : nil]
                    print(place.compactMap { $0 }.joined(separator: " · "))
                }
                if result.truncated {
                    print(Terminal.dim("(more hits than --hit-limit)"))
                }
            }
        }
    }

    struct Trends: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Relative frequency (per 10,000 words) of words across the chapters of a document, or across documents."
        )

        @Argument(help: "The words.") var terms: [String]
        @Option(help: "chapters or documents.") var across: TrendAxis = .documents
        @Option(help: "Order of documents: id, title, author, source or ingest.") var order: TrendOrder = .ingest
        @Option(help: "Count forms, words or stems.") var unit: CountingUnit = .word
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let request = TrendsRequest(terms: terms, unit: unit, scope: scope.scope, across: across, order: order)
            try await runReport(.trends, request, as: TrendsResponse.self, services: services, output: output, csv: \.csv) { result in
                print("per 10,000 words: " + result.terms.joined(separator: ", "))
                for row in result.rows {
                    let label = (row.chapter ?? row.title).prefix(40)
                    let values = row.perTenThousand.map { formatted($0, places: 2).leftPad(8) }.joined()
                    print("\(String(label).padding(toLength: 42, withPad: " ", startingAt: 0)) \(String(row.tokens).leftPad(8))\(values)")
                }
            }
        }
    }

    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two documents (or scopes): keywords both ways, shared vocabulary, cosine similarity."
        )

        @Argument(help: "The first document (id or file name).") var first: String
        @Argument(help: "The second document (id or file name).") var second: String
        @Option(help: "Count forms, words or stems.") var unit: CountingUnit = .word
        @Option(help: "Rows of each list to show.") var limit = 15
        @OptionGroup var output: OutputOptions
        @OptionGroup var services: ServiceOptions

        func run() async throws {
            let request = CompareRequest(
                unit: unit,
                scope: ReportScope(document: first),
                other: ReportScope(document: second),
                limit: limit
            )
            try await runReport(.compare, request, as: CompareResponse.self, services: services, output: output, csv: \.csv) { result in
                print("\(first): \(result.tokens) tokens, \(result.types) types; \(second): \(result.otherTokens) tokens, \(result.otherTypes) types")
                print("shared types \(result.sharedTypes); cosine similarity of relative frequencies \(formatted(result.cosine))")
                print("\nkeywords of \(first):")
                print(KeywordTable.header)
                for entry in result.keywords {
                    print(KeywordTable.row(entry))
                }
                print("\nkeywords of \(second):")
                print(KeywordTable.header)
                for entry in result.otherKeywords {
                    print(KeywordTable.row(entry))
                }
            }
        }
    }
}

/// Keyword rows as people read them.
enum KeywordTable {
    static let header =
        "\("keyword".padding(toLength: 22, withPad: " ", startingAt: 0)) \("freq".leftPad(7)) \("ref".leftPad(7)) \("G²".leftPad(9)) \("p".leftPad(9)) \("LogRatio".leftPad(9)) \("%DIFF".leftPad(9))"

    static func row(_ entry: KeywordEntry) -> String {
        "\(entry.term.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(entry.frequency).leftPad(7)) \(String(entry.referenceFrequency).leftPad(7)) \(formatted(entry.g2, places: 1).leftPad(9)) \(String(format: "%.2g", entry.pValue).leftPad(9)) \(formatted(entry.logRatio, places: 2).leftPad(9)) \(formatted(entry.percentDiff, places: 0).leftPad(9))"
    }
}
