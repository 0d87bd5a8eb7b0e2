import Foundation
import ZeroMQ

/// What a client key may do.
public enum ClientRole: String, Sendable, CaseIterable, Comparable {
    /// Search, read reports and status.
    case query
    /// Also send texts in.
    case ingest
    /// Also delete documents.
    case admin

    public static func < (left: ClientRole, right: ClientRole) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }
}

/// The four services, each with a key pair of its own.
public enum ServiceName: String, Sendable, CaseIterable {
    case ingest, segment, index, report
}

/// The CurveZMQ keys of a deployment, read from one directory:
/// - `<service>.key`: a service's secret key (Z85, one line); `<service>.pub`: its public key, for
///   hosts that hold only the public keys of the others;
/// - `clients.txt`: the allow-list of client keys, one per line: `<role> <public key> <name>`
///   (a line starting with `#` is a comment; `#` is also a Z85 character, so not after a key);
/// - `<name>.key`: a client's secret key (the CLI's is `client.key` unless told otherwise).
/// `samizdat keys generate` writes them.
public struct KeyRing: Sendable, Equatable {
    public struct Client: Sendable, Equatable {
        public var role: ClientRole
        public var publicKey: String
        public var name: String

        public init(role: ClientRole, publicKey: String, name: String) {
            self.role = role
            self.publicKey = publicKey
            self.name = name
        }
    }

    /// Services whose secret key is here.
    public var serviceKeys: [ServiceName: CurveKeyPair]
    /// Every service's public key.
    public var servicePublicKeys: [ServiceName: String]
    public var clients: [Client]

    public init(serviceKeys: [ServiceName: CurveKeyPair], servicePublicKeys: [ServiceName: String], clients: [Client]) {
        self.serviceKeys = serviceKeys
        self.servicePublicKeys = servicePublicKeys
        self.clients = clients
    }

    /// Reads a key directory; every file that is there must be well formed.
    public static func load(directory: String) throws -> KeyRing {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw KeyRingError.missingDirectory(directory)
        }
        var serviceKeys: [ServiceName: CurveKeyPair] = [:]
        var publicKeys: [ServiceName: String] = [:]
        for service in ServiceName.allCases {
            let secretPath = "\(directory)/\(service.rawValue).key"
            let publicPath = "\(directory)/\(service.rawValue).pub"
            if let secret = try readKeyFile(secretPath) {
                let pair = try wrap(path: secretPath) { try CurveKeyPair(secretKey: secret) }
                serviceKeys[service] = pair
                publicKeys[service] = pair.publicKey
            }
            if let published = try readKeyFile(publicPath) {
                try wrap(path: publicPath) { try CurveKeyPair.validate(published, name: "public key") }
                if let derived = publicKeys[service], derived != published {
                    throw KeyRingError.mismatch(path: publicPath)
                }
                publicKeys[service] = published
            }
            guard publicKeys[service] != nil else { throw KeyRingError.missingService(service: service, directory: directory) }
        }
        let clients = try readClients("\(directory)/clients.txt")
        return KeyRing(serviceKeys: serviceKeys, servicePublicKeys: publicKeys, clients: clients)
    }

    /// The secret key of the service running here.
    public func keys(of service: ServiceName) throws -> CurveKeyPair {
        guard let pair = serviceKeys[service] else { throw KeyRingError.noSecretKey(service: service) }
        return pair
    }

    private static func readKeyFile(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw KeyRingError.unreadable(path: path) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func readClients(_ path: String) throws -> [Client] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw KeyRingError.unreadable(path: path) }
        var clients: [Client] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // `#` is in the Z85 alphabet, so only whole lines are comments
            let fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            let lineNumber = index + 1
            guard fields.count == 3 else {
                throw KeyRingError.malformedClientLine(path: path, line: lineNumber, reason: "expected '<role> <public key> <name>'")
            }
            guard let role = ClientRole(rawValue: String(fields[0])) else {
                throw KeyRingError.malformedClientLine(
                    path: path,
                    line: lineNumber,
                    reason: "unknown role '\(fields[0])' (query, ingest or admin)"
                )
            }
            let key = String(fields[1])
            do { try CurveKeyPair.validate(key, name: "public key") } catch {
                throw KeyRingError.malformedClientLine(path: path, line: lineNumber, reason: "\(error)")
            }
            clients.append(Client(role: role, publicKey: key, name: String(fields[2])))
        }
        return clients
    }

    private static func wrap<T>(path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw KeyRingError.malformedKey(path: path, reason: "\(error)") }
    }
}

/// A key directory that cannot be used, naming the file and what is wrong.
public enum KeyRingError: Error, Equatable, CustomStringConvertible {
    case missingDirectory(String)
    case missingService(service: ServiceName, directory: String)
    case noSecretKey(service: ServiceName)
    case unreadable(path: String)
    case malformedKey(path: String, reason: String)
    case mismatch(path: String)
    case malformedClientLine(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .missingDirectory(let directory):
            "key directory \(directory) does not exist (make one with `samizdat keys generate --dir \(directory)`)"
        case .missingService(let service, let directory):
            "key directory \(directory) has neither \(service.rawValue).key nor \(service.rawValue).pub"
        case .noSecretKey(let service):
            "no secret key for \(service.rawValue): \(service.rawValue).key is missing"
        case .unreadable(let path):
            "cannot read \(path) as UTF-8 text"
        case .malformedKey(let path, let reason):
            "\(path): \(reason)"
        case .mismatch(let path):
            "\(path) is not the public key of the secret key beside it"
        case .malformedClientLine(let path, let line, let reason):
            "\(path) line \(line): \(reason)"
        }
    }
}
