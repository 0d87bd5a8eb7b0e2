import Foundation
import SamizdatModel

extension CorpusStore {
    /// This shard's part of a query or report that report merges across shards (`partial`): the
    /// JSON of the partial answer for `kind`, its partial request in `body`.
    public func partial(of kind: MessageKind, body: Data) throws -> Data {
        switch kind {
        default:
            throw ProtocolError(.unexpectedKind, "index has no partial answer for '\(kind.rawValue)'")
        }
    }
}
