import Foundation
import SamizdatService
import Testing
import ZeroMQ

@Suite struct KeyRingTests {
    /// A key directory written as `samizdat keys generate` does, in a temporary folder.
    func directory(clients: String? = nil) throws -> (path: String, keys: [ServiceName: CurveKeyPair]) {
        let path = NSTemporaryDirectory() + "keyring-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var keys: [ServiceName: CurveKeyPair] = [:]
        for service in ServiceName.allCases {
            let pair = try CurveKeyPair.generate()
            keys[service] = pair
            try (pair.secretKey + "\n").write(toFile: "\(path)/\(service.rawValue).key", atomically: true, encoding: .utf8)
            try (pair.publicKey + "\n").write(toFile: "\(path)/\(service.rawValue).pub", atomically: true, encoding: .utf8)
        }
        if let clients { try clients.write(toFile: "\(path)/clients.txt", atomically: true, encoding: .utf8) }
        return (path, keys)
    }

    @Test func aKeyDirectoryLoadsServicesAndClients() throws {
        let reader = try CurveKeyPair.generate()
        let (path, keys) = try directory(clients: "# who may talk\nquery \(reader.publicKey) reader-laptop\n\n")
        let ring = try KeyRing.load(directory: path)
        #expect(try ring.keys(of: .ingest) == keys[.ingest])
        #expect(ring.servicePublicKeys[.report] == keys[.report]?.publicKey)
        #expect(ring.clients == [KeyRing.Client(role: .query, publicKey: reader.publicKey, name: "reader-laptop")])
    }

    @Test func badFilesAreNamedWithWhatIsWrong() throws {
        let (path, _) = try directory(clients: "reader abc laptop\n")
        #expect(
            throws: KeyRingError.malformedClientLine(path: path + "/clients.txt", line: 1, reason: "unknown role 'reader' (query, ingest or admin)")
        ) {
            try KeyRing.load(directory: path)
        }
        try "admin\n".write(toFile: path + "/clients.txt", atomically: true, encoding: .utf8)
        #expect(throws: KeyRingError.malformedClientLine(path: path + "/clients.txt", line: 1, reason: "expected '<role> <public key> <name>'")) {
            try KeyRing.load(directory: path)
        }
        try FileManager.default.removeItem(atPath: path + "/clients.txt")
        let other = try CurveKeyPair.generate()
        try other.publicKey.write(toFile: path + "/index.pub", atomically: true, encoding: .utf8)
        #expect(throws: KeyRingError.mismatch(path: path + "/index.pub")) { try KeyRing.load(directory: path) }
        try FileManager.default.removeItem(atPath: path + "/index.pub")
        try FileManager.default.removeItem(atPath: path + "/index.key")
        #expect(throws: KeyRingError.missingService(service: .index, directory: path)) { try KeyRing.load(directory: path) }
        #expect(throws: KeyRingError.missingDirectory(path + "/nowhere")) { try KeyRing.load(directory: path + "/nowhere") }
    }

    @Test func internalSocketsTakeOnlyTheServicesThatUseThem() throws {
        let admin = try CurveKeyPair.generate()
        let (path, keys) = try directory(clients: "admin \(admin.publicKey) operator\n")
        let ring = try KeyRing.load(directory: path)
        func request(_ domain: SocketDomain, _ key: String?, mechanism: String = "CURVE") -> ZAPRequest {
            ZAPRequest(domain: domain.rawValue, address: "10.0.0.9", mechanism: mechanism, clientKey: key)
        }
        let segment = try #require(keys[.segment]?.publicKey)
        let report = try #require(keys[.report]?.publicKey)
        #expect(ring.decide(request(.ingestWork, segment)) == .allow(userId: "service:segment"))
        #expect(ring.decide(request(.indexIntake, segment)) == .allow(userId: "service:segment"))
        #expect(ring.decide(request(.ingestAcks, report)) == .deny(reason: "key \(report) may not connect to ingest.acks"))
        // a client key, even an admin's, cannot forge acks or documents
        #expect(ring.decide(request(.ingestAcks, admin.publicKey)) == .deny(reason: "key \(admin.publicKey) may not connect to ingest.acks"))
        #expect(ring.decide(request(.indexIntake, admin.publicKey)) == .deny(reason: "key \(admin.publicKey) may not connect to index.intake"))
        #expect(ring.decide(request(.ingestClient, admin.publicKey)) == .allow(userId: "client:admin:operator"))
        #expect(ring.decide(request(.reportClient, admin.publicKey)) == .allow(userId: "client:admin:operator"))
        #expect(ring.decide(request(.reportClient, nil, mechanism: "NULL")) == .deny(reason: "NULL mechanism refused: CURVE keys are required"))
        #expect(
            ring.decide(ZAPRequest(domain: "elsewhere", address: "", mechanism: "CURVE", clientKey: segment))
                == .deny(reason: "unknown ZAP domain 'elsewhere'")
        )
    }

    @Test func rolesAreOrderedAndUserIdsNameTheRequester() {
        #expect(Requester(userId: "client:query:laptop").may(.query))
        #expect(!Requester(userId: "client:query:laptop").may(.ingest))
        #expect(!Requester(userId: "client:ingest:feeder").may(.admin))
        #expect(Requester(userId: "client:admin:operator").may(.admin))
        #expect(Requester(userId: "service:report") == .service(.report))
        #expect(Requester(userId: nil) == .unauthenticated)
        #expect(Requester(userId: "client:root:x") == .unrecognized("client:root:x"))
        #expect(!Requester(userId: "client:root:x").may(.query))
    }

    @Test func generatedDirectoriesLoadAndKeepTheirKeys() throws {
        let path = NSTemporaryDirectory() + "keys-\(UUID().uuidString)"
        let first = try KeyDirectory.generate(directory: path)
        #expect(first.allSatisfy { $0.created })
        #expect(first.map(\.name) == ["ingest", "segment", "index", "report", "client"])
        let ring = try KeyRing.load(directory: path)
        #expect(ring.clients.map(\.name) == ["client"])
        #expect(ring.clients.first?.role == .admin)
        let secretMode = try FileManager.default.attributesOfItem(atPath: path + "/ingest.key")[.posixPermissions] as? Int
        #expect(secretMode == 0o600)
        let again = try KeyDirectory.generate(directory: path, client: "reader", role: .query)
        #expect(again.prefix(4).allSatisfy { !$0.created })
        #expect(again.prefix(4).map(\.publicKey) == first.prefix(4).map(\.publicKey))
        #expect(try KeyRing.load(directory: path).clients.map(\.role) == [.admin, .query])
        #expect(throws: KeyDirectoryError.reservedName("index")) { try KeyDirectory.generate(directory: path, client: "index") }
        #expect(throws: KeyDirectoryError.badClientName("a b")) { try KeyDirectory.generate(directory: path, client: "a b") }
    }
}
