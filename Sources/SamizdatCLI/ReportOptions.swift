import ArgumentParser
import SamizdatModel
import SamizdatReports

extension CountingUnit: ExpressibleByArgument {}
extension TextRegion: ExpressibleByArgument {}

/// The part of the corpus a report looks at, as flags.
struct ScopeOptions: ParsableArguments, Sendable {
    @Option(help: "Only this document: its id or the file name it was ingested from.")
    var doc: String?

    @Option(help: "Only this chapter (of --doc, or of every document): its number or words of its title.")
    var chapter: String?

    @Option(help: "Only the documents and chapters this field query chooses (title:, author:, doc:, chapter:).")
    var subcorpus: String?

    @Option(name: .customLong("in"), help: "The body text, the notes, or all (both).")
    var region: TextRegion = .all

    var scope: ReportScope {
        ReportScope(document: doc, chapter: chapter, subcorpus: subcorpus, region: region)
    }
}

/// How a report is printed: a table for people, or JSON or CSV for programs.
struct OutputOptions: ParsableArguments, Sendable {
    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(help: "Print the table as CSV.")
    var csv = false

    func validate() throws {
        if json && csv {
            throw ValidationError("--json and --csv exclude each other")
        }
    }

    /// Prints `value` as JSON or `table` as CSV when asked; false when the caller prints the table for people.
    func printMachineReadable(_ value: some Encodable, table: @autoclosure () -> CSVTable) throws -> Bool {
        if json {
            try printJSON(value)
            return true
        }
        if csv {
            print(table().text, terminator: "")
            return true
        }
        return false
    }
}
