import Foundation
import Hummingbird
import SamizdatModel

extension WorkbenchRoutes {
    /// `GET /documents/<id>/original`: the file a document came as (PDF, EPUB, HTML), from
    /// ingest's journal, with its media type; 404 (`not_found`) for a document that came as text.
    static func registerOriginal(on router: Router<WorkbenchRequestContext>, backend: some ReportBackend) {
        router.get("documents/:id/original") { _, context -> Response in
            do {
                let identifier = try context.parameters.require("id")
                let file = try await backend.original(id: identifier)
                var headers: HTTPFields = [.contentType: file.contentType]
                headers[.contentDisposition] = file.contentDisposition
                // a web page is not run as the workbench, even when a browser opens it
                headers[.contentSecurityPolicy] = "sandbox"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: file.bytes)))
            } catch {
                return HTTPResponses.errorJSON(HTTPResponses.protocolError(error))
            }
        }
    }
}
