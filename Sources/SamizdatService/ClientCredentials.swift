import Foundation
import ZeroMQ

/// What a client (the CLI, a bench, a test) needs to reach the services over CurveZMQ: its own key
/// pair and the public keys of the services it talks to, read from a key directory.
public struct ClientCredentials: Sendable, Equatable {
    public var keys: CurveKeyPair
    public var servicePublicKeys: [ServiceName: String]

    public init(keys: CurveKeyPair, servicePublicKeys: [ServiceName: String]) {
        self.keys = keys
        self.servicePublicKeys = servicePublicKeys
    }

    /// Reads `<name>.key` and every `<service>.pub` (or `.key`) from `directory`.
    public static func load(directory: String, name: String) throws -> ClientCredentials {
        let ring = try KeyRing.load(directory: directory)
        let path = "\(directory)/\(name).key"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ClientCredentialsError.missingKey(path: path)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw KeyRingError.unreadable(path: path) }
        let keys: CurveKeyPair
        do {
            keys = try CurveKeyPair(secretKey: text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw KeyRingError.malformedKey(path: path, reason: "\(error)")
        }
        return ClientCredentials(keys: keys, servicePublicKeys: ring.servicePublicKeys)
    }

    /// The security of a socket connected to `server`.
    public func security(for server: ServiceName) throws -> SocketSecurity {
        guard let serverKey = servicePublicKeys[server] else {
            throw KeyRingError.missingService(service: server, directory: "the key directory")
        }
        return .curveClient(keys: keys, serverKey: serverKey)
    }
}

public enum ClientCredentialsError: Error, Equatable, CustomStringConvertible {
    case missingKey(path: String)

    public var description: String {
        switch self {
        case .missingKey(let path):
            "no client key at \(path) (make one with `samizdat keys generate --dir DIR --client NAME --role ROLE`)"
        }
    }
}
