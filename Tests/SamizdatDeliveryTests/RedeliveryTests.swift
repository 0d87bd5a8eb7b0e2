import Foundation
import SamizdatDelivery
import Testing

@Suite struct RedeliveryTests {
    @Test func workNotAckedBeforeItsDeadlineIsSentAgainAfterABackoff() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("text")
        _ = fixture.ready("w1", credit: 5)
        #expect(try fixture.tick().handouts.count == 1)
        fixture.advance(.seconds(9))
        _ = fixture.heartbeat("w1")
        #expect(try fixture.tick().requeued.isEmpty)

        fixture.advance(.seconds(1))
        _ = fixture.heartbeat("w1")
        let expired = try fixture.tick()
        #expect(expired.contains(.requeued(key, attempts: 1, reason: "no ack within 10.0 seconds", delay: .milliseconds(500))))
        #expect(expired.handouts.isEmpty)
        #expect(try fixture.journal.state(key)?.state == .accepted)
        #expect(try fixture.journal.state(key)?.lastError == "no ack within 10.0 seconds")

        fixture.advance(.milliseconds(499))
        #expect(try fixture.tick().handouts.isEmpty)
        fixture.advance(.milliseconds(1))
        #expect(try fixture.tick().handouts == [Handout(worker: "w1", key: key, attempt: 2)])
        #expect(try fixture.journal.state(key)?.attempts == 2)
        #expect(fixture.core.redeliveries == 1)
        #expect(try fixture.journal.redeliveries() == 1)
    }

    @Test func backoffDoublesAndStopsAtThirtySeconds() {
        let policy = DeliveryFixture.policy
        #expect(policy.backoff(afterAttempts: 0) == .milliseconds(250))
        #expect(policy.backoff(afterAttempts: 1) == .milliseconds(500))
        #expect(policy.backoff(afterAttempts: 3) == .milliseconds(2000))
        #expect(policy.backoff(afterAttempts: 7) == .milliseconds(30_000))
        #expect(policy.backoff(afterAttempts: 40) == .milliseconds(30_000))
    }

    @Test func textFailsOnceItsAttemptsAreUsedUp() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("text")
        _ = fixture.ready("w1", credit: 10)
        var attemptsSeen: [Int] = []
        var failures: [DocumentKey] = []
        for _ in 0..<8 {
            let actions = try fixture.tick()
            attemptsSeen += actions.handouts.map(\.attempt)
            failures += actions.failed
            fixture.advance(.seconds(31))
            _ = fixture.heartbeat("w1")
        }
        #expect(attemptsSeen == [1, 2, 3])
        #expect(failures == [key])
        let state = try fixture.journal.state(key)
        #expect(state?.state == .failed)
        #expect(state?.stage == "delivery")
        #expect(state?.lastError == "no ack within 10.0 seconds; gave up after 3 attempts")
        #expect(fixture.core.backlog == 0)
    }

    @Test func workerMissingThreeHeartbeatsLosesItsWorkToTheFrontOfTheQueue() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.accepted("one")
        let second = try fixture.accepted("two")
        let third = try fixture.accepted("three")
        _ = fixture.ready("w1", credit: 2)
        #expect(try fixture.tick().handouts.map(\.key) == [first, second])
        _ = fixture.ready("w2", credit: 0)
        for _ in 0..<3 {
            fixture.advance(.seconds(1))
            _ = fixture.heartbeat("w2")
            #expect(try fixture.tick().requeued.isEmpty)
        }
        fixture.advance(.milliseconds(1))
        _ = fixture.heartbeat("w2")
        let actions = try fixture.tick()
        #expect(actions.contains(.workerLost(name: "w1", inFlight: 2, reason: "missed 3 heartbeats")))
        #expect(actions.requeued == [first, second])
        #expect(actions.contains(.requeued(first, attempts: 1, reason: "worker w1 died", delay: .zero)))

        // The dead worker's texts go before the one that was waiting.
        _ = fixture.ready("w2", credit: 3)
        #expect(
            try fixture.tick().handouts == [
                Handout(worker: "w2", key: first, attempt: 2), Handout(worker: "w2", key: second, attempt: 2),
                Handout(worker: "w2", key: third, attempt: 1),
            ]
        )
    }

    @Test func workThatCannotBeSentGoesBackWithoutCountingTheAttempt() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.accepted("one")
        let second = try fixture.accepted("two")
        _ = fixture.ready("w1", credit: 2)
        #expect(try fixture.tick().handouts.count == 2)
        let actions = try fixture.core.workUndelivered(second, worker: DeliveryFixture.route("w1"), now: fixture.now)
        #expect(actions.first == .workerLost(name: "w1", inFlight: 2, reason: "cannot send to it"))
        #expect(actions.requeued == [first])
        // The failed send of `first`, reported after the worker was dropped, changes nothing more.
        #expect(try fixture.core.workUndelivered(first, worker: DeliveryFixture.route("w1"), now: fixture.now).isEmpty)

        _ = fixture.ready("w2", credit: 2)
        #expect(try fixture.tick().handouts == [Handout(worker: "w2", key: second, attempt: 1)])
        fixture.advance(.milliseconds(500))
        #expect(try fixture.tick().handouts == [Handout(worker: "w2", key: first, attempt: 2)])
    }

    @Test func workerThatFailsATextMarksItFailedWithItsReason() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("only page numbers")
        _ = fixture.ready("w1", credit: 1)
        _ = try fixture.tick()
        #expect(try fixture.core.failed(key, stage: "segment", reason: "no text left") == [.failed(key, stage: "segment", reason: "no text left")])
        let status = try fixture.core.status(now: fixture.now, acceptedPerSecond: 0, indexedPerSecond: 0)
        #expect(status.states["failed"] == 1)
        #expect(status.failures.map(\.reason) == ["no text left"])
        #expect(status.failures.map(\.source) == ["s.txt"])
        #expect(status.workers.map(\.processed) == [1])
        fixture.advance(.seconds(60))
        _ = fixture.heartbeat("w1")
        #expect(try fixture.tick().requeued.isEmpty)
    }
}
