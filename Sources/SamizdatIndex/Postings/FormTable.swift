import Foundation
import SamizdatText

/// An analysis worker's forms and stems, numbered in the order it meets them: the look-up of
/// every word it indexes (`lookup`), which gives the form's id and its stem's id at once.
struct LocalVocabulary {
    private var table = FormTable()
    /// Forms, their stems' ids, and stems, by local id.
    private(set) var numbering = Vocabulary()

    /// The ids of the folded form in `bytes` and of its stem, adding them when new.
    @inline(__always)
    mutating func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> (form: Int32, stem: Int32) {
        let key = FormTable.Key(bytes)
        if let found = table.find(key, bytes) { return found }
        return add(key, bytes)
    }

    private mutating func add(_ key: FormTable.Key, _ bytes: UnsafeBufferPointer<UInt8>) -> (form: Int32, stem: Int32) {
        let form = String(decoding: bytes, as: UTF8.self)
        let f = numbering.add(form, stem: EnglishStemmer.stem(form))
        let s = numbering.stemOfForm[Int(f)]
        table.insert(key, bytes, form: f, stem: s)
        return (f, s)
    }
}

/// From a form's bytes to its (form, stem) ids: open addressing over 8-byte entries (a hash and
/// a form id), and one 32-byte slot per form, by id, holding its first 16 bytes (longer forms
/// keep the rest in a pool). The entries of every form fit in a core's cache, and the slots of
/// the frequent forms (met first, so numbered first) lie together: a look-up seldom waits on
/// memory, where one table of slots spread by hash missed the cache for most words.
struct FormTable {
    struct Key {
        var hash: UInt32
        var length: UInt32
        /// The first 16 bytes, zero-padded.
        var w0: UInt64
        var w1: UInt64

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            let n = bytes.count
            let p = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            length = UInt32(truncatingIfNeeded: n)
            if n >= 16 {
                w0 = p.loadUnaligned(as: UInt64.self)
                w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            } else if n >= 8 {
                w0 = p.loadUnaligned(as: UInt64.self)
                w1 = Self.partial(p + 8, n - 8)
            } else {
                w0 = Self.partial(p, n)
                w1 = 0
            }
            var h = (w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)
            if n > 16 {
                for i in 16..<n { h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3 }
            }
            h ^= h >> 29
            h = h &* 0xBF58_476D_1CE4_E5B9
            hash = UInt32(truncatingIfNeeded: h ^ (h >> 32))
        }

        /// Up to 7 bytes, little-endian, zero-padded.
        @inline(__always)
        static func partial(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
            var v: UInt64 = 0
            var i = n - 1
            while i >= 0 {
                v = v &<< 8 | UInt64(p.load(fromByteOffset: i, as: UInt8.self))
                i &-= 1
            }
            return v
        }
    }

    private struct Slot {
        var length: UInt32 = 0
        var stem: Int32 = -1
        var w0: UInt64 = 0
        /// The second 8 bytes, or for forms over 16 bytes their offset in `pool`.
        var w1: UInt64 = 0
    }

    /// Hash (high 32 bits) and form id + 1 (low 32 bits); 0: empty.
    private var index: [UInt64] = Array(repeating: 0, count: 1024)
    /// By form id.
    private var slots: [Slot] = []
    private var pool: [UInt8] = []

    @inline(__always)
    func find(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> (form: Int32, stem: Int32)? {
        index.withUnsafeBufferPointer { index in
            slots.withUnsafeBufferPointer { slots in
                let mask = index.count - 1
                var i = Int(key.hash) & mask
                while true {
                    let e = index[i]
                    if e == 0 { return nil }
                    if UInt32(truncatingIfNeeded: e >> 32) == key.hash {
                        let f = Int(truncatingIfNeeded: e & 0xFFFF_FFFF) - 1
                        let s = slots[f]
                        if s.length == key.length, s.w0 == key.w0 {
                            if key.length <= 16 {
                                if s.w1 == key.w1 { return (Int32(f), s.stem) }
                            } else if pool.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(s.w1), bytes.baseAddress!, bytes.count) == 0 }) {
                                return (Int32(f), s.stem)
                            }
                        }
                    }
                    i = (i &+ 1) & mask
                }
            }
        }
    }

    /// Adds a form not in the table; its id is the next (forms are numbered from 0 in order).
    mutating func insert(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>, form: Int32, stem: Int32) {
        precondition(Int(form) == slots.count, "forms added out of order")
        if (slots.count + 1) * 2 > index.count { grow() }
        var slot = Slot(length: key.length, stem: stem, w0: key.w0, w1: key.w1)
        if key.length > 16 {
            slot.w1 = UInt64(pool.count)
            pool.append(contentsOf: bytes)
        }
        slots.append(slot)
        place(UInt64(key.hash) << 32 | UInt64(slots.count))
    }

    private mutating func place(_ entry: UInt64) {
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: entry >> 32) & mask
        while index[i] != 0 { i = (i + 1) & mask }
        index[i] = entry
    }

    private mutating func grow() {
        let old = index
        index = Array(repeating: 0, count: old.count * 2)
        for e in old where e != 0 { place(e) }
    }
}
