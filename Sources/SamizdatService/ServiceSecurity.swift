import Foundation
import ZeroMQ

/// How one service secures its sockets: CurveZMQ with the deployment's key ring (the default), or
/// plain sockets when the operator started it with `--insecure`.
public struct ServiceSecurity: Sendable {
    public enum Mode: Sendable {
        case curve(KeyRing)
        case insecure
    }

    public let service: ServiceName
    public let mode: Mode
    /// Where the keys came from; `clients.txt` there is read again when it changes.
    public let keysDirectory: String

    public init(service: ServiceName, mode: Mode, keysDirectory: String = "") {
        self.service = service
        self.mode = mode
        self.keysDirectory = keysDirectory
    }

    /// Reads the key directory the configuration names (`keys.dir`), or takes plain mode when
    /// `insecure` is set. Neither is an error that says what to do.
    public static func load(service: ServiceName, config: SamizdatConfig) throws -> ServiceSecurity {
        if config.insecure {
            return ServiceSecurity(service: service, mode: .insecure)
        }
        guard !config.keysDir.isEmpty else { throw ServiceSecurityError.noKeys(service: service) }
        var ring = try KeyRing.load(directory: config.keysDir)
        if !config.keysSecretKey.isEmpty {
            let pair: CurveKeyPair
            do {
                pair = try CurveKeyPair(secretKey: config.keysSecretKey)
            } catch {
                throw SamizdatConfigError(key: "keys.secretKey", reason: "\(error)")
            }
            if let published = ring.servicePublicKeys[service], published != pair.publicKey {
                throw SamizdatConfigError(
                    key: "keys.secretKey",
                    reason: "is not the secret key of \(config.keysDir)/\(service.rawValue).pub"
                )
            }
            ring.serviceKeys[service] = pair
            ring.servicePublicKeys[service] = pair.publicKey
        }
        _ = try ring.keys(of: service)
        return ServiceSecurity(service: service, mode: .curve(ring), keysDirectory: config.keysDir)
    }

    public var isInsecure: Bool {
        if case .insecure = mode { return true }
        return false
    }

    /// The security of a socket this service binds for `domain`.
    public func server(_ domain: SocketDomain) throws -> SocketSecurity {
        switch mode {
        case .insecure:
            return .plain
        case .curve(let ring):
            return .curveServer(keys: try ring.keys(of: service), domain: domain.rawValue)
        }
    }

    /// The security of a socket this service connects to a socket that `server` binds.
    public func client(of server: ServiceName) throws -> SocketSecurity {
        switch mode {
        case .insecure:
            return .plain
        case .curve(let ring):
            guard let serverKey = ring.servicePublicKeys[server] else {
                throw KeyRingError.missingService(service: server, directory: "the key ring")
            }
            return .curveClient(keys: try ring.keys(of: service), serverKey: serverKey)
        }
    }

    /// Socket options with this service's security for a socket bound for `domain`, without ZMTP
    /// heartbeats of its own. libzmq 4.3.4 aborts (`Assertion failed: !_io_error
    /// (src/stream_engine_base.cpp:331)`, libzmq issues #3937 and #4841, open) when a peer floods a
    /// socket past its receive high-water mark while heartbeats run on it: reproduced here by
    /// `CurveFuzzTests` against ingest's work port, 1 run in 4; with the bound side's heartbeats off,
    /// 0 in 12. The connecting side keeps its heartbeats, so a client or worker still notices a dead
    /// server, and ingest watches its workers with heartbeats of its own protocol.
    public func serverOptions(_ domain: SocketDomain, base: Socket.Options = Socket.Options()) throws -> Socket.Options {
        var options = base
        options.security = try server(domain)
        options.heartbeatIntervalMs = 0
        return options
    }

    /// Socket options with this service's security for a socket connected to `server`.
    public func clientOptions(of server: ServiceName, base: Socket.Options = Socket.Options()) throws -> Socket.Options {
        var options = base
        options.security = try client(of: server)
        return options
    }
}

/// Why a service cannot secure its sockets.
public enum ServiceSecurityError: Error, Equatable, CustomStringConvertible {
    case noKeys(service: ServiceName)

    public var description: String {
        switch self {
        case .noKeys(let service):
            "samizdat-\(service.rawValue) has no keys: set keys.dir (SAMIZDAT_KEYS_DIR, --keys.dir) to a directory made by "
                + "`samizdat keys generate`, or run without authentication with --insecure"
        }
    }
}
