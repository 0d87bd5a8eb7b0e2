import Foundation

/// Reads what `BinaryWriter` wrote, from untrusted bytes: every read is bounds-checked, every
/// malformed value is a `ProtocolError` naming the field and the byte offset; it never traps.
public struct BinaryReader {
    private let bytes: [UInt8]
    public private(set) var offset = 0
    /// What the errors call the thing being read, e.g. "segmented body".
    let what: String

    public init(_ data: Data, what: String) {
        bytes = [UInt8](data)
        self.what = what
    }

    public var remaining: Int { bytes.count - offset }

    public func failure(_ field: String, _ problem: String) -> ProtocolError {
        ProtocolError(.badHeader, "\(what): \(field) \(problem) at byte \(offset)")
    }

    public mutating func byte(_ field: String) throws(ProtocolError) -> UInt8 {
        guard offset < bytes.count else { throw failure(field, "is cut off") }
        let value = bytes[offset]
        offset += 1
        return value
    }

    public mutating func raw(_ length: Int, _ field: String) throws(ProtocolError) -> ArraySlice<UInt8> {
        guard length >= 0, length <= remaining else { throw failure(field, "is cut off") }
        let slice = bytes[offset..<(offset + length)]
        offset += length
        return slice
    }

    public mutating func unsigned(_ field: String) throws(ProtocolError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte(field)
            if shift == 63 && next > 1 { throw failure(field, "is a varint over 64 bits") }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { throw failure(field, "is a varint over 64 bits") }
        }
    }

    public mutating func signed(_ field: String) throws(ProtocolError) -> Int {
        let raw = try unsigned(field)
        let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        return Int(value)
    }

    /// A count of things still to read, each at least `minimumBytes` long: larger than what is
    /// left is an error (no allocation on a forged count).
    public mutating func count(_ field: String, minimumBytes: Int = 1) throws(ProtocolError) -> Int {
        let raw = try unsigned(field)
        guard raw <= UInt64(remaining / max(1, minimumBytes)) else {
            throw failure(field, "counts \(raw), more than the bytes left hold")
        }
        return Int(raw)
    }

    public mutating func optionalSigned(_ field: String) throws(ProtocolError) -> Int? {
        switch try byte(field) {
        case 0: return nil
        case 1: return try signed(field)
        case let other: throw failure(field, "has presence byte \(other), not 0 or 1")
        }
    }

    public mutating func bool(_ field: String) throws(ProtocolError) -> Bool {
        switch try byte(field) {
        case 0: return false
        case 1: return true
        case let other: throw failure(field, "is \(other), not 0 or 1")
        }
    }

    public mutating func string(_ field: String) throws(ProtocolError) -> String {
        let length = try count(field)
        let start = offset
        let utf8 = try raw(length, field)
        guard let text = utf8.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else {
            offset = start
            throw failure(field, "is not valid UTF-8")
        }
        return text
    }

    public mutating func optionalString(_ field: String) throws(ProtocolError) -> String? {
        switch try byte(field) {
        case 0: return nil
        case 1: return try string(field)
        case let other: throw failure(field, "has presence byte \(other), not 0 or 1")
        }
    }

    /// A string naming a case of `T`.
    public mutating func choice<T: RawRepresentable>(_ field: String, as type: T.Type) throws(ProtocolError) -> T where T.RawValue == String {
        let name = try string(field)
        guard let value = T(rawValue: name) else { throw failure(field, "is '\(name)', not a known value") }
        return value
    }
}
