import Foundation
import Testing

@testable import ZeroMQ

@Suite struct ContextTerminationTests {
    @Test func terminateEndsAContextWhoseSocketsAreClosed() throws {
        let context = Context()
        let pull = try Socket.pull(context, binding: "tcp://127.0.0.1:*")
        pull.close()
        #expect(context.terminate(within: .seconds(5)))
    }

    /// libzmq's termination waits for every socket: one left open stands for an I/O thread that does not
    /// finish (a host-name lookup); `terminate` must give up after its bound instead of hanging.
    @Test func terminateGivesUpAfterItsBound() throws {
        let context = Context()
        let open = try Socket.pull(context, binding: "tcp://127.0.0.1:*")
        let started = ContinuousClock.now
        #expect(!context.terminate(within: .milliseconds(200)))
        #expect(ContinuousClock.now - started < .seconds(5))
        open.close()
        // a second call does not start another termination
        #expect(context.terminate(within: .milliseconds(10)))
    }
}
