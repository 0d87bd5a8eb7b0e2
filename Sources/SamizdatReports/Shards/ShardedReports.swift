import Foundation
import SamizdatModel

/// Asks one index shard for its part of a query or report: sends `partial` naming `kind` with the
/// JSON `body`, and returns the JSON of the shard's result. report gives one per shard.
public typealias ShardCall = @Sendable (_ kind: MessageKind, _ body: Data) async throws -> Data

/// Answers a query or report over several index shards, each the writer of its own documents, as
/// one index holding every document would answer it: the shards' parts are merged here (exact
/// counts, corpus-wide statistics). No I/O: the shards are reached through the calls given.
public enum ShardedReports {
    /// The kinds answered across shards.
    public static let kinds: Set<MessageKind> = []

    /// The JSON a single index would answer for `kind` with the request `body`, over `shards`.
    public static func answer(_ kind: MessageKind, body: Data, shards: [ShardCall]) async throws -> Data {
        switch kind {
        default:
            throw ProtocolError(.unexpectedKind, "'\(kind.rawValue)' is not answered across index shards")
        }
    }
}
