import Foundation
import Hummingbird
import HummingbirdTesting
import ReportHTTP
import Testing

/// The workbench's security headers, on pages, data and errors alike.
@Suite struct SecurityHeadersTests {
    func headers(_ uri: String) async throws -> (status: HTTPResponse.Status, fields: HTTPFields) {
        let router = Router(context: WorkbenchRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        WorkbenchRoutes.register(on: router, backend: FakeBackend(), events: EventHub())
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in (response.status, response.headers) }
        }
    }

    @Test(arguments: ["/", "/api/search?q=alpha", "/static/workbench.js", "/api/kwic?q=alpha&sort=bogus", "/no/such/page"])
    func everyResponseCarriesTheHeaders(uri: String) async throws {
        let response = try await headers(uri)
        let policy = try #require(response.fields[.contentSecurityPolicy])
        #expect(policy.contains("script-src 'self'"))
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(!policy.contains("unsafe-inline"))
        #expect(response.fields[.xContentTypeOptions] == "nosniff")
        #expect(response.fields[HTTPFields.Element.Name("X-Frame-Options")!] == "DENY")
        #expect(response.fields[HTTPFields.Element.Name("Referrer-Policy")!] == "same-origin")
    }

    @Test func errorsKeepTheirStatus() async throws {
        #expect(try await headers("/no/such/page").status == .notFound)
        #expect(try await headers("/api/kwic?q=alpha&sort=bogus").status == .badRequest)
    }
}
