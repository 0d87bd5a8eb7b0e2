import Foundation
import SamizdatDelivery
import Testing

@Suite struct CreditTests {
    @Test func workGoesOnlyToWorkersWithCreditAndWaitsForMore() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.accepted("one")
        let second = try fixture.accepted("two")
        let third = try fixture.accepted("three")
        #expect(try fixture.tick().handouts.isEmpty)

        #expect(fixture.ready("w1", credit: 2) == [.workerJoined(name: "w1", credit: 2)])
        let handed = try fixture.tick().handouts
        #expect(handed == [Handout(worker: "w1", key: first, attempt: 1), Handout(worker: "w1", key: second, attempt: 1)])
        #expect(try fixture.journal.state(first)?.state == .dispatched)
        #expect(try fixture.journal.state(third)?.state == .accepted)

        // An ack frees no credit: only the worker's own `ready` does.
        #expect(try fixture.core.indexed(first, now: fixture.now) == [.indexed(first)])
        #expect(try fixture.tick().handouts.isEmpty)
        #expect(fixture.ready("w1", credit: 1).isEmpty)
        #expect(try fixture.tick().handouts == [Handout(worker: "w1", key: third, attempt: 1)])
        #expect(fixture.core.backlog == 2)
    }

    @Test func workIsSharedBetweenWorkersTheLeastBusyFirst() throws {
        let fixture = try DeliveryFixture()
        for number in 0..<6 {
            try fixture.accepted("text \(number)")
        }
        _ = fixture.ready("w1", credit: 5)
        _ = fixture.ready("w2", credit: 5)
        let handed = try fixture.tick().handouts
        #expect(handed.count == 6)
        #expect(handed.filter { $0.worker == "w1" }.count == 3)
        #expect(handed.filter { $0.worker == "w2" }.count == 3)
        // Turns alternate: no worker gets two in a row while the other is as idle.
        for (earlier, later) in zip(handed, handed.dropFirst()) {
            #expect(earlier.worker != later.worker)
        }
    }

    @Test func workerWithFewerTextsInFlightIsServedFirst() throws {
        let fixture = try DeliveryFixture()
        _ = fixture.ready("w1", credit: 4)
        try fixture.accepted("a")
        try fixture.accepted("b")
        #expect(try fixture.tick().handouts.map(\.worker) == ["w1", "w1"])
        _ = fixture.ready("w2", credit: 4)
        try fixture.accepted("c")
        try fixture.accepted("d")
        try fixture.accepted("e")
        #expect(try fixture.tick().handouts.map(\.worker) == ["w2", "w2", "w1"])
    }

    @Test func creditOfOneMessageIsCappedAndNegativeCreditIgnored() throws {
        let fixture = try DeliveryFixture()
        #expect(fixture.ready("w1", credit: 1000) == [.workerJoined(name: "w1", credit: 64)])
        _ = fixture.ready("w1", credit: -5)
        let status = try fixture.core.status(now: fixture.now, acceptedPerSecond: 0, indexedPerSecond: 0)
        #expect(status.workers.map(\.credit) == [64])
    }

    @Test func heartbeatsGoToEveryWorkerOncePerPeriod() throws {
        let fixture = try DeliveryFixture()
        _ = fixture.ready("w2", credit: 1)
        _ = fixture.ready("w1", credit: 1)
        #expect(try fixture.tick().heartbeats.isEmpty)
        fixture.advance(.milliseconds(1000))
        #expect(try fixture.tick().heartbeats == ["w1", "w2"])
        fixture.advance(.milliseconds(500))
        #expect(try fixture.tick().heartbeats.isEmpty)
    }

    @Test func unknownWorkerJoinsByAHeartbeatThatStatesItsCredit() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("text")
        #expect(fixture.heartbeat("w1").isEmpty)
        #expect(try fixture.tick().handouts.isEmpty)
        #expect(fixture.heartbeat("w1", credit: 2) == [.workerJoined(name: "w1", credit: 2)])
        #expect(try fixture.tick().handouts == [Handout(worker: "w1", key: key, attempt: 1)])
    }

    @Test func backlogAtItsBoundAnswersBusy() throws {
        let policy = DeliveryPolicy(ackTimeout: .seconds(10), maxAttempts: 3, heartbeat: .seconds(1), maxBacklog: 2)
        let fixture = try DeliveryFixture(policy: policy)
        #expect(fixture.core.busy(pendingInBatch: 1, now: fixture.now) == nil)
        try fixture.accepted("a")
        #expect(fixture.core.busy(pendingInBatch: 1, now: fixture.now) == BusyAdvice(retryMs: 200, backlog: 1))
        #expect(fixture.core.busy(pendingInBatch: 0, now: fixture.now) == nil)
    }

    @Test func busyClientsComeBackOneByOneAtThePaceOfTheAcks() throws {
        let policy = DeliveryPolicy(ackTimeout: .seconds(10), maxAttempts: 3, heartbeat: .seconds(1), maxBacklog: 2)
        let fixture = try DeliveryFixture(policy: policy)
        let keys = try ["a", "b", "c", "d"].map { try fixture.accepted($0) }
        _ = fixture.ready("w1", credit: 4)
        #expect(try fixture.tick().handouts.count == 4)
        // two acks 100 ms apart: 20 texts a second, 50 ms a text
        _ = try fixture.core.indexed(keys[0], now: fixture.now)
        fixture.advance(.milliseconds(100))
        _ = try fixture.core.indexed(keys[1], now: fixture.now)
        // the backlog (2) is at its bound: one text must be indexed to make room for the first
        // client, and each client after it waits a text's time more
        #expect(fixture.core.busy(pendingInBatch: 0, now: fixture.now) == BusyAdvice(retryMs: 50, backlog: 2))
        #expect(fixture.core.busy(pendingInBatch: 0, now: fixture.now) == BusyAdvice(retryMs: 100, backlog: 2))
        // two more texts of this round already taken: room is three texts away, at the pace of
        // two acks in the 200 ms up to now (100 ms a text)
        fixture.advance(.milliseconds(100))
        #expect(fixture.core.busy(pendingInBatch: 2, now: fixture.now) == BusyAdvice(retryMs: 300, backlog: 2))
        // no ack in the last two seconds: no pace known, 200 ms
        fixture.advance(.seconds(3))
        #expect(fixture.core.busy(pendingInBatch: 0, now: fixture.now) == BusyAdvice(retryMs: 200, backlog: 2))
    }
}
