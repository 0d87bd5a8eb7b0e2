import Foundation
import SamizdatDelivery
import Testing

@Suite struct TombstoneTests {
    @Test func deleteLeavesATombstoneOverItsHighestVersion() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.accepted("first words", externalID: "essay")
        _ = try fixture.accepted("second words", externalID: "essay")
        #expect(try fixture.core.delete(id: first.id))
        let tombstone = try fixture.journal.tombstone(id: first.id)
        #expect(tombstone?.version == 2)
        #expect(tombstone?.deletedAt == DeliveryFixture.fixedDate.timeIntervalSince1970)
        #expect(try fixture.journal.document(first) == nil)
        #expect(fixture.core.backlog == 0)
        #expect(try !fixture.core.delete(id: first.id))
        #expect(try !fixture.core.delete(id: "d000000000000"))
        #expect(try fixture.journal.tombstone(id: "d000000000000") == nil)
    }

    @Test func lateAckOfADeletedDocumentIsDroppedAndIndexIsToldToDeleteIt() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("text")
        _ = fixture.ready("w1", credit: 1)
        #expect(try fixture.tick().handouts.count == 1)
        #expect(try fixture.core.delete(id: key.id))
        // The worker had it and pushed it to index anyway; index applied it and acks.
        #expect(try fixture.core.indexed(key, now: fixture.now) == [.deleteFromIndex(documentID: key.id), .dropped(key, reason: "document deleted")])
        #expect(try fixture.journal.counts() == ["accepted": 0, "dispatched": 0, "indexed": 0, "failed": 0])
        #expect(try fixture.core.failed(key, stage: "segment", reason: "x") == [.dropped(key, reason: "no such version in the journal")])
    }

    @Test func deletedTextIsNeverRedelivered() throws {
        let fixture = try DeliveryFixture()
        let inFlight = try fixture.accepted("in flight")
        let queued = try fixture.accepted("queued")
        _ = fixture.ready("w1", credit: 1)
        #expect(try fixture.tick().handouts.map(\.key) == [inFlight])
        #expect(try fixture.core.delete(id: inFlight.id))
        #expect(try fixture.core.delete(id: queued.id))
        _ = fixture.ready("w1", credit: 5)
        for _ in 0..<4 {
            fixture.advance(.seconds(11))
            _ = fixture.heartbeat("w1")
            let actions = try fixture.tick()
            #expect(actions.handouts.isEmpty)
            #expect(actions.requeued.isEmpty)
        }
        try fixture.restart()
        _ = fixture.heartbeat("w1", credit: 5)
        #expect(try fixture.tick().handouts.isEmpty)
    }

    @Test func textSentAgainAfterADeleteGetsAVersionAboveTheTombstone() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.accepted("first words", externalID: "essay")
        let second = try fixture.accepted("second words", externalID: "essay")
        _ = fixture.ready("w1", credit: 2)
        _ = try fixture.tick()
        #expect(try fixture.core.delete(id: first.id))
        let third = try fixture.accepted("second words", externalID: "essay")
        #expect(third == DocumentKey(id: first.id, version: 3))
        // A late ack of a deleted version: dropped, and index is not told to delete: version 3 will replace it.
        #expect(
            try fixture.core.indexed(second, now: fixture.now) == [.dropped(second, reason: "document deleted; a newer version was accepted since")]
        )
        #expect(try fixture.core.indexed(third, now: fixture.now) == [.indexed(third)])
    }
}
