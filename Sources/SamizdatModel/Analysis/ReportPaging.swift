/// The paging bounds every listing report shares, and their checks.
public enum ReportPaging {
    /// The largest `limit` a listing takes.
    public static let maximumLimit = 10_000

    /// Rejects a negative `offset` or a `limit` outside 1...`maximumLimit`.
    public static func validate(offset: Int, limit: Int) throws(ProtocolError) {
        guard offset >= 0 else {
            throw ProtocolError.badParameter("offset", "must be 0 or more, got \(offset)")
        }
        guard (1...maximumLimit).contains(limit) else {
            throw ProtocolError.badParameter("limit", "must be between 1 and \(maximumLimit), got \(limit)")
        }
    }

    /// Rejects a `min_frequency` below 1.
    public static func validate(minFrequency: Int) throws(ProtocolError) {
        guard minFrequency >= 1 else {
            throw ProtocolError.badParameter("min_frequency", "must be 1 or more, got \(minFrequency)")
        }
    }
}
