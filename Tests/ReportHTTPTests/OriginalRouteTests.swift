import Foundation
import Hummingbird
import HummingbirdTesting
import ReportHTTP
import SamizdatModel
import Testing

/// `GET /documents/<id>/original`: the file a document came as, with its media type.
@Suite struct OriginalRouteTests {
    /// The fake backend's answers, and an original PDF for `doc-pdf` and EPUB for `doc-epub`.
    struct OriginalsBackend: ReportBackend {
        let fake = FakeBackend()
        static let pdf = Data("%PDF-1.4 a tiny file".utf8)
        static let epub = Data("PK an epub".utf8)

        func status() async -> SystemStatus { await fake.status() }
        func documents() async throws -> [DocumentSummary] { try await fake.documents() }
        func document(id: String) async throws -> DocumentView { try await fake.document(id: id) }
        func search(_ request: SearchRequest) async throws -> SearchResponse { try await fake.search(request) }
        func concordance(_ request: KWICRequest) async throws -> KWICResponse { try await fake.concordance(request) }
        func report(_ kind: MessageKind, body: Data) async throws -> Data { try await fake.report(kind, body: body) }

        func original(id: String) async throws -> OriginalFile {
            switch id {
            case "doc-pdf": OriginalFile(documentID: id, version: 2, format: .pdf, bytes: OriginalsBackend.pdf)
            case "doc-epub": OriginalFile(documentID: id, version: 1, format: .epub, bytes: OriginalsBackend.epub)
            default: throw ProtocolError(.notFound, "document \(id) has no original file")
            }
        }
    }

    func get(_ uri: String, backend: some ReportBackend) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: Data) {
        let router = Router(context: WorkbenchRequestContext.self)
        WorkbenchRoutes.register(on: router, backend: backend, events: EventHub())
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                (response.status, response.headers, Data(buffer: response.body))
            }
        }
    }

    @Test func aPDFIsServedAsItCameToOpenInTheBrowser() async throws {
        let answer = try await get("/documents/doc-pdf/original", backend: OriginalsBackend())
        #expect(answer.status == .ok)
        #expect(answer.headers[.contentType] == "application/pdf")
        #expect(answer.headers[.contentDisposition] == "inline; filename=\"doc-pdf.pdf\"")
        #expect(answer.body == OriginalsBackend.pdf)
    }

    @Test func anEPUBIsADownload() async throws {
        let answer = try await get("/documents/doc-epub/original", backend: OriginalsBackend())
        #expect(answer.status == .ok)
        #expect(answer.headers[.contentType] == "application/epub+zip")
        #expect(answer.headers[.contentDisposition] == "attachment; filename=\"doc-epub.epub\"")
        #expect(answer.body == OriginalsBackend.epub)
    }

    @Test func aDocumentThatCameAsTextHasNoOriginal() async throws {
        let answer = try await get("/documents/doc-a/original", backend: OriginalsBackend())
        #expect(answer.status == .notFound)
        let plain = try await get("/documents/doc-a/original", backend: FakeBackend())
        #expect(plain.status == .notFound)
        #expect(String(decoding: plain.body, as: UTF8.self).contains("not_found"))
    }
}
