import Foundation
import Hummingbird
import SamizdatModel
import SamizdatReports

/// The shapes report answers in: HTML pages, JSON, CSV downloads, and errors mapped to statuses.
public enum HTTPResponses {
    /// An HTML page.
    public static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A value as JSON, encoded the way the wire protocol encodes it.
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        do {
            let data = try WireCoding.encoder.encode(value)
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch {
            return errorJSON(ProtocolError(.internal, "cannot encode the answer: \(error)"))
        }
    }

    /// A table as a CSV download named `filename`.
    public static func csv(_ table: CSVTable, filename: String) -> Response {
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: table.text)))
    }

    /// An SVG chart as a download named `filename`.
    public static func svg(_ text: String, filename: String) -> Response {
        var headers: HTTPFields = [.contentType: "image/svg+xml; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A JSON download named `filename`.
    public static func jsonDownload(_ value: some Encodable, filename: String) -> Response {
        var response = json(value)
        if response.status == .ok {
            response.headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        }
        return response
    }

    /// The error as report's JSON error object (`code`, `message`, `parameter`, `offset`).
    public static func errorJSON(_ error: ProtocolError) -> Response {
        let body = (try? WireCoding.encoder.encode(ErrorHeader(req: nil, error))) ?? Data()
        return Response(status: status(for: error), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Runs `produce` and answers its value as JSON, or its error with the matching status.
    public static func jsonResult(_ produce: () async throws -> some Encodable) async -> Response {
        do {
            return json(try await produce())
        } catch {
            return errorJSON(protocolError(error))
        }
    }

    /// The HTTP status of an error: the client's mistakes are 400, an unknown document 404,
    /// a silent service 503, anything else 500.
    public static func status(for error: ProtocolError) -> HTTPResponse.Status {
        switch error.code {
        case .badQuery, .badHeader, .badParameter, .badMetadata: .badRequest
        case .notFound: .notFound
        case .unavailable: .serviceUnavailable
        default: .internalServerError
        }
    }

    /// Any error as a ProtocolError (`internal` when it is not one).
    public static func protocolError(_ error: any Error) -> ProtocolError {
        error as? ProtocolError ?? ProtocolError(.internal, "\(error)")
    }
}
