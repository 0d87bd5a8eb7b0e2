import Foundation
import Testing

/// index answers queries on a thread of its own, from the state its last commit published: a
/// query never waits for the writer, even one held inside a long commit.
@Suite(.serialized) struct QueriesDuringCommitTests {
    @Test func aQueryAnswersWhileIndexIsInsideALongCommit() throws {
        let pauseMs = 8000
        let h = try Harness(workers: 1, environment: ["SAMIZDAT_TEST_COMMIT_PAUSE_MS": "\(pauseMs)"])
        defer { h.stop() }
        #expect(try h.eventually(30) { try h.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let first = h.dir.appendingPathComponent("first.txt")
        let held = h.dir.appendingPathComponent("held.txt")
        try Data("The first text speaks of the Earlyword ledger.".utf8).write(to: first)
        try Data("A second text about the Heldword archive, committed slowly.".utf8).write(to: held)

        // the first text's commit also takes the pause; then it is searchable
        #expect(try h.cli(["ingest", first.path, "--quiet"]).out.hasPrefix("accepted"))
        #expect(
            try h.eventually(60) {
                h.json(try h.cli(["search", "Earlyword", "--json", "--timeout", "3"]).out)["total_documents"] as? Int == 1
            }
        )
        let heldBefore = h.logText.components(separatedBy: "\"commit_held\"").count

        #expect(try h.cli(["ingest", held.path, "--quiet"]).out.hasPrefix("accepted"))
        // index's writer is now inside the second commit, holding it open for `pauseMs`
        #expect(h.eventually(30) { h.logText.components(separatedBy: "\"commit_held\"").count > heldBefore })
        let started = Date()
        let during = try h.cli(["search", "Earlyword", "--json", "--timeout", "3"])
        let elapsedMs = Date().timeIntervalSince(started) * 1000
        let stillHeld = h.logText.components(separatedBy: "document committed").count < 3
        #expect(during.status == 0, "search during the commit failed: \(during.err)")
        #expect(h.json(during.out)["total_documents"] as? Int == 1, "\(during.out)")
        #expect(elapsedMs < Double(pauseMs) / 2, "the query took \(Int(elapsedMs)) ms: it waited for the commit")
        #expect(stillHeld, "the commit ended before the query was answered; the test proves nothing")
        // the held text is not searchable until its commit ends, then it is
        #expect(h.json(try h.cli(["search", "Heldword", "--json", "--timeout", "3"]).out)["total_documents"] as? Int == 0)
        #expect(
            try h.eventually(60) {
                h.json(try h.cli(["search", "Heldword", "--json", "--timeout", "3"]).out)["total_documents"] as? Int == 1
            }
        )
    }
}
