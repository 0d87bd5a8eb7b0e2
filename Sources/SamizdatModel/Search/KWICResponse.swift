public struct KWICResponse: Codable, Sendable, Hashable {
    public var query: String
    /// Every occurrence, before paging.
    public var total: Int
    public var offset: Int
    public var sort: ConcordanceSort
    public var lines: [ConcordanceLine]

    public init(query: String, total: Int, offset: Int, sort: ConcordanceSort, lines: [ConcordanceLine]) {
        self.query = query
        self.total = total
        self.offset = offset
        self.sort = sort
        self.lines = lines
    }
}
