import CZeroMQ
import Foundation

/// How a socket authenticates and encrypts its connections.
public enum SocketSecurity: Sendable, Equatable {
    /// ZeroMQ's NULL mechanism: anyone who reaches the port may talk, in clear text.
    case plain
    /// A CurveZMQ server. Clients must know `keys.publicKey`; every connection is put to the context's
    /// `ZAPHandler` (domain `domain`), which must be running: without one libzmq would let any key in.
    case curveServer(keys: CurveKeyPair, domain: String)
    /// A CurveZMQ client of the server whose public key is `serverKey`.
    case curveClient(keys: CurveKeyPair, serverKey: String)
}

/// Why a socket could not be given its security.
public enum SocketSecurityError: Error, Equatable, CustomStringConvertible {
    /// A CURVE server socket on a context without a running ZAP handler.
    case noAuthenticator

    public var description: String {
        switch self {
        case .noAuthenticator:
            "a CURVE server socket needs the context's ZAP handler running first (without one every client key would be let in)"
        }
    }
}

extension Socket {
    func apply(_ security: SocketSecurity, context: Context) throws {
        switch security {
        case .plain:
            return
        case .curveServer(let keys, let domain):
            guard context.hasAuthenticator else { throw SocketSecurityError.noAuthenticator }
            try set(ZMQ_CURVE_SERVER, Int32(1))
            try set(ZMQ_CURVE_SECRETKEY, Self.keyBytes(keys.secretKey))
            try set(ZMQ_ZAP_DOMAIN, Data(domain.utf8))
        case .curveClient(let keys, let serverKey):
            try CurveKeyPair.validate(serverKey, name: "server key")
            try set(ZMQ_CURVE_SERVERKEY, Self.keyBytes(serverKey))
            try set(ZMQ_CURVE_PUBLICKEY, Self.keyBytes(keys.publicKey))
            try set(ZMQ_CURVE_SECRETKEY, Self.keyBytes(keys.secretKey))
        }
    }

    /// A Z85 key as libzmq's option takes it: 40 characters and a terminating NUL.
    private static func keyBytes(_ key: String) -> Data {
        var bytes = Data(key.utf8)
        bytes.append(0)
        return bytes
    }
}
