import Foundation

/// Appends the primitives of Samizdat's binary wire forms to a byte buffer: LEB128 varints
/// (signed values zigzag-encoded first), length-prefixed UTF-8 strings, presence bytes for
/// optionals. `BinaryReader` reads them back.
public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    public mutating func raw(_ values: [UInt8]) {
        bytes.append(contentsOf: values)
    }

    /// An unsigned LEB128 varint.
    public mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A count or other value that cannot be negative, as an unsigned varint.
    public mutating func count(_ value: Int) {
        unsigned(UInt64(max(0, value)))
    }

    /// Any Int, zigzag-encoded then as an unsigned varint.
    public mutating func signed(_ value: Int) {
        let wide = Int64(value)
        unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    public mutating func optionalSigned(_ value: Int?) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        signed(value)
    }

    public mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func optionalString(_ value: String?) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        string(value)
    }
}
