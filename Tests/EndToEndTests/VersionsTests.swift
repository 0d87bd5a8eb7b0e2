import Foundation
import Testing

@Suite(.serialized) struct VersionsTests {
    @Test func versionsDeletesBusyAndSizeLimit() throws {
        let h = try Harness(
            workers: 1,
            environment: [
                "SAMIZDAT_INGEST_MAX_BACKLOG": "3",
                "SAMIZDAT_INGEST_MAX_TEXT_BYTES": "20000",
            ]
        )
        defer { h.stop() }
        #expect(try h.eventually(30) { try h.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let v1 = h.dir.appendingPathComponent("v1.txt")
        let v2 = h.dir.appendingPathComponent("v2.txt")
        try Data("The first version speaks of Oldword.".utf8).write(to: v1)
        try Data("The second version speaks of Newword instead.".utf8).write(to: v2)

        // Same external id, new content: version 2 of the same document replaces version 1.
        let a = try h.cli(["ingest", v1.path, "--external-id", "essay-1", "--quiet"])
        let b = try h.cli(["ingest", v2.path, "--external-id", "essay-1", "--quiet"])
        #expect(a.out.hasPrefix("accepted") && a.out.contains(" v1 "), "\(a)")
        #expect(b.out.hasPrefix("accepted") && b.out.contains(" v2 "), "\(b)")
        let id = String(a.out.split(separator: " ", omittingEmptySubsequences: true)[1])
        #expect(b.out.contains(id))
        #expect(
            try h.eventually(30) {
                let n = h.json(try h.cli(["search", "Newword", "--json"]).out)["total_documents"] as? Int
                let o = h.json(try h.cli(["search", "Oldword", "--json"]).out)["total_documents"] as? Int
                return n == 1 && o == 0
            }
        )

        // Delete removes it everywhere.
        let d = try h.cli(["delete", id])
        #expect(d.status == 0, "\(d)")
        #expect(h.json(try h.cli(["search", "Newword", "--json"]).out)["total_documents"] as? Int == 0)
        let s = h.json(try h.cli(["status", "--json"]).out)
        #expect((s["index"] as? [String: Any])?["documents"] as? Int == 0)
        #expect(try h.cli(["delete", id]).status != 0)

        // Over the size limit: a named error.
        let big = h.dir.appendingPathComponent("big.txt")
        try Data(String(repeating: "word ", count: 5000).utf8).write(to: big)
        let tooLarge = try h.cli(["ingest", big.path, "--quiet"])
        #expect(tooLarge.status != 0)
        #expect(tooLarge.err.contains("too_large"))

        // Backlog bound 3: ingest answers busy, the CLI waits and retries until all are in.
        let many = h.dir.appendingPathComponent("many")
        try FaultToleranceTests.writeTexts(40, to: many)
        let r = try h.cli(["ingest", many.path, "--window", "16"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.split(separator: "\n").filter { $0.hasPrefix("accepted") }.count == 40)
        #expect(r.err.contains("busy-waits"), "\(r.err)")
        #expect(
            try h.eventually(60) {
                (h.json(try h.cli(["status", "--json"]).out)["index"] as? [String: Any])?["documents"] as? Int == 40
            }
        )
    }
}
