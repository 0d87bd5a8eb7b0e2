import Foundation
import Synchronization
import Testing

@testable import ZeroMQ

@Suite struct CurveSecurityTests {
    @Test func keyPairsDeriveTheirPublicKeyAndRejectMalformedKeys() throws {
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey.utf8.count == 40)
        #expect(try CurveKeyPair(secretKey: pair.secretKey) == pair)
        let raw = try CurveKeyPair.decode(pair.publicKey)
        #expect(raw.count == 32)
        #expect(try CurveKeyPair.encode(raw) == pair.publicKey)
        #expect(throws: CurveKeyError.malformed(name: "secret key", reason: "3 characters, a Z85 key has 40")) {
            try CurveKeyPair(secretKey: "abc")
        }
        let withSpace = String(pair.secretKey.dropLast()) + " "
        #expect(throws: CurveKeyError.malformed(name: "secret key", reason: "character ' ' is not in the Z85 alphabet")) {
            try CurveKeyPair(secretKey: withSpace)
        }
    }

    @Test func aCurveServerNeedsItsAuthenticator() throws {
        let context = Context()
        var options = Socket.Options()
        options.security = .curveServer(keys: try CurveKeyPair.generate(), domain: "test")
        #expect(throws: SocketSecurityError.noAuthenticator) {
            try Socket(context, .pull, options: options)
        }
    }

    @Test func anAllowedKeyTalksAndItsMessagesCarryItsUserId() throws {
        let fixture = try Fixture()
        let client = try fixture.client(keys: fixture.allowedClient)
        try client.send([Data("hello".utf8)])
        let message = try #require(try fixture.receive(timeoutMs: 3000))
        #expect(message.frames == [Data("hello".utf8)])
        #expect(message.userId == "ingest-client")
        #expect(fixture.log.entries.withLock { $0.last?.clientKey } == fixture.allowedClient.publicKey)
    }

    @Test func anUnknownKeyIsRefusedByTheHandler() throws {
        let fixture = try Fixture()
        let stranger = try CurveKeyPair.generate()
        let client = try fixture.client(keys: stranger)
        try? client.send([Data("let me in".utf8)], wait: false)
        #expect(try fixture.receive(timeoutMs: 800) == nil)
        #expect(fixture.log.entries.withLock { $0.contains { $0.clientKey == stranger.publicKey } })
    }

    @Test func aClientWithoutCurveNeverGetsThrough() throws {
        let fixture = try Fixture()
        let plain = try Socket(fixture.context, .push)
        try plain.set(Int32(39), Int32(1))  // ZMQ_IMMEDIATE: the send must not wait for a handshake that fails
        try plain.connect(fixture.endpoint)
        try? plain.send([Data("plain".utf8)], wait: false)
        #expect(try fixture.receive(timeoutMs: 800) == nil)
    }

    @Test func theHandshakeMonitorNamesARefusedKeyAndAMissingKey() throws {
        let fixture = try Fixture()
        let stranger = try fixture.client(keys: try CurveKeyPair.generate())
        let refused = try HandshakeMonitor(socket: stranger, context: fixture.context)
        let plain = try Socket(fixture.context, .push)
        let mismatched = try HandshakeMonitor(socket: plain, context: fixture.context)
        try plain.connect(fixture.endpoint)
        let allowed = try fixture.client(keys: fixture.allowedClient)
        let succeeded = try HandshakeMonitor(socket: allowed, context: fixture.context)
        try? stranger.send([Data("x".utf8)], wait: false)
        try? plain.send([Data("x".utf8)], wait: false)
        try allowed.send([Data("x".utf8)])
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, refused.recentFailure == nil || mismatched.recentFailure == nil {
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard case .refused(_, let status) = try #require(refused.recentFailure) else {
            Issue.record("expected a refusal, got \(String(describing: refused.recentFailure))")
            return
        }
        #expect(status == 400)
        #expect(try #require(mismatched.recentFailure).isMechanismMismatch)
        #expect(try #require(mismatched.recentFailure).summary.contains("security mechanism mismatch"))
        #expect(try fixture.receive(timeoutMs: 3000) != nil)
        #expect(succeeded.recentFailure == nil)
    }

    @Test func monitorMessagesDecode() {
        let refusal = Data([0x00, 0x40, 0x90, 0x01, 0x00, 0x00])  // HANDSHAKE_FAILED_AUTH, status 400
        #expect(HandshakeMonitor.decode([refusal, Data("tcp://a:1".utf8)]) == .handshake(.refused(endpoint: "tcp://a:1", status: 400)))
        let stopped = Data([0x00, 0x04, 0, 0, 0, 0])  // MONITOR_STOPPED
        #expect(HandshakeMonitor.decode([stopped, Data()]) == .stopped)
        #expect(HandshakeMonitor.decode([Data([1, 2])]) == .other)
    }

    /// The requests a ZAP handler saw, shared with its thread.
    final class RequestLog: Sendable {
        let entries = Mutex<[ZAPRequest]>([])
    }

    /// A CURVE PULL server on loopback, its ZAP handler allowing one client key.
    final class Fixture {
        let context = Context()
        let serverKeys: CurveKeyPair
        let allowedClient: CurveKeyPair
        let server: Socket
        let endpoint: String
        let log = RequestLog()

        init() throws {
            serverKeys = try CurveKeyPair.generate()
            allowedClient = try CurveKeyPair.generate()
            let allowed = allowedClient.publicKey
            let log = self.log
            _ = try ZAPHandler(context: context) { request in
                log.entries.withLock { $0.append(request) }
                return request.clientKey == allowed ? .allow(userId: "ingest-client") : .deny(reason: "unknown key")
            }
            var options = Socket.Options()
            options.security = .curveServer(keys: serverKeys, domain: "test")
            server = try Socket.pull(context, binding: "tcp://127.0.0.1:*", options: options)
            endpoint = server.lastEndpoint
        }

        func client(keys: CurveKeyPair) throws -> Socket {
            var options = Socket.Options()
            options.security = .curveClient(keys: keys, serverKey: serverKeys.publicKey)
            return try Socket.push(context, connecting: endpoint, options: options)
        }

        func receive(timeoutMs: Int) throws -> ReceivedMessage? {
            var poller = Poller()
            poller.add(server)
            guard case .ready = try poller.poll(timeoutMs: timeoutMs) else { return nil }
            return try server.receiveMessage(wait: false)
        }
    }
}
