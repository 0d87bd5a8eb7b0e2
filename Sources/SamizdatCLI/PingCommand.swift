import ArgumentParser
import Foundation
import SamizdatModel
import SamizdatService

extension Samizdat {
    struct Ping: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask a service's ROUTER socket for `pong`: exit 0 when it answers (healthchecks use it)."
        )

        @Argument(help: "A ROUTER endpoint: ingest (tcp://host:5550), index queries (5554) or report (5556).")
        var endpoint: String
        @Option(help: "Seconds to wait.") var timeout: Double = 3
        @Option(help: "The service that binds the endpoint (ingest, index or report), for its public key.")
        var service: String = "report"
        @OptionGroup var credentials: CredentialOptions

        func run() async throws {
            do {
                guard let server = ServiceName(rawValue: service), server != .segment else {
                    throw ValidationError("--service must be ingest, index or report, not '\(service)'")
                }
                let security = try credentials.security(for: server)
                let client = try RequestClient(context: CLIContext.shared, endpoint: endpoint, security: security)
                let t0 = ContinuousClock.now
                let reply = try await client.request(timeout: .milliseconds(Int(timeout * 1000))) { try WireMessage(.ping, RequestHeader(req: $0)) }
                guard reply.kind == .pong, let h = try? reply.header(as: PongHeader.self) else {
                    throw ProtocolError(.unexpectedKind, "expected pong, got '\(reply.kind.rawValue)'")
                }
                let ms = (ContinuousClock.now - t0).milliseconds
                print("pong from \(h.service) \(h.instance) in \(String(format: "%.1f", ms)) ms")
                await client.close()
            } catch { throw fail(error) }
        }
    }
}
