import Foundation
import SamizdatDelivery
import Testing

@Suite struct AckTests {
    @Test func ackForAnUnknownVersionChangesNothing() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("text")
        let stranger = DocumentKey(id: "d000000000000", version: 1)
        #expect(try fixture.core.indexed(stranger, now: fixture.now) == [.dropped(stranger, reason: "no such version in the journal")])
        let newer = DocumentKey(id: key.id, version: 7)
        #expect(try fixture.core.indexed(newer, now: fixture.now) == [.dropped(newer, reason: "no such version in the journal")])
        #expect(try fixture.core.failed(newer, stage: "index", reason: "x") == [.dropped(newer, reason: "no such version in the journal")])
        #expect(try fixture.journal.counts() == ["accepted": 1, "dispatched": 0, "indexed": 0, "failed": 0])
        #expect(fixture.core.backlog == 1)
    }

    @Test func repeatedAckIsDropped() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("text")
        _ = fixture.ready("w1", credit: 1)
        _ = try fixture.tick()
        #expect(try fixture.core.indexed(key, now: fixture.now) == [.indexed(key)])
        #expect(try fixture.core.indexed(key, now: fixture.now) == [.dropped(key, reason: "already indexed")])
        #expect(fixture.core.indexedTotal == 1)
    }

    @Test func ackOfAnOldVersionIndexesThatVersionOnly() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.accepted("first words", externalID: "essay")
        let second = try fixture.accepted("second words", externalID: "essay")
        _ = fixture.ready("w1", credit: 2)
        #expect(try fixture.tick().handouts.count == 2)
        #expect(try fixture.core.indexed(first, now: fixture.now) == [.indexed(first)])
        #expect(try fixture.journal.state(second)?.state == .dispatched)
        #expect(fixture.core.backlog == 1)
    }

    @Test func lateAckAfterARedeliveryLandsTheText() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("text")
        _ = fixture.ready("w1", credit: 2)
        _ = try fixture.tick()
        fixture.advance(.seconds(10))
        _ = fixture.heartbeat("w1")
        #expect(try fixture.tick().requeued == [key])
        // The first delivery's ack comes while the text waits out its backoff: no second delivery.
        #expect(try fixture.core.indexed(key, now: fixture.now) == [.indexed(key)])
        fixture.advance(.seconds(1))
        _ = fixture.heartbeat("w1")
        #expect(try fixture.tick().handouts.isEmpty)
        #expect(fixture.core.backlog == 0)
    }
}
