import Foundation
import Testing

@testable import ZeroMQ

@Suite struct SocketTests {
    @Test func pushPullOverInproc() throws {
        let ctx = Context()
        let pull = try Socket.pull(ctx, binding: "inproc://pp")
        let push = try Socket(ctx, .push)
        try push.connect("inproc://pp")
        try push.send([Data("a".utf8), Data("bc".utf8)])
        let m = try #require(try pull.receive())
        #expect(m == [Data("a".utf8), Data("bc".utf8)])
        #expect(try pull.receive(wait: false) == nil)
    }

    @Test func routerDealerRoundTripOverTCP() throws {
        let ctx = Context()
        let router = try Socket.router(ctx, binding: "tcp://127.0.0.1:*")
        let dealer = try Socket.dealer(ctx, connecting: router.lastEndpoint, identity: "w1")
        try dealer.send([Data("hello".utf8)])
        var poller = Poller()
        poller.add(router)
        #expect(try poller.poll(timeoutMs: 2000) == .ready([0]))
        let m = try #require(try router.receive())
        #expect(m == [Data("w1".utf8), Data("hello".utf8)])
        try router.send([m[0], Data("back".utf8)])
        #expect(try dealer.receive() == [Data("back".utf8)])
    }

    @Test func routerMandatoryRefusesUnknownPeer() throws {
        let ctx = Context()
        let router = try Socket.router(ctx, binding: "inproc://mandatory")
        #expect(throws: ZeroMQError.hostUnreachable) {
            try router.send([Data("nobody".utf8), Data("x".utf8)])
        }
    }

    @Test func bindTwiceIsAddressInUse() throws {
        let ctx = Context()
        let a = try Socket.pull(ctx, binding: "tcp://127.0.0.1:*")
        let b = try Socket(ctx, .pull)
        #expect(throws: ZeroMQError.addressInUse) { try b.bind(a.lastEndpoint) }
    }

    @Test func pollTimesOutAndWakeupInterrupts() throws {
        let ctx = Context()
        let pull = try Socket.pull(ctx, binding: "inproc://idle")
        let wake = Wakeup()
        var poller = Poller()
        poller.add(pull)
        let w = poller.add(fd: wake.fd)
        #expect(try poller.poll(timeoutMs: 10) == .timedOut)
        wake.signal()
        #expect(try poller.poll(timeoutMs: 1000) == .ready([w]))
        wake.drain()
        #expect(try poller.poll(timeoutMs: 10) == .timedOut)
    }

    @Test func maxMessageSizeDropsOversizedMessages() throws {
        let ctx = Context()
        var options = Socket.Options()
        options.maxMessageSize = 1024
        let pull = try Socket.pull(ctx, binding: "tcp://127.0.0.1:*", options: options)
        let push = try Socket.push(ctx, connecting: pull.lastEndpoint)
        try push.send([Data(count: 4096)])
        var poller = Poller()
        poller.add(pull)
        #expect(try poller.poll(timeoutMs: 300) == .timedOut)
    }

    @Test func batchReceiveTakesWhatIsQueued() throws {
        let ctx = Context()
        let pull = try Socket.pull(ctx, binding: "inproc://batch")
        let push = try Socket(ctx, .push)
        try push.connect("inproc://batch")
        for i in 0..<10 { try push.send([Data([UInt8(i)])]) }
        var got: [[Data]] = []
        while got.count < 10 { got += try pull.receiveBatch(limit: 4) }
        #expect(got.map { $0[0][0] } == Array(0..<10))
    }
}

@Suite struct AsyncSocketTests {
    @Test func asyncRequestReplyAgainstLoopThread() async throws {
        let ctx = Context()
        let router = try AsyncSocket { try Socket.router(ctx, binding: "tcp://127.0.0.1:*") }
        // Find the endpoint through a second hop: bind on a known inproc name instead.
        let server = try AsyncSocket { try Socket.router(ctx, binding: "inproc://async-rr") }
        let client = try AsyncSocket { try Socket.dealer(ctx, connecting: "inproc://async-rr") }
        try await client.send([Data("ping".utf8)])
        let req = try #require(try await server.receive(timeout: .seconds(2)))
        #expect(req.last == Data("ping".utf8))
        try await server.send([req[0], Data("pong".utf8)])
        #expect(try await client.receive(timeout: .seconds(2)) == [Data("pong".utf8)])
        #expect(try await client.receive(timeout: .milliseconds(20)) == nil)
        await client.close()
        await server.close()
        await router.close()
        await #expect(throws: ZeroMQError.terminated) { try await client.send([Data()]) }
    }

    @Test func asyncBatchSend() async throws {
        let ctx = Context()
        let sink = try AsyncSocket { try Socket.pull(ctx, binding: "inproc://async-batch") }
        let source = try AsyncSocket { () throws -> Socket in
            let s = try Socket(ctx, .push)
            try s.connect("inproc://async-batch")
            return s
        }
        try await source.send(batch: (0..<300).map { [Data("\($0)".utf8)] })
        var n = 0
        while n < 300, try await sink.receive(timeout: .seconds(2)) != nil { n += 1 }
        #expect(n == 300)
        await source.close()
        await sink.close()
    }
}
