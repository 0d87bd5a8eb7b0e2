import Foundation
import SamizdatDelivery
import SamizdatModel
import Testing

@Suite struct DedupAndRecoveryTests {
    @Test func retryWithTheSameRequestIDGetsTheFirstAnswerAndStoresNothing() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.ingest("the text", req: "r1")
        guard case .accepted(let key, let hash, let bytes, isNew: true) = first else {
            Issue.record("not accepted: \(first)")
            return
        }
        #expect(bytes == 8)
        #expect(try fixture.ingest("the text", req: "r1") == .accepted(key, hash: hash, bytes: bytes, isNew: false))
        // Even with another text: the request id decides.
        #expect(try fixture.ingest("another text", req: "r1") == .accepted(key, hash: hash, bytes: bytes, isNew: false))
        #expect(fixture.core.backlog == 1)
        #expect(fixture.core.acceptedTotal == 1)
    }

    @Test func sameTextIsADuplicateWithOrWithoutARequestID() throws {
        let fixture = try DeliveryFixture()
        let key = try fixture.accepted("the text")
        #expect(try fixture.ingest("the text") == .duplicate(key))
        #expect(try fixture.ingest("the text", req: "r2") == .duplicate(key))
        #expect(try fixture.ingest("the text", req: "r2") == .duplicate(key))
        #expect(fixture.core.backlog == 1)
    }

    @Test func newTextUnderTheSameExternalIDIsTheNextVersion() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.accepted("first words", externalID: "essay")
        let second = try fixture.accepted("second words", externalID: "essay")
        #expect(first.id == second.id)
        #expect(first.version == 1)
        #expect(second.version == 2)
        #expect(try fixture.ingest("second words", externalID: "essay") == .duplicate(second))
    }

    @Test func batchIsStoredInOneCommitInOrder() throws {
        let fixture = try DeliveryFixture()
        let requests = ["a", "b", "a"].map { IngestRequest(req: nil, metadata: DocumentMetadata(), text: $0) }
        let outcomes = try fixture.core.accept(requests)
        guard case .accepted(let key, _, _, isNew: true) = outcomes[0] else {
            Issue.record("not accepted: \(outcomes)")
            return
        }
        #expect(outcomes[2] == .duplicate(key))
        #expect(fixture.core.backlog == 2)
    }

    @Test func restartedCoreRedispatchesWhatIsNotIndexedWithItsAttempts() throws {
        let fixture = try DeliveryFixture()
        let indexed = try fixture.accepted("indexed")
        let failed = try fixture.accepted("failed")
        let inFlight = try fixture.accepted("in flight")
        let waiting = try fixture.accepted("waiting")
        _ = fixture.ready("w1", credit: 3)
        #expect(try fixture.tick().handouts.map(\.key) == [indexed, failed, inFlight])
        _ = try fixture.core.indexed(indexed, now: fixture.now)
        _ = try fixture.core.failed(failed, stage: "segment", reason: "no text left")

        try fixture.restart()
        #expect(fixture.core.backlog == 2)
        #expect(try fixture.tick().handouts.isEmpty)
        _ = fixture.heartbeat("w1", credit: 5)
        #expect(try fixture.tick().handouts == [Handout(worker: "w1", key: inFlight, attempt: 2), Handout(worker: "w1", key: waiting, attempt: 1)])
        let counts = try fixture.journal.counts()
        #expect(counts == ["accepted": 0, "dispatched": 2, "indexed": 1, "failed": 1])
    }

    @Test func restartedCoreStillKnowsRequestIDs() throws {
        let fixture = try DeliveryFixture()
        let first = try fixture.ingest("the text", req: "r1")
        try fixture.restart()
        guard case .accepted(let key, let hash, let bytes, _) = first else {
            Issue.record("not accepted: \(first)")
            return
        }
        #expect(try fixture.ingest("the text", req: "r1") == .accepted(key, hash: hash, bytes: bytes, isNew: false))
        #expect(fixture.core.backlog == 1)
    }
}
