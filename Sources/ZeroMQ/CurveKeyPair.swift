import CZeroMQ
import Foundation

/// A CurveZMQ key pair, both keys in Z85 (40 printable characters each for 32 bytes).
public struct CurveKeyPair: Sendable, Equatable {
    public let publicKey: String
    public let secretKey: String

    /// A new random key pair from libzmq (libsodium underneath).
    public static func generate() throws -> CurveKeyPair {
        var publicBuffer = [CChar](repeating: 0, count: 41)
        var secretBuffer = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&publicBuffer, &secretBuffer) == 0 else { throw ZeroMQError.last("curve_keypair") }
        return CurveKeyPair(publicKey: Self.string(publicBuffer), secretKey: Self.string(secretBuffer))
    }

    /// The pair whose secret key is `secretKey`: its public key is derived, so a key file need hold only the secret.
    public init(secretKey: String) throws {
        try Self.validate(secretKey, name: "secret key")
        var publicBuffer = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&publicBuffer, secretKey) == 0 else { throw ZeroMQError.last("curve_public") }
        self.publicKey = Self.string(publicBuffer)
        self.secretKey = secretKey
    }

    private init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// The 32 raw bytes of a Z85 key, as the ZAP protocol carries a client's public key.
    public static func decode(_ key: String) throws -> Data {
        try validate(key, name: "key")
        var bytes = [UInt8](repeating: 0, count: 32)
        guard zmq_z85_decode(&bytes, key) != nil else { throw CurveKeyError.malformed(name: "key", reason: "not Z85") }
        return Data(bytes)
    }

    /// The Z85 form of 32 raw key bytes.
    public static func encode(_ bytes: Data) throws -> String {
        guard bytes.count == 32 else { throw CurveKeyError.malformed(name: "key", reason: "\(bytes.count) bytes, not 32") }
        var text = [CChar](repeating: 0, count: 41)
        let result = bytes.withUnsafeBytes { raw in
            zmq_z85_encode(&text, raw.bindMemory(to: UInt8.self).baseAddress, 32)
        }
        guard result != nil else { throw CurveKeyError.malformed(name: "key", reason: "cannot encode") }
        return string(text)
    }

    /// Throws unless `key` is 40 characters of the Z85 alphabet.
    public static func validate(_ key: String, name: String) throws {
        guard key.utf8.count == 40 else {
            throw CurveKeyError.malformed(name: name, reason: "\(key.utf8.count) characters, a Z85 key has 40")
        }
        let alphabet = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)
        if let bad = key.utf8.first(where: { !alphabet.contains($0) }) {
            throw CurveKeyError.malformed(name: name, reason: "character '\(Character(Unicode.Scalar(bad)))' is not in the Z85 alphabet")
        }
    }

    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A key that cannot be used, with what is wrong with it.
public enum CurveKeyError: Error, Equatable, CustomStringConvertible {
    case malformed(name: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let name, let reason): "malformed CURVE \(name): \(reason)"
        }
    }
}
