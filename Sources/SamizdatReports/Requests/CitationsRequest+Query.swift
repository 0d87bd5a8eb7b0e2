import SamizdatModel

extension CitationsRequest {
    /// The request from URL parameters: `author`, `sort`, `offset`, `limit` and the scope's.
    public init(query: inout ReportQuery) throws(ProtocolError) {
        self.init(
            author: query.string("author"),
            scope: try query.scope(),
            sort: try query.choice("sort", CitationSort.citations),
            offset: try query.integer("offset", 0),
            limit: try query.integer("limit", 50)
        )
        try query.rejectUnknown()
        try validate()
    }
}
