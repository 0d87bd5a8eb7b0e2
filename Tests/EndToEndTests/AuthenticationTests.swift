import Foundation
import SamizdatModel
import SamizdatService
import Testing
import ZeroMQ

/// CurveZMQ on the real executables: who may connect, who may do what, and that every refusal is
/// named to the client and logged by the service.
@Suite(.serialized) struct AuthenticationTests {
    /// A key directory holding `name.key` (not on the stack's allow-list) and the stack's public keys.
    static func strangerKeys(beside harness: Harness, name: String) throws -> String {
        let directory = harness.dir.appendingPathComponent("stranger").path
        _ = try KeyDirectory.generate(directory: directory, client: name, role: .admin)
        for service in ServiceName.allCases {
            let path = "\(directory)/\(service.rawValue)"
            try FileManager.default.removeItem(atPath: path + ".key")
            try FileManager.default.removeItem(atPath: path + ".pub")
            try FileManager.default.copyItem(atPath: "\(harness.keysDirectory)/\(service.rawValue).pub", toPath: path + ".pub")
        }
        return directory
    }

    static func publicKey(_ directory: String, _ name: String) throws -> String {
        try ClientCredentials.load(directory: directory, name: name).keys.publicKey
    }

    @Test func clientsWithoutAKeyWithAnUnknownKeyOrTheWrongRoleAreRefusedByName() throws {
        let harness = try Harness(workers: 1)
        defer { harness.stop() }
        #expect(
            try harness.eventually(30) { try harness.cli(["status", "--json", "--timeout", "2"]).status == 0 },
            "\(harness.logText.suffix(2000))"
        )
        let corpus = harness.dir.appendingPathComponent("corpus")
        _ = try PipelineTests.writeFixtures(to: corpus)
        let ingested = try harness.cli(["ingest", corpus.appendingPathComponent("alpha.txt").path, "--quiet"])
        #expect(ingested.status == 0, "\(ingested.err)")

        // No key: the handshake fails on the mechanism, named on both sides.
        let keyless = try harness.cli(["search", "zorblax", "--insecure", "--timeout", "3"])
        #expect(keyless.status != 0)
        #expect(keyless.err.contains("not_authenticated") && keyless.err.contains("one side uses CurveZMQ keys and the other none"), "\(keyless.err)")
        // (libzmq tells the server no more than that the handshake failed)
        #expect(
            try harness.eventually(5) {
                harness.logText.components(separatedBy: "\n").contains {
                    $0.contains("\"event\":\"auth.denied\"") && $0.contains("\"auth.domain\":\"report.client\"") && $0.contains("handshake failed")
                }
            },
            "\(harness.logText.suffix(2000))"
        )

        // A key the stack does not know: refused by the ZAP handler, which logs the key.
        let stranger = try Self.strangerKeys(beside: harness, name: "stranger")
        let unknown = try harness.cli(["search", "zorblax", "--keys", stranger, "--key-name", "stranger", "--timeout", "3"])
        #expect(unknown.status != 0)
        #expect(unknown.err.contains("not_authenticated") && unknown.err.contains("refused this client's key"), "\(unknown.err)")
        let strangerKey = try Self.publicKey(stranger, "stranger")
        #expect(try harness.eventually(5) { harness.logText.contains("\"auth.key\":\"\(strangerKey)\"") })

        // A query key added while the stack runs (clients.txt is read again): it may search, not
        // ingest or delete; each refusal is `forbidden` and logged with the key's name.
        _ = try KeyDirectory.generate(directory: harness.keysDirectory, client: "reader", role: .query)
        #expect(try harness.eventually(20) { try harness.cli(["search", "zorblax", "--key-name", "reader", "--timeout", "3"]).status == 0 })
        let documentID = try #require(
            (harness.json(try harness.cli(["search", "zorblax", "--json"]).out)["documents"] as? [[String: Any]])?.first?["document_id"] as? String
        )
        let deleteByReader = try harness.cli(["delete", documentID, "--key-name", "reader"])
        #expect(deleteByReader.status != 0)
        #expect(deleteByReader.err.contains("forbidden") && deleteByReader.err.contains("admin role"), "\(deleteByReader.err)")
        let ingestByReader = try harness.cli(["ingest", corpus.appendingPathComponent("beta.txt").path, "--key-name", "reader"])
        #expect(ingestByReader.status != 0)
        #expect(ingestByReader.out.contains("forbidden") || ingestByReader.err.contains("forbidden"), "\(ingestByReader.out) \(ingestByReader.err)")
        #expect(harness.logText.contains("\"auth.user\":\"client:query:reader\",\"error.code\":\"forbidden\""))

        // The admin key deletes, through report to ingest's journal (a tombstone) and the index; both log who asked.
        let deleteByAdmin = try harness.cli(["delete", documentID])
        #expect(deleteByAdmin.status == 0, "\(deleteByAdmin.err)")
        #expect(
            try harness.eventually(5) {
                harness.logText.components(separatedBy: "\n").filter {
                    $0.contains("\"event\":\"deleted\"") && $0.contains("\"auth.user\":\"client:admin:client\"")
                }.count >= 2
            }
        )
    }

    @Test func forgedMessagesOnInternalSocketsAreRejected() async throws {
        let harness = try Harness(workers: 1)
        defer { harness.stop() }
        #expect(try harness.eventually(30) { try harness.cli(["status", "--json", "--timeout", "2"]).status == 0 })
        let context = Context()
        let intake = "tcp://127.0.0.1:\(harness.basePort + 3)"
        let acks = "tcp://127.0.0.1:\(harness.basePort + 2)"

        // The admin client's key may not reach index's intake: a forged document never gets in.
        var clientOptions = Socket.Options()
        clientOptions.security = try harness.credentials().security(for: .index)
        clientOptions.lingerMs = 0
        // Not a blocking send: the refused connection never takes the message.
        let forger = try Socket(context, .push, options: clientOptions)
        try forger.connect(intake)
        let forgedDocument = try WireMessage(.segmented, RequestHeader(req: "forged"), body: [Data("{}".utf8)])
        try? forger.send(forgedDocument.frames, wait: false)
        let clientKey = try harness.credentials().keys.publicKey
        #expect(
            try harness.eventually(10) {
                harness.logText.contains("\"auth.domain\":\"index.intake\"") && harness.logText.contains("\"auth.key\":\"\(clientKey)\"")
            },
            "\(harness.logText.suffix(2000))"
        )
        forger.close()

        // segment's key reaches the ack socket, but an `indexed` ack from it is refused: only index acks.
        var segmentOptions = Socket.Options()
        segmentOptions.security = try harness.credentials("segment").security(for: .ingest)
        let ackForger = try AsyncSocket { [segmentOptions] in try Socket.push(context, connecting: acks, options: segmentOptions) }
        let forgedAck = try WireMessage(.indexed, IndexedHeader(doc: "forged", version: 1, outcome: "new", paragraphs: 1))
        try await ackForger.send(forgedAck.frames)
        #expect(
            try harness.eventually(10) { harness.logText.contains("'indexed' from service:segment refused on the ack socket") },
            "\(harness.logText.suffix(2000))"
        )
        await ackForger.close()
        // and the pipeline still works
        let corpus = harness.dir.appendingPathComponent("corpus")
        _ = try PipelineTests.writeFixtures(to: corpus)
        #expect(try harness.cli(["ingest", corpus.appendingPathComponent("alpha.txt").path, "--quiet"]).status == 0)
        #expect(try harness.eventually(30) { try harness.cli(["search", "zorblax", "--json"]).out.contains("document_id") })
    }
}
