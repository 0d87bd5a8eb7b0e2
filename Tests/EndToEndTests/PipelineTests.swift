import Foundation
import Testing

/// The four real executables, started by `samizdat up` on free loopback ports, driven through the CLI.
@Suite(.serialized) struct PipelineTests {
    /// Small texts of our own making; two of them name a word no other text has.
    static func writeFixtures(to dir: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let texts = [
            "alpha.txt": "The first essay.\n\nIt mentions Zorblax twice: Zorblax was here.\n\nA closing paragraph.",
            "beta.txt": "The second essay speaks of other things entirely.\n\nNothing to see.",
            "gamma.txt": "A third text, hard-wrapped\nacross lines, and naming Zorblax once.\n\nThe end.",
            "sub/delta.txt": "A fourth text in a subdirectory, about the weather.",
        ]
        for (name, text) in texts {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Data("not a text file".utf8).write(to: dir.appendingPathComponent("notes.md"))
        return texts.keys.sorted()
    }

    @Test func ingestSearchStatusAndBadInput() throws {
        let h = try Harness()
        defer { h.stop() }
        let corpus = h.dir.appendingPathComponent("corpus")
        let names = try Self.writeFixtures(to: corpus)

        // The services come up and answer.
        #expect(
            try h.eventually(30) { try h.cli(["status", "--json", "--timeout", "2"]).status == 0 },
            "services did not come up: \(h.logText.suffix(3000))"
        )

        // Stream a directory in: every .txt file (recursively) accepted, the .md file left alone.
        let ingest = try h.cli(["ingest", corpus.path, "--quiet"])
        #expect(ingest.status == 0, "ingest failed: \(ingest.err)")
        let accepted = ingest.out.split(separator: "\n").filter { $0.hasPrefix("accepted") }
        #expect(accepted.count == names.count, "\(ingest.out)")
        #expect(!ingest.out.contains("notes.md"))

        // Identical content again: duplicate, same id.
        let again = try h.cli(["ingest", corpus.appendingPathComponent("alpha.txt").path, "--quiet"])
        #expect(again.status == 0)
        #expect(again.out.hasPrefix("duplicate"))

        // Everything gets indexed; search finds the two texts naming Zorblax, each hit naming its file.
        #expect(
            try h.eventually(30) {
                let s = h.json(try h.cli(["status", "--json"]).out)
                return ((s["pipeline"] as? [String: Any])?["states"] as? [String: Int])?["indexed"] == names.count
            },
            "not all indexed: \(h.logText.suffix(3000))"
        )
        let search = try h.cli(["search", "Zorblax", "--json"])
        #expect(search.status == 0, "\(search.err)")
        let r = h.json(search.out)
        let docs = r["documents"] as? [[String: Any]] ?? []
        #expect(Set(docs.compactMap { $0["source"] as? String }) == ["alpha.txt", "gamma.txt"])
        let plain = try h.cli(["search", "Zorblax"])
        #expect(plain.out.contains("alpha.txt") && plain.out.contains("gamma.txt"))

        // Status shows the workers and the index counts.
        let status = h.json(try h.cli(["status", "--json"]).out)
        #expect(((status["pipeline"] as? [String: Any])?["workers"] as? [Any])?.count == 2)
        #expect((status["index"] as? [String: Any])?["documents"] as? Int == names.count)

        // Bad input: each refusal is named, and the pipeline keeps serving.
        let binary = h.dir.appendingPathComponent("binary.txt")
        try Data([0x41, 0x00, 0x42]).write(to: binary)
        let latin = h.dir.appendingPathComponent("latin.txt")
        try Data([0x63, 0x61, 0x66, 0xE9, 0x20, 0x53, 0x61, 0x6D]).write(to: latin)  // "café Sam" in latin-1
        let empty = h.dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let bad = try h.cli(["ingest", binary.path, latin.path, empty.path, "--quiet"])
        #expect(bad.status != 0)
        #expect(bad.err.contains("binary_content"))
        #expect(bad.err.contains("invalid_utf8"))
        #expect(bad.err.contains("empty_text"))
        let transcoded = try h.cli(["ingest", latin.path, "--encoding", "latin1", "--quiet"])
        #expect(transcoded.status == 0, "\(transcoded.err)")

        let badQuery = try h.cli(["search", "\"unclosed"])
        #expect(badQuery.status != 0)
        #expect(badQuery.err.contains("bad_query"))

        // Standard input works too.
        let piped = try h.cli(["ingest", "-", "--title", "Piped", "--source", "stdin.txt", "--quiet"], stdin: Data("Piped text about Zorblax.".utf8))
        #expect(piped.status == 0, "\(piped.err)")
        #expect(
            try h.eventually(30) {
                let d = h.json(try h.cli(["search", "Zorblax", "--json"]).out)["documents"] as? [[String: Any]] ?? []
                return d.count == 3
            }
        )

        // Logs are JSON lines, prefixed by service name.
        let lines = h.logText.split(separator: "\n").filter { $0.hasPrefix("ingest") }
        #expect(lines.contains { $0.contains("\"event\":\"accepted\"") })
        #expect(lines.contains { $0.contains("\"event\":\"indexed\"") })

        #expect(h.stop(), "services did not stop within 20 s of SIGTERM")
        #expect(h.logText.contains("all services stopped"))
    }
}

/// Whether `python3` can import pyzmq (CI installs it; the test is skipped where it cannot).
let pythonHasZMQ: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import zmq"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}()

@Suite(.serialized) struct ProtocolClientTests {
    /// The Python client in docs/examples, written from docs/PROTOCOL.md alone, ingests and finds a text.
    @Test(.enabled(if: pythonHasZMQ, "python3 with pyzmq is needed"))
    func pythonClientFromTheProtocolPage() throws {
        let h = try Harness(workers: 1)
        defer { h.stop() }
        #expect(try h.eventually(30) { try h.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let file = h.dir.appendingPathComponent("py.txt")
        try Data("A text sent by Python about Quuxwort.\n\nSecond paragraph.".utf8).write(to: file)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/ingest_and_search.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, h.ingestEndpoint, h.reportEndpoint, file.path, "Quuxwort", h.keysDirectory]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("\"step\": \"search\""))
    }
}
