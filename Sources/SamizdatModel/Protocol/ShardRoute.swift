/// Which index shard writes a document: FNV-1a (64-bit) of the document id's UTF-8 bytes, modulo
/// the number of shards. Every segment worker routes by it and every shard checks it, so a
/// document has one writer; the same id always goes to the same shard while the count stays.
public enum ShardRoute {
    /// The shard (0 ..< `shards`) that writes the document `documentID`.
    public static func shard(of documentID: String, shards: Int) -> Int {
        precondition(shards >= 1, "a corpus has at least one shard")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in documentID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(shards))
    }
}
