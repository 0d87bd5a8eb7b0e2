import SamizdatModel

/// A page saying what went wrong: the parameter at fault, or which service does not answer.
struct ErrorPage: Sendable {
    var chrome: Chrome
    var heading: String
    var message: String
    var parameter: String

    init(_ error: ProtocolError, query: String = "") {
        chrome = Chrome(title: "Error", query: query)
        switch error.code {
        case .badParameter: heading = "Bad parameter"
        case .notFound: heading = "Not found"
        case .unavailable: heading = "Service unavailable"
        case .badQuery: heading = "Bad query"
        default: heading = "Error"
        }
        message = error.message
        parameter = error.parameter ?? ""
    }
}
