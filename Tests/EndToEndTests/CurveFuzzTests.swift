import Foundation
import SamizdatModel
import SamizdatService
import Testing
import ZeroMQ

/// 20,000 random and mutated messages at each socket a service binds, over CurveZMQ with a key that
/// socket lets in (the worst case: a stolen key), plus connections with no key and unknown keys.
/// Every service stays up and the pipeline still ingests and finds a text.
@Suite(.serialized) struct CurveFuzzTests {
    static let messagesPerSocket = 20_000

    /// A socket to fuzz: where it is, which kind connects to it, and whose key it takes.
    struct Target {
        var name: String
        var port: Int
        var kind: Socket.Kind
        var server: ServiceName
        var keyName: String
    }

    /// Messages shaped like the protocol's, then broken: bytes flipped, frames dropped or added, or
    /// wholly random frames.
    static func messages(count: Int) throws -> [[Data]] {
        var generator = SystemRandomNumberGenerator()
        let seeds: [[Data]] = [
            try WireMessage(.ingest, IngestHeader(req: "seed", title: "t"), body: [Data("Fuzz seed text.".utf8)]).frames,
            try WireMessage(.ready, RequestHeader(req: "seed")).frames,
            try WireMessage(.indexed, IndexedHeader(doc: "fuzz", version: 1, outcome: "new", paragraphs: 1)).frames,
            try WireMessage(.search, RequestHeader(req: "seed"), body: [Data("{\"query\":\"zorblax\"}".utf8)]).frames,
            try WireMessage(.segmented, RequestHeader(req: "seed"), body: [Data("{\"id\":\"x\"}".utf8)]).frames,
        ]
        var messages: [[Data]] = []
        messages.reserveCapacity(count)
        for index in 0..<count {
            var frames = seeds[index % seeds.count]
            switch index % 4 {
            case 0:
                let frameIndex = Int.random(in: 0..<frames.count, using: &generator)
                var bytes = [UInt8](frames[frameIndex])
                if !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                frames[frameIndex] = Data(bytes)
            case 1:
                frames = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    Data((0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                }
            case 2:
                if frames.count > 1 {
                    frames.removeLast()
                } else {
                    frames.append(Data([0xFF, 0x00]))
                }
            default:
                frames.append(Data((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }))
            }
            messages.append(frames)
        }
        return messages
    }

    @Test func twentyThousandMessagesAtEverySocketLeaveEveryServiceUp() async throws {
        let harness = try Harness(workers: 1)
        defer { harness.stop() }
        #expect(try harness.eventually(30) { try harness.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let base = harness.basePort
        let targets = [
            Target(name: "ingest client", port: base, kind: .dealer, server: .ingest, keyName: "client"),
            Target(name: "ingest work", port: base + 1, kind: .dealer, server: .ingest, keyName: "segment"),
            Target(name: "ingest acks", port: base + 2, kind: .push, server: .ingest, keyName: "index"),
            Target(name: "index intake", port: base + 3, kind: .push, server: .index, keyName: "segment"),
            Target(name: "index queries", port: base + 4, kind: .dealer, server: .index, keyName: "report"),
            Target(name: "report client", port: base + 6, kind: .dealer, server: .report, keyName: "client"),
        ]
        let context = Context()
        let messages = try Self.messages(count: Self.messagesPerSocket)
        for target in targets {
            var options = Socket.Options()
            options.security = try harness.credentials(target.keyName).security(for: target.server)
            options.sendHighWaterMark = 100_000
            let endpoint = "tcp://127.0.0.1:\(target.port)"
            let kind = target.kind
            let socket = try AsyncSocket { [options] in
                let socket = try Socket(context, kind, options: options)
                try socket.connect(endpoint)
                return socket
            }
            for chunk in stride(from: 0, to: messages.count, by: 1000) {
                try await socket.send(batch: Array(messages[chunk..<min(chunk + 1000, messages.count)]))
            }
            // Without a key, and with keys nobody knows: refused at the handshake.
            let serverKey = try #require(try harness.credentials().servicePublicKeys[target.server])
            let strangers: [SocketSecurity] = [.plain, .curveClient(keys: try CurveKeyPair.generate(), serverKey: serverKey)]
            for security in strangers {
                // Sent without waiting: once the handshake fails libzmq drops the connection's queue,
                // and a blocking send would wait for a peer that never comes.
                var strangerOptions = Socket.Options()
                strangerOptions.security = security
                strangerOptions.lingerMs = 0
                let stranger = try Socket(context, kind, options: strangerOptions)
                try stranger.connect(endpoint)
                for message in messages.prefix(100) {
                    try? stranger.send(message, wait: false)
                }
                usleep(300_000)  // time for the handshake to be tried and refused
                stranger.close()
            }
            try await Task.sleep(for: .milliseconds(500))
            await socket.close()
            // Every service still answers.
            for (service, port) in [("ingest", base), ("index", base + 4), ("report", base + 6)] {
                let ping = try harness.cli([
                    "ping", "tcp://127.0.0.1:\(port)", "--service", service, "--key-name", service == "index" ? "report" : "client",
                    "--timeout", "20",
                ])
                #expect(ping.status == 0, "after fuzzing \(target.name), \(service) did not answer: \(ping.err)")
            }
        }
        #expect(!harness.logText.contains("exited"), "\(harness.logText.suffix(3000))")
        // And the pipeline still takes and finds a text.
        let corpus = harness.dir.appendingPathComponent("corpus")
        _ = try PipelineTests.writeFixtures(to: corpus)
        #expect(try harness.cli(["ingest", corpus.appendingPathComponent("alpha.txt").path, "--quiet"]).status == 0)
        #expect(
            try harness.eventually(60) { try harness.cli(["search", "zorblax", "--json"]).out.contains("document_id") },
            "\(harness.logText.suffix(3000))"
        )
    }
}
