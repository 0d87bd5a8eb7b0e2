import Hummingbird

/// Adds the workbench's security headers to every response: a Content-Security-Policy that lets pages
/// load only report's own scripts, styles, images and event stream (no inline script, no outside
/// request, no framing), no MIME sniffing, no framing for older browsers, no referrer to other sites.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    /// The policy every response carries (`workbenchContentSecurityPolicy`).
    public static var contentSecurityPolicy: String { workbenchContentSecurityPolicy }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            Self.addHeaders(to: &response.headers)
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            Self.addHeaders(to: &response.headers)
            return response
        }
    }

    static func addHeaders(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[SecurityHeaderName.frameOptions] = "DENY"
        headers[SecurityHeaderName.referrerPolicy] = "same-origin"
    }
}

/// Header names HTTPTypes does not name.
enum SecurityHeaderName {
    static let frameOptions = HTTPFields.Element.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
}

/// Built once: the middleware is generic, so it cannot keep a stored static of its own.
let workbenchContentSecurityPolicy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
].joined(separator: "; ")
