import ArgumentParser
import Foundation
import SamizdatModel
import SamizdatService
import ZeroMQ

/// Where the CLI finds the services, and how long it waits for them.
struct ServiceOptions: ParsableArguments, Sendable {
    @Option(help: "report's client API (search, status). Env SAMIZDAT_REPORT.")
    var report: String = ProcessInfo.processInfo.environment["SAMIZDAT_REPORT"] ?? "tcp://127.0.0.1:5556"

    @Option(help: "ingest's client API. Env SAMIZDAT_INGEST.")
    var ingest: String = ProcessInfo.processInfo.environment["SAMIZDAT_INGEST"] ?? "tcp://127.0.0.1:5550"

    @Option(help: "Seconds to wait for a reply before retrying or giving up.")
    var timeout: Double = 15

    @OptionGroup var credentials: CredentialOptions

    var timeoutDuration: Duration { .milliseconds(Int(timeout * 1000)) }

    /// A request client of `server` at `endpoint`, with this CLI's keys unless `--insecure`.
    func client(_ server: ServiceName, endpoint: String) throws -> RequestClient {
        try RequestClient(context: CLIContext.shared, endpoint: endpoint, security: try credentials.security(for: server))
    }

    /// One request to report, decoded as `R`; an `error` reply becomes a thrown ProtocolError.
    func ask<R: Decodable>(
        _ kind: MessageKind,
        body: (some Encodable)? = Optional<Int>.none,
        header: ((String) -> any Encodable)? = nil,
        as: R.Type
    ) async throws -> R {
        let client = try client(.report, endpoint: report)
        defer { Task { await client.close() } }
        let bodyData = try body.map { try WireCoding.encoder.encode($0) }
        let reply = try await client.request(timeout: timeoutDuration) { id in
            let h = header?(id) ?? RequestHeader(req: id)
            return try WireMessage(kind, AnyEncodable(h), body: bodyData.map { [$0] } ?? [])
        }
        return try RequestClient.result(reply, as: R.self)
    }
}

/// The CLI's CurveZMQ keys: a key directory with its client key and the services' public keys.
struct CredentialOptions: ParsableArguments, Sendable {
    @Option(
        help: "Key directory holding this client's key and the services' public keys (`samizdat up` makes DATA_DIR/keys). Env SAMIZDAT_KEYS."
    )
    var keys: String = ProcessInfo.processInfo.environment["SAMIZDAT_KEYS"] ?? "./data/keys"

    @Option(help: "The client key's name in the key directory: NAME.key. Env SAMIZDAT_KEY_NAME.")
    var keyName: String = ProcessInfo.processInfo.environment["SAMIZDAT_KEY_NAME"] ?? "client"

    @Flag(help: "Plain sockets without keys, for services started with --insecure.")
    var insecure = false

    /// How to connect to `server`: plain with `--insecure`, else CurveZMQ with the client key.
    func security(for server: ServiceName) throws -> SocketSecurity {
        if insecure { return .plain }
        return try ClientCredentials.load(directory: keys, name: keyName).security(for: server)
    }
}

enum CLIContext {
    static let shared = Context()
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}

/// Prints a refusal the way a user should read it, and exits non-zero.
func fail(_ error: Error) -> ExitCode {
    let text = (error as? ProtocolError).map { "error: \($0.description)" } ?? "error: \(error)"
    FileHandle.standardError.write(Data((text + "\n").utf8))
    return ExitCode(1)
}

func printJSON(_ value: some Encodable) throws {
    let e = WireCoding.encoder
    e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: try e.encode(value), as: UTF8.self))
}

/// Bold on a terminal, plain otherwise.
enum Terminal {
    static let isTTY = isatty(STDOUT_FILENO) == 1
    static func bold(_ s: String) -> String { isTTY ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    static func dim(_ s: String) -> String { isTTY ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
}
