import SamizdatModel

/// A query that failed, with the character at fault marked where the parser stopped.
struct QueryErrorView: Sendable {
    var message: String
    var before: String
    var at: String
    var after: String
    var hasPosition: Bool
    var position: String

    init(query: String, error: ProtocolError) {
        message = error.message
        if let offset = error.offset, offset >= 0, offset <= query.count {
            let characters = Array(query)
            before = String(characters[0..<offset])
            at = offset < characters.count ? String(characters[offset]) : " "
            after = offset < characters.count ? String(characters[(offset + 1)...]) : ""
            hasPosition = true
            position = String(offset + 1)
        } else {
            before = query
            at = ""
            after = ""
            hasPosition = false
            position = ""
        }
    }
}
