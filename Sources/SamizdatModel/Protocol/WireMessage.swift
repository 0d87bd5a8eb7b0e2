import Foundation

/// One protocol message: `[kind, header JSON, body frames…]` (docs/PROTOCOL.md).
/// On a ROUTER the frames are preceded by the peer's route (`Envelope`).
public struct WireMessage: Sendable, Equatable {
    public static let version = 1
    /// Largest header frame accepted.
    public static let maxHeaderBytes = 64 * 1024

    public var kind: MessageKind
    /// The header, a JSON object that carries at least `"v": 1`.
    public var header: Data
    public var body: [Data]

    public init(kind: MessageKind, header: Data, body: [Data] = []) {
        self.kind = kind
        self.header = header
        self.body = body
    }

    /// Encodes a typed header (adding the protocol version).
    public init<H: Encodable>(_ kind: MessageKind, _ header: H, body: [Data] = []) throws {
        self.kind = kind
        self.header = try WireCoding.versioned(header)
        self.body = body
    }

    public var frames: [Data] { [Data(kind.rawValue.utf8), header] + body }

    /// Parses frames (route already removed). Never traps: anything malformed is a `ProtocolError`.
    public static func decode(_ frames: [Data]) throws(ProtocolError) -> WireMessage {
        guard let first = frames.first else { throw ProtocolError(.truncatedMessage, "no frames") }
        guard first.count <= 32, let name = String(data: first, encoding: .utf8), let kind = MessageKind(rawValue: name) else {
            let shown = String(decoding: first.prefix(32), as: UTF8.self)
            throw ProtocolError(.unknownKind, "unknown message kind '\(shown)'")
        }
        guard frames.count >= 2 else { throw ProtocolError(.truncatedMessage, "'\(name)' has no header frame") }
        let header = frames[1]
        guard header.count <= maxHeaderBytes else { throw ProtocolError(.badHeader, "header over \(maxHeaderBytes) bytes") }
        guard (try? JSONSerialization.jsonObject(with: header)) is [String: Any] else {
            throw ProtocolError(.badHeader, "header of '\(name)' is not a JSON object")
        }
        struct Probe: Decodable { var v: Int? }
        guard let v = (try? WireCoding.decoder.decode(Probe.self, from: header))?.v else {
            throw ProtocolError(.wrongVersion, "header has no protocol version \"v\" (an integer)")
        }
        guard v == version else { throw ProtocolError(.wrongVersion, "protocol version \(v) is not spoken here (this peer speaks \(version))") }
        return WireMessage(kind: kind, header: header, body: Array(frames.dropFirst(2)))
    }

    /// Decodes the header as `H`; a field of the wrong type is a `bad_header` naming it.
    public func header<H: Decodable>(as type: H.Type) throws(ProtocolError) -> H {
        do { return try WireCoding.decoder.decode(H.self, from: header) } catch let error as DecodingError {
            throw ProtocolError(.badHeader, "header of '\(kind.rawValue)': \(WireCoding.describe(error))")
        } catch {
            throw ProtocolError(.badHeader, "header of '\(kind.rawValue)': \(error)")
        }
    }

    /// Decodes body frame `index` as JSON of type `B`.
    public func body<B: Decodable>(_ index: Int = 0, as type: B.Type) throws(ProtocolError) -> B {
        guard index < body.count else { throw ProtocolError(.truncatedMessage, "'\(kind.rawValue)' needs body frame \(index)") }
        do { return try WireCoding.decoder.decode(B.self, from: body[index]) } catch let error as DecodingError {
            throw ProtocolError(.badHeader, "body of '\(kind.rawValue)': \(WireCoding.describe(error))")
        } catch {
            throw ProtocolError(.badHeader, "body of '\(kind.rawValue)': \(error)")
        }
    }

    /// The request id in the header, if any, so a reply can echo it even when the rest is malformed.
    public var requestID: String? { Self.requestID(inHeader: header) }

    /// The `req` of a header frame that may be otherwise malformed (so an error reply can still be matched).
    public static func requestID(inHeader header: Data) -> String? {
        struct Probe: Decodable { var req: String? }
        return (try? WireCoding.decoder.decode(Probe.self, from: header))?.req
    }

    /// The request id of raw frames (route removed), if the header frame carries one.
    public static func requestID(inFrames frames: [Data]) -> String? {
        frames.count >= 2 ? requestID(inHeader: frames[1]) : nil
    }
}

public enum WireCoding {
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
    public static var decoder: JSONDecoder { JSONDecoder() }

    /// The header's JSON object with `"v": 1` put first.
    static func versioned(_ header: some Encodable) throws -> Data {
        let inner = try encoder.encode(header)
        guard inner.first == UInt8(ascii: "{") else {
            throw EncodingError.invalidValue(header, .init(codingPath: [], debugDescription: "a header must encode as a JSON object"))
        }
        var out = Data("{\"v\":\(WireMessage.version)".utf8)
        if inner.count > 2 { out.append(UInt8(ascii: ",")) }
        out.append(inner.dropFirst())
        return out
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let t, let c): return "field '\(path(c))' should be \(t)"
        case .valueNotFound(let t, let c): return "field '\(path(c))' is null, should be \(t)"
        case .keyNotFound(let k, let c): return "missing field '\((c.codingPath + [k]).map(\.stringValue).joined(separator: "."))'"
        case .dataCorrupted(let c): return "malformed at '\(path(c))': \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// The route a ROUTER socket puts before a message: the peer's routing id, and the empty
/// delimiter frame when the peer is a REQ socket.
public struct Envelope: Sendable, Equatable {
    public var route: [Data]
    public init(route: [Data]) { self.route = route }

    /// Splits what a ROUTER received into the route and the message frames.
    public static func split(_ frames: [Data]) -> (Envelope, [Data]) {
        guard let id = frames.first else { return (Envelope(route: []), []) }
        if frames.count > 1, frames[1].isEmpty {
            return (Envelope(route: [id, Data()]), Array(frames.dropFirst(2)))
        }
        return (Envelope(route: [id]), Array(frames.dropFirst()))
    }

    public var peer: String { route.first.map { $0.map { String(format: "%02x", $0) }.joined() } ?? "" }
}
