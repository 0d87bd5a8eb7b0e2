import ArgumentParser
import Foundation

/// What `samizdat corpus pdf` and `samizdat corpus epub` share: how many books, their size, the seed
/// and where they go.
struct GeneratedBookOptions: ParsableArguments {
    @Option(help: "How many books.") var count: Int = 10
    @Option(help: "Chapters per book.") var chapters: Int = 8
    @Option(help: "Paragraphs per chapter.") var paragraphs: Int = 30
    @Option(help: "Seed.") var seed: UInt64 = 42
    @Option(help: "Output folder.") var out: String

    func validate() throws {
        guard count >= 1, count <= 100_000 else { throw ValidationError("--count must be in 1...100000") }
        guard chapters >= 1, chapters <= 200 else { throw ValidationError("--chapters must be in 1...200") }
        guard paragraphs >= 1, paragraphs <= 1_000 else { throw ValidationError("--paragraphs must be in 1...1000") }
    }

    /// The seed of book `index`.
    func seed(of index: Int) -> UInt64 { seed &+ UInt64(index) }

    /// Makes the output folder and writes `bytes` there as `book_NNN.<fileExtension>`.
    func write(_ bytes: [UInt8], index: Int, fileExtension: String) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let name = String(format: "book_%03d.", index) + fileExtension
        try Data(bytes).write(to: URL(fileURLWithPath: (out as NSString).appendingPathComponent(name)))
    }
}
