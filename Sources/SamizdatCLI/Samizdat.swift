import ArgumentParser

@main
struct Samizdat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samizdat",
        abstract: "Stream long-form texts into a clean, structured, searchable corpus.",
        discussion: "Start the services with `samizdat up`, stream texts in with `samizdat ingest`, then search.",
        subcommands: [
            Up.self, Ingest.self, Search.self, Ping.self, KWIC.self, Terms.self, Words.self, NGrams.self, Collocates.self, Keywords.self,
            Dispersion.self, Trends.self, Compare.self, Citations.self, Status.self, Delete.self, Segment.self,
            Corpus.self, Bench.self, Keys.self,
        ]
    )
}
