import Foundation
import SamizdatModel
import SamizdatService
import Testing
import ZeroMQ

@Suite(.serialized) struct IngestFuzzTests {
    /// A few thousand random and mutated messages at a running ingest: each answered with an
    /// error (or, for a valid ingest, accepted/duplicate), and ingest keeps serving.
    @Test func randomMessagesAgainstARunningIngest() async throws {
        let h = try Harness(workers: 1)
        defer { h.stop() }
        #expect(try h.eventually(30) { try h.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let ctx = Context()
        let endpoint = h.ingestEndpoint
        var options = Socket.Options()
        options.security = try h.credentials().security(for: .ingest)
        let sock = try AsyncSocket { [options] in try Socket.dealer(ctx, connecting: endpoint, options: options) }
        var rng = SystemRandomNumberGenerator()
        let valid = try WireMessage(.ingest, IngestHeader(req: "seed", title: "t"), body: [Data("Fuzz seed text.".utf8)]).frames
        let n = 3000
        var batch: [[Data]] = []
        for i in 0..<n {
            var frames = valid
            switch i % 3 {
            case 0:  // flip bytes in one frame
                let f = Int.random(in: 0..<frames.count, using: &rng)
                var b = [UInt8](frames[f])
                if !b.isEmpty { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
                frames[f] = Data(b)
            case 1:  // random frames
                frames = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                    Data((0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
                }
            default:  // truncate or extend
                if Bool.random(using: &rng) { frames.removeLast(Int.random(in: 1...2, using: &rng)) } else { frames.append(Data([0xFF, 0x00])) }
            }
            // Make every header carry a distinct req so replies can be counted when it survives mutation.
            batch.append(frames)
        }
        try await sock.send(batch: batch)
        var replies = 0
        var kinds: [String: Int] = [:]
        while let m = try await sock.receive(timeout: .seconds(5)) {
            replies += 1
            kinds[String(decoding: m.first ?? Data(), as: UTF8.self), default: 0] += 1
            if replies == n { break }
        }
        // Every message with at least one frame gets an answer on a ROUTER; empty-frame messages still count.
        #expect(replies == n, "replies \(replies) of \(n): \(kinds)")
        #expect((kinds["error"] ?? 0) > n / 2)
        // Still serving.
        let ping = try WireMessage(.ping, RequestHeader(req: "after"))
        try await sock.send(ping.frames)
        let pong = try #require(try await sock.receive(timeout: .seconds(5)))
        #expect(pong.first == Data("pong".utf8))
        await sock.close()
        #expect(!h.logText.contains("ingest exited"))
    }
}
