import Foundation
import SamizdatService
import Synchronization
import Testing
import ZeroMQ

@Suite struct ServiceSecurityTests {
    func keyDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "service-security-\(UUID().uuidString)"
        _ = try KeyDirectory.generate(directory: path, client: "operator", role: .admin)
        return path
    }

    @Test func keysOrInsecureMustBeChosen() throws {
        var config = SamizdatConfig()
        #expect(throws: ServiceSecurityError.noKeys(service: .ingest)) {
            try ServiceSecurity.load(service: .ingest, config: config)
        }
        config.insecure = true
        let insecure = try ServiceSecurity.load(service: .ingest, config: config)
        #expect(insecure.isInsecure)
        #expect(try insecure.server(.ingestClient) == .plain)
        #expect(try insecure.client(of: .index) == .plain)
    }

    @Test func curveSocketsUseTheServicesKeysAndDomains() throws {
        var config = SamizdatConfig()
        config.keysDir = try keyDirectory()
        let security = try ServiceSecurity.load(service: .segment, config: config)
        let ring = try KeyRing.load(directory: config.keysDir)
        let own = try ring.keys(of: .segment)
        #expect(try security.server(.ingestWork) == .curveServer(keys: own, domain: "ingest.work"))
        #expect(try security.client(of: .index) == .curveClient(keys: own, serverKey: ring.servicePublicKeys[.index]!))
    }

    @Test func aServiceWithoutItsSecretKeyIsNamed() throws {
        var config = SamizdatConfig()
        config.keysDir = try keyDirectory()
        try FileManager.default.removeItem(atPath: config.keysDir + "/index.key")
        #expect(throws: KeyRingError.noSecretKey(service: .index)) {
            try ServiceSecurity.load(service: .index, config: config)
        }
    }

    @Test func theSecretKeyMayComeFromTheEnvironment() async throws {
        let directory = try keyDirectory()
        let secret = try String(contentsOfFile: directory + "/report.key", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: directory + "/report.key")
        let config = try await SamizdatConfig.load(
            arguments: ["samizdat-report"],
            environment: ["SAMIZDAT_KEYS_DIR": directory, "SAMIZDAT_KEYS_SECRET_KEY": secret]
        )
        let security = try ServiceSecurity.load(service: .report, config: config)
        let own = try CurveKeyPair(secretKey: secret)
        #expect(try security.server(.reportClient) == .curveServer(keys: own, domain: "report.client"))
        // A secret key that does not match the published one is named.
        var mismatched = config
        mismatched.keysSecretKey = try CurveKeyPair.generate().secretKey
        #expect(throws: SamizdatConfigError(key: "keys.secretKey", reason: "is not the secret key of \(directory)/report.pub")) {
            try ServiceSecurity.load(service: .report, config: mismatched)
        }
    }

    @Test func clientsTxtIsReadAgainWhenItChanges() throws {
        let directory = try keyDirectory()
        let errors = Mutex<[String]>([])
        let live = LiveKeyRing(ring: try KeyRing.load(directory: directory), directory: directory) { error in
            errors.withLock { $0.append("\(error)") }
        }
        #expect(live.current().clients.map(\.name) == ["operator"])
        Thread.sleep(forTimeInterval: 0.02)
        _ = try KeyDirectory.generate(directory: directory, client: "reader", role: .query)
        #expect(live.current().clients.map(\.name) == ["operator", "reader"])
        // A broken file keeps the last good allow-list, and says why.
        Thread.sleep(forTimeInterval: 0.02)
        try "admin\n".write(toFile: directory + "/clients.txt", atomically: true, encoding: .utf8)
        #expect(live.current().clients.map(\.name) == ["operator", "reader"])
        #expect(errors.withLock { $0.first?.contains("clients.txt line 1") } == true)
    }

    @Test func requesterLabelsNameTheKey() {
        #expect(Requester(userId: "client:query:reader").label == "client:query:reader")
        #expect(Requester(userId: "service:index").label == "service:index")
        #expect(Requester(userId: nil).label == "unauthenticated")
        #expect(Requester(userId: "who").label == "unrecognized:who")
    }
}
