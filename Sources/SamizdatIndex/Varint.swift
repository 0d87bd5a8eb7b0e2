/// LEB128 unsigned varints: the count lists kept as blobs and the posting streams.
enum Varint {
    @inline(__always)
    static func append(_ value: Int, to out: inout [UInt8]) {
        if value >= 0 && value < 0x80 {
            out.append(UInt8(truncatingIfNeeded: value))
            return
        }
        var v = UInt64(bitPattern: Int64(value))
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func decode(_ bytes: [UInt8]) -> [Int] {
        var out: [Int] = []
        var v: UInt64 = 0
        var shift: UInt64 = 0
        for b in bytes {
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 {
                out.append(Int(v))
                v = 0
                shift = 0
            } else {
                shift += 7
            }
        }
        return out
    }

    static func encode(_ values: [Int]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 2)
        for v in values { append(v, to: &out) }
        return out
    }
}
