import Foundation
import ZeroMQ

/// Writes a key directory as `KeyRing.load` reads it. Keys already there are kept, never replaced.
public enum KeyDirectory {
    /// One file written or kept.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var publicKey: String
        public var role: ClientRole?
        public var created: Bool
    }

    /// Makes the directory (mode 0700) and every service key missing from it; adds a client key
    /// `<client>.key` with `role` to `clients.txt` unless a key of that name is there already.
    public static func generate(directory: String, client: String = "client", role: ClientRole = .admin) throws -> [Entry] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var entries: [Entry] = []
        for service in ServiceName.allCases {
            entries.append(try ensureKey(directory: directory, name: service.rawValue, role: nil))
        }
        guard !ServiceName.allCases.map(\.rawValue).contains(client) else { throw KeyDirectoryError.reservedName(client) }
        guard client.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }), !client.isEmpty else {
            throw KeyDirectoryError.badClientName(client)
        }
        let entry = try ensureKey(directory: directory, name: client, role: role)
        if entry.created {
            let line = "\(role.rawValue) \(entry.publicKey) \(client)\n"
            let path = "\(directory)/clients.txt"
            if FileManager.default.fileExists(atPath: path) {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(line.utf8))
                try handle.close()
            } else {
                try write("# role public-key name: the client keys that may connect (samizdat keys generate)\n" + line, to: path, mode: 0o644)
            }
        }
        entries.append(entry)
        return entries
    }

    private static func ensureKey(directory: String, name: String, role: ClientRole?) throws -> Entry {
        let secretPath = "\(directory)/\(name).key"
        if FileManager.default.fileExists(atPath: secretPath) {
            let secret = try String(contentsOfFile: secretPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let pair = try CurveKeyPair(secretKey: secret)
            return Entry(name: name, publicKey: pair.publicKey, role: role, created: false)
        }
        let pair = try CurveKeyPair.generate()
        try write(pair.secretKey + "\n", to: secretPath, mode: 0o600)
        try write(pair.publicKey + "\n", to: "\(directory)/\(name).pub", mode: 0o644)
        return Entry(name: name, publicKey: pair.publicKey, role: role, created: true)
    }

    private static func write(_ text: String, to path: String, mode: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw KeyDirectoryError.cannotWrite(path)
        }
    }
}

public enum KeyDirectoryError: Error, Equatable, CustomStringConvertible {
    case reservedName(String)
    case badClientName(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .reservedName(let name): "'\(name)' is a service's name; choose another client name"
        case .badClientName(let name): "client name '\(name)' must be letters, digits, '-', '_' or '.'"
        case .cannotWrite(let path): "cannot write \(path)"
        }
    }
}
