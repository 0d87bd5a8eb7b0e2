/// A named reason a message or its content is refused. Travels in `error` replies as `code`.
public struct ProtocolError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// Fewer frames than the kind needs.
        case truncatedMessage = "truncated_message"
        /// The kind frame names no known kind.
        case unknownKind = "unknown_kind"
        /// The header frame is not a JSON object, or a field has the wrong type.
        case badHeader = "bad_header"
        /// The header's "v" is missing or not a version this peer speaks.
        case wrongVersion = "wrong_version"
        /// Metadata fields are not strings, or too long.
        case badMetadata = "bad_metadata"
        /// The text is not valid UTF-8; `offset` is the first bad byte.
        case invalidUTF8 = "invalid_utf8"
        /// The text holds NUL bytes: it is binary, not text.
        case binaryContent = "binary_content"
        /// The text is empty or only whitespace.
        case emptyText = "empty_text"
        /// The text is over the configured size limit.
        case tooLarge = "too_large"
        /// The body is not the format declared, or not a format Samizdat reads.
        case unsupportedFormat = "unsupported_format"
        /// The document is encrypted.
        case encryptedDocument = "encrypted_document"
        /// The document cannot be read as its format (cut off, broken cross-references …).
        case damagedDocument = "damaged_document"
        /// The query does not parse; `offset` is the position of the problem.
        case badQuery = "bad_query"
        /// A request parameter is missing, of the wrong type or out of range; `parameter` names it.
        case badParameter = "bad_parameter"
        /// No document with that id.
        case notFound = "not_found"
        /// The service needed for the request does not answer.
        case unavailable
        /// The kind is known but this socket does not take it.
        case unexpectedKind = "unexpected_kind"
        /// The sender's key may not do this: a query-only key that ingests, a key that is not admin
        /// deleting, a service sending what its role never sends.
        case forbidden
        /// A bug or a storage failure on the server's side.
        case `internal`
    }

    public var code: Code
    public var message: String
    /// A byte offset into the body (invalid_utf8, binary_content) or the query (bad_query).
    public var offset: Int?
    /// The request parameter at fault (bad_parameter, not_found of a named document).
    public var parameter: String?

    public init(_ code: Code, _ message: String, offset: Int? = nil, parameter: String? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.parameter = parameter
    }

    /// A `bad_parameter` error naming the parameter.
    public static func badParameter(_ parameter: String, _ message: String) -> ProtocolError {
        ProtocolError(.badParameter, "\(parameter): \(message)", parameter: parameter)
    }

    public var description: String {
        offset.map { "\(code.rawValue): \(message) (at \($0))" } ?? "\(code.rawValue): \(message)"
    }
}
