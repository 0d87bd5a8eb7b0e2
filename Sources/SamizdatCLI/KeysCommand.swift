import ArgumentParser
import Foundation
import SamizdatService

extension Samizdat {
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "CurveZMQ keys for the services and their clients.",
            subcommands: [Generate.self]
        )

        struct Generate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a key directory: a key pair per service and a client key with its role.",
                discussion: """
                    Writes <service>.key (secret, mode 0600) and <service>.pub for ingest, segment, index and report,
                    and <client>.key/.pub with a line '<role> <public key> <client>' in clients.txt. Keys already
                    there are kept. Give each host only the files it needs: a service its own .key and the
                    others' .pub; a client its .key and the services' .pub (docs/OPERATIONS.md).
                    """
            )

            @Option(help: "The key directory.") var dir: String
            @Option(help: "The client key's name.") var client: String = "client"
            @Option(help: "The client's role: query (search and reports), ingest (also send texts) or admin (also delete).")
            var role: String = "admin"

            func run() async throws {
                guard let clientRole = ClientRole(rawValue: role) else {
                    throw ValidationError("--role must be query, ingest or admin, not '\(role)'")
                }
                do {
                    for entry in try KeyDirectory.generate(directory: dir, client: client, role: clientRole) {
                        let what = entry.role.map { "client (\($0.rawValue))" } ?? "service"
                        print(
                            "\(entry.created ? "created" : "kept   ")  \(entry.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(what.padding(toLength: 16, withPad: " ", startingAt: 0)) \(entry.publicKey)"
                        )
                    }
                } catch { throw fail(error) }
            }
        }
    }
}
