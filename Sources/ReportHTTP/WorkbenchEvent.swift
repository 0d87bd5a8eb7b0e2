import SamizdatModel

/// What open pages are told over `/events`.
public enum WorkbenchEvent: Sendable, Equatable {
    /// index committed a document (`indexed` on its PUB socket).
    case indexed(IndexedHeader)
    /// Nothing happened for a while; a comment line keeps proxies from closing the stream and
    /// lets report notice pages that went away.
    case keepAlive

    /// The event in Server-Sent Events framing.
    public var serverSentEvent: String {
        switch self {
        case .indexed(let header):
            let data = (try? WireCoding.encoder.encode(header)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return "event: indexed\ndata: \(data)\n\n"
        case .keepAlive:
            return ": keep-alive\n\n"
        }
    }
}
