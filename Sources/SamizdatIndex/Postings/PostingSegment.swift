import Foundation

/// One immutable run of positional postings: for every term key, the paragraphs holding it (in
/// ascending paragraph id), with the term's frequency and word positions in each.
///
/// Keys are analyzed tokens: a folded form ("stalinists") or `~` and a stem ("~stalinist").
/// Segments hold disjoint, ascending ranges of paragraph ids (document keys only grow), so the
/// postings of a key over the whole index are the concatenation of its postings per segment.
///
/// Encoding (LEB128 varints unless said otherwise):
///
///     "SZP5" firstParagraph lastParagraph documentCount documentCount × (key − previous key)
///     body: per key, in key order, its skip table, docs stream and positions stream
///     dictionary: termCount termCount × (keyLength keyBytes paragraphs frequency skipLength docsLength positionsLength
///                                        | keyLength keyBytes 0 targetLength targetBytes)
///     the dictionary's byte offset, 8 bytes little-endian
///
/// Keys are sorted by their UTF-8 bytes. The dictionary comes last so that a writer streams the
/// body straight into the segment's one buffer.
///
/// An entry with 0 paragraphs is an alias: the key's postings are exactly those of the target
/// key (in this segment), whose streams it shares. A stem with one form in a segment is written
/// so (`~work` for `work`, when no `works` or `worked` is there): most stems of a segment are,
/// which spares a third of the postings. "SZP4" segments (no aliases) are read as they are.
///
/// A key's docs stream holds, per paragraph: id − previous id (the first relative to 0), the term
/// frequency, and the byte length of the paragraph's entry in the positions stream; that entry is
/// the positions, each as the gap from the previous one (the first from 0).
///
/// A key with more than `blockSize` paragraphs has a skip table of fixed-width entries, one per
/// block of at most `blockSize` postings (`SkipEntry`, little-endian; a writer fills blocks, but a
/// merge copies a part's blocks whole, so the block before a part boundary may be short): the id of the posting before the
/// block (u64), the block's byte offsets in the key's docs and positions streams (u32 each), and
/// `frontierSize` (term frequency, paragraph length) pairs (u32 each; unused ones are 0, 0). The
/// pairs dominate every posting of the block: each posting has a pair with a frequency at least
/// its own and a length at most its own (the block's Pareto frontier, coarsened when it has more
/// points). BM25's term weight grows with the frequency and falls with the length whatever the
/// corpus average, so the pairs' best weight, computed at query time with the current average,
/// bounds the block's scores exactly: a block whose best pair only ties the k-th best score is
/// skipped as surely as one below it. A cursor seeking an id jumps to the last block starting
/// below it.
///
/// The bytes live in one buffer the segment owns (written in place by `SegmentWriter`, copied
/// once from its database row, or its file mapped into memory: `SegmentFiles`), so decoding loops
/// hold a plain pointer to them. The segment never changes after `init` but for `file`, set by
/// the writer's thread before the segment is published; that is what makes the unchecked
/// Sendable sound.
public final class PostingSegment: @unchecked Sendable {
    /// A key's place in the segment: its bytes (in the dictionary) and its three streams. Compact
    /// (32 bytes), one per key, in key order: no `String` or hash table is made for a key.
    struct Entry: Sendable {
        var keyStart: UInt32
        var keyLength: UInt32
        var paragraphCount: UInt32
        var frequencyCount: UInt32
        var start: UInt32
        var skipLength: UInt32
        var docsLength: UInt32
        var positionsLength: UInt32
        /// For an alias, its target's index + 1 (the streams and counts are the target's); else 0.
        var target: UInt32 = 0

        /// The entry whose streams an alias shares.
        var aliasTarget: Int? { target == 0 ? nil : Int(target) - 1 }
        var paragraphs: Int { Int(paragraphCount) }
        var frequency: Int { Int(frequencyCount) }
        var skips: Range<Int> { Int(start)..<(Int(start) + Int(skipLength)) }
        var docs: Range<Int> { skips.upperBound..<(skips.upperBound + Int(docsLength)) }
        var positions: Range<Int> { docs.upperBound..<(docs.upperBound + Int(positionsLength)) }
        var key: Range<Int> { Int(keyStart)..<(Int(keyStart) + Int(keyLength)) }
    }

    /// The encoded segment; owned, freed (or unmapped) with the segment.
    let buffer: UnsafeBufferPointer<UInt8>
    /// One per key, in the keys' byte order.
    let entries: [Entry]
    /// Lowest and highest paragraph id held.
    let firstParagraph: Int64
    let lastParagraph: Int64
    /// Document keys with postings here.
    let documents: [Int64]
    /// Whether `buffer` is a file mapped into memory rather than heap memory.
    private let mapped: Bool
    /// The name of the segment's file in the store's `SegmentFiles` (nil: none, or not yet
    /// written); read and set only by the writer's thread.
    var file: String?

    var byteCount: Int { buffer.count }

    deinit {
        if mapped { SegmentFiles.unmap(buffer) } else { SegmentMemory.free(buffer) }
    }

    static let magic: [UInt8] = Array("SZP5".utf8)
    /// The format before aliases, still read.
    static let magicWithoutAliases: [UInt8] = Array("SZP4".utf8)
    /// Postings per skip block.
    static let blockSize = 128
    /// First byte of a stem key.
    static let stemMarker = UInt8(ascii: "~")

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses an encoded segment (as stored), copying its bytes into a buffer of its own.
    convenience init<C: Collection<UInt8>>(bytes: C) throws {
        let buffer = SegmentMemory.allocate(max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        try self.init(owning: UnsafeBufferPointer(rebasing: buffer[0..<bytes.count]))
    }

    /// Parses an encoded segment (as written by `SegmentWriter`), taking ownership of `buffer`
    /// (freed here if it does not parse).
    init(owning buffer: UnsafeBufferPointer<UInt8>) throws {
        do {
            (entries, firstParagraph, lastParagraph, documents) = try Self.parse(buffer)
        } catch {
            SegmentMemory.free(buffer)
            throw error
        }
        self.buffer = buffer
        mapped = false
    }

    /// Parses the segment file `file`, mapped into memory at `buffer` (unmapped here if it does
    /// not parse, else with the segment).
    init(mapped buffer: UnsafeBufferPointer<UInt8>, file: String) throws {
        do {
            (entries, firstParagraph, lastParagraph, documents) = try Self.parse(buffer)
        } catch {
            SegmentFiles.unmap(buffer)
            throw FormatError(description: "segment file \(file): \(error)")
        }
        self.buffer = buffer
        self.file = file
        mapped = true
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> ([Entry], Int64, Int64, [Int64]) {
        guard bytes.count >= 5, Array(bytes[0..<4]) == Self.magic || Array(bytes[0..<4]) == Self.magicWithoutAliases else {
            throw FormatError(description: "not a posting segment")
        }
        guard bytes.count < Int(UInt32.max) else { throw FormatError(description: "a segment of \(bytes.count) bytes is over 4 GiB") }
        var r = VarintReader(bytes: bytes, offset: 4)
        let first = Int64(try r.next())
        let last = Int64(try r.next())
        let documentCount = try r.next()
        guard documentCount <= bytes.count else { throw FormatError(description: "bad document count") }
        var documents: [Int64] = []
        documents.reserveCapacity(documentCount)
        var key: Int64 = 0
        for _ in 0..<documentCount {
            key += Int64(try r.next())
            documents.append(key)
        }
        guard bytes.count >= r.offset + 8 else { throw FormatError(description: "no dictionary offset") }
        var dictionaryAt = 0
        for i in 0..<8 { dictionaryAt |= Int(bytes[bytes.count - 8 + i]) << (8 * i) }
        guard dictionaryAt >= r.offset, dictionaryAt <= bytes.count - 8 else { throw FormatError(description: "bad dictionary offset") }
        var at = r.offset
        r.offset = dictionaryAt
        let count = try r.next()
        guard count <= bytes.count else { throw FormatError(description: "bad term count") }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var previous: Range<Int>?
        var aliases: [(entry: Int, target: Range<Int>)] = []
        for _ in 0..<count {
            let length = try r.next()
            guard length >= 0, r.offset + length <= bytes.count - 8 else { throw FormatError(description: "key runs past the end") }
            let keyRange = r.offset..<(r.offset + length)
            if let previous, !Self.precedes(bytes, previous, keyRange) { throw FormatError(description: "keys out of order") }
            previous = keyRange
            r.offset += length
            let paragraphs = try r.next()
            if paragraphs == 0 {
                let targetLength = try r.next()
                guard targetLength >= 0, r.offset + targetLength <= bytes.count - 8 else {
                    throw FormatError(description: "alias target runs past the end")
                }
                aliases.append((entries.count, r.offset..<(r.offset + targetLength)))
                r.offset += targetLength
                // resolved below, once every entry is read
                entries.append(
                    Entry(
                        keyStart: UInt32(keyRange.lowerBound),
                        keyLength: UInt32(length),
                        paragraphCount: 0,
                        frequencyCount: 0,
                        start: 0,
                        skipLength: 0,
                        docsLength: 0,
                        positionsLength: 0
                    )
                )
                continue
            }
            let frequency = try r.next()
            let skipLength = try r.next()
            let docsLength = try r.next()
            let positionsLength = try r.next()
            guard paragraphs >= 0, frequency >= 0, skipLength >= 0, docsLength >= 0, positionsLength >= 0,
                at + skipLength + docsLength + positionsLength <= dictionaryAt
            else {
                throw FormatError(description: "streams run past the body")
            }
            let blocks = skipLength / SkipEntry.size
            guard skipLength % SkipEntry.size == 0, blocks <= paragraphs, frequency <= bytes.count else {
                throw FormatError(description: "skip table does not fit the paragraph count")
            }
            entries.append(
                Entry(
                    keyStart: UInt32(keyRange.lowerBound),
                    keyLength: UInt32(length),
                    paragraphCount: UInt32(paragraphs),
                    frequencyCount: UInt32(frequency),
                    start: UInt32(at),
                    skipLength: UInt32(skipLength),
                    docsLength: UInt32(docsLength),
                    positionsLength: UInt32(positionsLength)
                )
            )
            if blocks > 0 {
                // blocks start in order inside the docs and positions streams, the first at 0
                let table = UnsafeRawPointer(bytes.baseAddress! + at)
                var lastDocs = -1
                var lastPositions = -1
                for b in 0..<blocks {
                    let d = SkipEntry.docs(table, b)
                    let p = SkipEntry.positions(table, b)
                    guard d > lastDocs, p >= lastPositions, d < docsLength, p <= positionsLength, b > 0 || (d == 0 && p == 0) else {
                        throw FormatError(description: "skip table offsets out of order")
                    }
                    lastDocs = d
                    lastPositions = p
                }
            }
            at += skipLength + docsLength + positionsLength
        }
        guard r.offset == bytes.count - 8 else { throw FormatError(description: "dictionary does not end at its footer") }
        guard at == dictionaryAt else { throw FormatError(description: "stream lengths do not add up") }
        for (i, target) in aliases {
            guard let t = Self.find(bytes, entries, UnsafeBufferPointer(rebasing: bytes[target])), entries[t].paragraphCount > 0 else {
                throw FormatError(description: "an alias names no key with postings of its own")
            }
            var e = entries[t]
            e.keyStart = entries[i].keyStart
            e.keyLength = entries[i].keyLength
            e.target = UInt32(t + 1)
            entries[i] = e
        }
        return (entries, first, last, documents)
    }

    /// Does the key at `a` sort before the one at `b` (bytes, shorter first on a tie)?
    @inline(__always)
    static func precedes(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        compare(bytes.baseAddress! + a.lowerBound, a.count, bytes.baseAddress! + b.lowerBound, b.count) < 0
    }

    @inline(__always)
    static func compare(_ a: UnsafePointer<UInt8>, _ na: Int, _ b: UnsafePointer<UInt8>, _ nb: Int) -> Int {
        let c = memcmp(a, b, min(na, nb))
        return c != 0 ? Int(c) : na - nb
    }

    var keyCount: Int { entries.count }

    /// The `i`-th key.
    func key(_ i: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[entries[i].key]), as: UTF8.self)
    }

    /// The first entry whose key is not below `bytes` (binary search over the key order).
    private func lowerBound(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        Self.lowerBound(buffer, entries, bytes)
    }

    private static func lowerBound(_ buffer: UnsafeBufferPointer<UInt8>, _ entries: [Entry], _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var lo = 0
        var hi = entries.count
        let base = buffer.baseAddress!
        let p = bytes.baseAddress ?? base
        while lo < hi {
            let mid = (lo + hi) / 2
            let e = entries[mid]
            if Self.compare(base + Int(e.keyStart), Int(e.keyLength), p, bytes.count) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The index of the entry whose key is `k`'s bytes.
    private static func find(_ buffer: UnsafeBufferPointer<UInt8>, _ entries: [Entry], _ k: UnsafeBufferPointer<UInt8>) -> Int? {
        let i = lowerBound(buffer, entries, k)
        guard i < entries.count else { return nil }
        let e = entries[i]
        return compare(buffer.baseAddress! + Int(e.keyStart), Int(e.keyLength), k.baseAddress ?? buffer.baseAddress!, k.count) == 0 ? i : nil
    }

    /// The entry of the key with these bytes, if the segment holds it.
    func entry(bytes k: UnsafeBufferPointer<UInt8>) -> Entry? {
        Self.find(buffer, entries, k).map { entries[$0] }
    }

    /// The entry of `key`, if the segment holds it.
    func entry(_ key: String) -> Entry? {
        var key = key
        return key.withUTF8 { entry(bytes: $0) }
    }

    /// Every key starting with `prefix`'s bytes, in byte order.
    func keys(withPrefix prefix: String) -> [String] {
        var prefix = prefix
        return prefix.withUTF8 { p -> [String] in
            var out: [String] = []
            var i = lowerBound(p)
            while i < entries.count {
                let e = entries[i]
                guard Int(e.keyLength) >= p.count, p.isEmpty || memcmp(buffer.baseAddress! + Int(e.keyStart), p.baseAddress!, p.count) == 0 else {
                    break
                }
                out.append(key(i))
                i += 1
            }
            return out
        }
    }
}

/// Memory for segments and accumulators: `malloc`'s. Every buffer, however made, is freed with
/// `free`. (Transparent huge pages were tried: on this project's VM a fault of a fresh huge page
/// costs so much more that builds were a fifth slower, whatever the TLB saved.)
enum SegmentMemory {
    /// Buffers smaller than this are not recycled.
    static let recycledMinimum = 2 << 20

    /// Large buffers given back during a write (`recycle`), for the write's next large
    /// allocations: a large worker arena, once forgotten, becomes the buffer of a segment the
    /// commit merges, memory already faulted in rather than fresh pages the kernel must zero.
    /// At most two; emptied when the write ends (`trim`), so nothing is held between writes.
    private nonisolated(unsafe) static var recycled: [(UnsafeMutableRawPointer, Int)] = []
    private static let lock = NSLock()

    /// Keeps a large buffer of `capacity` bytes (from `allocate`) for the next large allocation.
    static func recycle(_ p: UnsafeMutableRawPointer, capacity: Int) {
        guard capacity >= recycledMinimum else { return Foundation.free(p) }
        lock.lock()
        recycled.append((p, capacity))
        recycled.sort { $0.1 < $1.1 }
        let dropped = recycled.count > 2 ? recycled.removeFirst().0 : nil
        lock.unlock()
        if let dropped { Foundation.free(dropped) }
    }

    /// Frees the recycled buffers.
    static func trim() {
        lock.lock()
        let all = recycled
        recycled = []
        lock.unlock()
        for (p, _) in all { Foundation.free(p) }
    }

    static func allocate(_ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
        if count >= recycledMinimum {
            lock.lock()
            // the smallest recycled buffer that holds `count` bytes
            let i = recycled.firstIndex { $0.1 >= count }
            let reused = i.map { recycled.remove(at: $0).0 }
            lock.unlock()
            if let reused { return UnsafeMutableBufferPointer(start: reused.assumingMemoryBound(to: UInt8.self), count: count) }
        }
        guard let m = malloc(max(1, count)) else { fatalError("out of memory for a posting buffer of \(count) bytes") }
        return UnsafeMutableBufferPointer(start: m.assumingMemoryBound(to: UInt8.self), count: count)
    }

    static func free(_ buffer: UnsafeBufferPointer<UInt8>) {
        Foundation.free(UnsafeMutableRawPointer(mutating: buffer.baseAddress))
    }

    static func free(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        Foundation.free(buffer.baseAddress)
    }
}

/// Reads LEB128 varints from a byte buffer, checking every read.
struct VarintReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset: Int

    @inline(__always)
    mutating func next() throws -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            let b = bytes[offset]
            offset += 1
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return Int(truncatingIfNeeded: v) }
            shift += 7
            if shift > 63 { break }
        }
        throw PostingSegment.FormatError(description: "truncated varint at \(offset)")
    }
}

/// Unchecked varint reads over a buffer already validated by `PostingSegment.init` (stream lengths
/// add up, so a well-formed stream never runs past its range).
/// Wrapping arithmetic and masking shifts: no overflow or over-shift checks in the decoding
/// loops (an offset or a value cannot overflow here; the shift stops below 63).
@inline(__always)
func readVarint(_ p: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Int {
    var b = p[offset]
    offset &+= 1
    if b < 0x80 { return Int(b) }
    var v = Int(b & 0x7F)
    var shift = 7
    repeat {
        b = p[offset]
        offset &+= 1
        v |= Int(b & 0x7F) &<< shift
        shift &+= 7
    } while b >= 0x80 && shift < 63
    return v
}

/// A growable byte buffer whose memory is handed over, not copied, when it is done.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = SegmentMemory.allocate(self.capacity).baseAddress!
    }

    /// Takes over bytes released by another buffer (`release`).
    init(adopting bytes: ReleasedBytes) {
        base = bytes.base
        count = bytes.count
        capacity = bytes.capacity
    }

    deinit { Foundation.free(base) }

    /// The bytes written and their memory, handed on as they are (to `init(adopting:)`).
    consuming func release() -> ReleasedBytes {
        let out = ReleasedBytes(base: base, count: count, capacity: capacity)
        discard self
        return out
    }

    @inline(__always)
    private mutating func ensure(_ extra: Int) {
        guard count + extra > capacity else { return }
        var c = capacity * 2
        while c < count + extra { c *= 2 }
        let grown = SegmentMemory.allocate(c).baseAddress!
        grown.moveInitialize(from: base, count: count)
        Foundation.free(base)
        base = grown
        capacity = c
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        ensure(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        ensure(bytes.count)
        (base + count).initialize(from: from, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.bindMemory(to: UInt8.self))
    }

    @inline(__always)
    mutating func varint(_ value: Int) {
        ensure(10)
        var v = UInt64(bitPattern: Int64(value))
        while v >= 0x80 {
            base[count] = UInt8(truncatingIfNeeded: v) | 0x80
            count &+= 1
            v >>= 7
        }
        base[count] = UInt8(truncatingIfNeeded: v)
        count &+= 1
    }

    /// `value`'s bytes, little-endian.
    @inline(__always)
    mutating func littleEndian<T: FixedWidthInteger>(_ value: T) {
        ensure(MemoryLayout<T>.size)
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.littleEndian, as: T.self)
        count += MemoryLayout<T>.size
    }

    /// Forgets the bytes written, keeping the memory.
    mutating func removeAll() { count = 0 }

    var isEmpty: Bool { count == 0 }

    /// The bytes written (valid until the next append).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The bytes written; the caller owns (and deallocates) them.
    consuming func take() -> UnsafeBufferPointer<UInt8> {
        let out = UnsafeBufferPointer(start: base, count: count)
        discard self
        return out
    }
}

/// A `ByteBuffer`'s memory between two owners: freed by whoever adopts it (or with `free`).
struct ReleasedBytes: @unchecked Sendable {
    var base: UnsafeMutablePointer<UInt8>
    var count: Int
    var capacity: Int

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func free() { Foundation.free(base) }
}

/// One block's entry in a skip table (see `PostingSegment`): fixed width, read in place.
struct SkipEntry {
    /// (term frequency, length) pairs per entry.
    static let frontierSize = 3
    static let size = 16 + 8 * frontierSize

    /// The entry `index` of the table starting at `table`.
    @inline(__always)
    static func id(_ table: UnsafeRawPointer, _ index: Int) -> Int64 {
        Int64(bitPattern: UInt64(littleEndian: table.loadUnaligned(fromByteOffset: index * size, as: UInt64.self)))
    }

    @inline(__always)
    static func docs(_ table: UnsafeRawPointer, _ index: Int) -> Int {
        Int(UInt32(littleEndian: table.loadUnaligned(fromByteOffset: index * size + 8, as: UInt32.self)))
    }

    @inline(__always)
    static func positions(_ table: UnsafeRawPointer, _ index: Int) -> Int {
        Int(UInt32(littleEndian: table.loadUnaligned(fromByteOffset: index * size + 12, as: UInt32.self)))
    }

    /// The block's best BM25 term weight at `average`: no posting of the block weighs more.
    @inline(__always)
    static func weight(_ table: UnsafeRawPointer, _ index: Int, average: Double) -> Double {
        var best = 0.0
        for k in 0..<frontierSize {
            let at = index * size + 16 + 8 * k
            let tf = UInt32(littleEndian: table.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            guard tf > 0 else { break }
            let length = UInt32(littleEndian: table.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
            let w = PostingSearch.weight(tf: Double(tf), length: Double(length), average: average)
            if w > best { best = w }
        }
        return best
    }

    /// Appends an entry's block start: the id before it and its stream offsets.
    private static func appendStart(id: Int64, docs: Int, positions: Int, to out: inout ByteBuffer) {
        precondition(docs <= Int(UInt32.max) && positions <= Int(UInt32.max), "a key's postings outgrow a skip table's 32-bit offsets")
        out.littleEndian(UInt64(bitPattern: id))
        out.littleEndian(UInt32(docs))
        out.littleEndian(UInt32(positions))
    }

    /// Appends entry `index` of the table at `table` with a new block start (as when a merge
    /// moves the block) and its frontier as it is.
    static func append(moving table: UnsafeRawPointer, _ index: Int, id: Int64, docs: Int, positions: Int, to out: inout ByteBuffer) {
        appendStart(id: id, docs: docs, positions: positions, to: &out)
        out.append(UnsafeRawBufferPointer(start: table + index * size + 16, count: size - 16))
    }

    /// Appends an entry; `frontier` holds at most `frontierSize` pairs.
    static func append(id: Int64, docs: Int, positions: Int, frontier: [(tf: Int, length: Int)], to out: inout ByteBuffer) {
        appendStart(id: id, docs: docs, positions: positions, to: &out)
        for k in 0..<frontierSize {
            if k < frontier.count {
                out.littleEndian(UInt32(clamping: frontier[k].tf))
                out.littleEndian(UInt32(clamping: frontier[k].length))
            } else {
                out.littleEndian(UInt32(0))
                out.littleEndian(UInt32(0))
            }
        }
    }
}

/// Writes a segment: the header, then each key's streams straight into the output, then the
/// dictionary and its offset.
struct SegmentWriter: ~Copyable {
    private var out: ByteBuffer
    /// The dictionary's entries, in key order (serialized by `finish`), their keys in `keyBytes`.
    private var dictionary: [Written] = []
    private var keyBytes: [UInt8] = []
    private var docs = ByteBuffer(capacity: 1 << 12)
    private var positions = ByteBuffer(capacity: 1 << 12)
    private var skipBytes = ByteBuffer(capacity: 1 << 10)
    /// The current block's start and its Pareto frontier of (frequency, length), ascending by both.
    private var blockStart: (id: Int64, docs: Int, positions: Int) = (0, 0, 0)
    private var frontier: [(tf: Int, length: Int)] = []
    /// Postings in the open block (0: none open), and blocks written to `skipBytes`.
    private var inBlock = 0
    private var blocks = 0
    private var lastID: Int64 = 0
    private var paragraphs = 0
    private var frequency = 0
    /// The current key's positions stream length so far (in `positions`, or, for postings added
    /// with `posting(_:tf:length:positionsLength:)`, handed to `endKey(_:positions:)`).
    private var positionsLength = 0

    fileprivate struct Written {
        var key: Range<Int>
        var paragraphs: Int
        var frequency: Int
        var skipLength: Int
        var docsLength: Int
        var positionsLength: Int
        /// An alias's target key (in `keyBytes`); nil for a key with streams of its own.
        var target: Range<Int>?
    }

    init(first: Int64, last: Int64, documents: [Int64], capacity: Int) {
        out = ByteBuffer(capacity: capacity + documents.count * 2 + 32)
        out.append(PostingSegment.magic)
        out.varint(Int(first))
        out.varint(Int(last))
        out.varint(documents.count)
        var previous: Int64 = 0
        for d in documents {
            out.varint(Int(d - previous))
            previous = d
        }
    }

    /// A writer of a later range of keys of a segment whose first range another writer (made
    /// with the header, by `init(first:last:documents:capacity:)`) writes: its body and
    /// dictionary follow that writer's when the parts are put together (`assemble`).
    init(partCapacity: Int) {
        out = ByteBuffer(capacity: partCapacity)
    }

    /// Closes a full block and opens one when none is; called before a posting's bytes are
    /// appended, so that the block's offsets point at its first posting.
    @inline(__always)
    private mutating func startBlockIfDue() {
        if inBlock == PostingSegment.blockSize { closeBlock() }
        if inBlock == 0 { blockStart = (lastID, docs.count, positionsLength) }
        inBlock &+= 1
    }

    /// Adds a posting's (frequency, length) to the current block's frontier.
    @inline(__always)
    private mutating func bound(_ tf: Int, _ length: Int32) {
        let length = Int(length)
        let n = frontier.count
        // the first pair with a frequency at least `tf` has the shortest length of those pairs
        var i = 0
        while i < n, frontier[i].tf < tf { i += 1 }
        if i < n, frontier[i].length <= length { return }
        // the pairs the new one dominates: those before `i` from the first as long (lengths
        // ascend), and the one at `i` if as frequent
        var from = i
        while from > 0, frontier[from - 1].length >= length { from -= 1 }
        let to = i < n && frontier[i].tf == tf ? i + 1 : i
        frontier.replaceSubrange(from..<to, with: CollectionOfOne((tf: tf, length: length)))
    }

    /// Writes the current block's skip entry, its frontier coarsened to `SkipEntry.frontierSize`
    /// pairs by merging neighbours (the merged pair, the larger frequency with the shorter
    /// length, dominates both).
    private mutating func closeBlock() {
        while frontier.count > SkipEntry.frontierSize {
            var best = 0
            for i in 0..<(frontier.count - 1) where frontier[i + 1].tf - frontier[i].tf < frontier[best + 1].tf - frontier[best].tf {
                best = i
            }
            frontier[best] = (frontier[best + 1].tf, frontier[best].length)
            frontier.remove(at: best + 1)
        }
        SkipEntry.append(id: blockStart.id, docs: blockStart.docs, positions: blockStart.positions, frontier: frontier, to: &skipBytes)
        frontier.removeAll(keepingCapacity: true)
        inBlock = 0
        blocks += 1
    }

    /// Appends all of a key's postings in another segment, which has a skip table, as they are:
    /// its streams as bytes (the first id gap re-encoded against this key's last id) and its
    /// blocks' entries with their offsets moved. The open block is closed first, and the part's
    /// last block stays as long as it is: the next posting opens a new block.
    mutating func copy(_ segment: PostingSegment, _ e: PostingSegment.Entry) throws {
        let buffer = segment.buffer
        let count = e.skipLength / UInt32(SkipEntry.size)
        guard count > 0, e.docsLength > 0 else { throw PostingSegment.FormatError(description: "copying a key without a skip table") }
        if inBlock > 0 { closeBlock() }
        let table = UnsafeRawPointer(buffer.baseAddress! + e.skips.lowerBound)
        // the part's last id: decode its last block
        var reader = DocsReader(segment, e)
        reader.jump(table, Int(count) - 1)
        while !reader.done { reader.next() }
        let partLast = reader.id
        var at = e.docs.lowerBound
        let firstID = Int64(readVarint(buffer, &at))
        guard firstID > lastID || paragraphs == 0 else { throw PostingSegment.FormatError(description: "merged postings out of order") }
        let docsBase = docs.count
        let positionsBase = positionsLength
        docs.varint(Int(firstID - lastID))
        let shift = (docs.count - docsBase) - (at - e.docs.lowerBound)
        docs.append(UnsafeBufferPointer(rebasing: buffer[at..<e.docs.upperBound]))
        positions.append(UnsafeBufferPointer(rebasing: buffer[e.positions]))
        positionsLength += e.positions.count
        for b in 0..<Int(count) {
            SkipEntry.append(
                moving: table,
                b,
                id: b == 0 ? lastID : SkipEntry.id(table, b),
                docs: docsBase + (b == 0 ? 0 : SkipEntry.docs(table, b) + shift),
                positions: positionsBase + SkipEntry.positions(table, b),
                to: &skipBytes
            )
        }
        blocks += Int(count)
        lastID = partLast
        paragraphs += e.paragraphs
        frequency += e.frequency
    }

    /// Appends all of a key's postings in another segment, which has no skip table, as they are
    /// (the first id gap re-encoded against this key's last id). Only for keys whose postings
    /// all come this way and stay within one block: no skip entry, so no frontier, is written.
    mutating func appendShort(_ segment: PostingSegment, _ e: PostingSegment.Entry) throws {
        let buffer = segment.buffer
        guard e.skipLength == 0, paragraphs + e.paragraphs <= PostingSegment.blockSize, blocks == 0, inBlock == 0 else {
            throw PostingSegment.FormatError(description: "appending a list that needs a skip table")
        }
        var at = e.docs.lowerBound
        let end = e.docs.upperBound
        guard at < end else { return }
        var id = Int64(readVarint(buffer, &at))
        guard id > lastID || paragraphs == 0 else { throw PostingSegment.FormatError(description: "merged postings out of order") }
        docs.varint(Int(id - lastID))
        docs.append(UnsafeBufferPointer(rebasing: buffer[at..<end]))
        // the part's last id
        _ = readVarint(buffer, &at)
        _ = readVarint(buffer, &at)
        while at < end {
            id += Int64(readVarint(buffer, &at))
            _ = readVarint(buffer, &at)
            _ = readVarint(buffer, &at)
        }
        positions.append(UnsafeBufferPointer(rebasing: buffer[e.positions]))
        positionsLength += e.positions.count
        lastID = id
        paragraphs += e.paragraphs
        frequency += e.frequency
    }

    /// Adds a paragraph of `length` words to the current key: its id, term frequency and
    /// encoded positions.
    mutating func posting(_ id: Int64, tf: Int, length: Int32, positions bytes: UnsafeBufferPointer<UInt8>) {
        startBlockIfDue()
        bound(tf, length)
        docs.varint(Int(id - lastID))
        docs.varint(tf)
        docs.varint(bytes.count)
        positions.append(bytes)
        positionsLength += bytes.count
        lastID = id
        paragraphs += 1
        frequency += tf
    }

    /// Adds a paragraph whose `positionsLength` bytes of positions are handed over, with the
    /// key's others, to `endKey(_:positions:)`.
    @inline(__always)
    mutating func posting(_ id: Int64, tf: Int, length: Int32, positionsLength count: Int) {
        startBlockIfDue()
        bound(tf, length)
        docs.varint(Int(id &- lastID))
        docs.varint(tf)
        docs.varint(count)
        positionsLength &+= count
        lastID = id
        paragraphs &+= 1
        frequency &+= tf
    }

    /// Ends the current key whose postings were added with `posting(_:tf:length:positionsLength:)`:
    /// `positions` is its whole positions stream, written straight into the segment.
    mutating func endKey(_ key: UnsafeBufferPointer<UInt8>, positions stream: UnsafeBufferPointer<UInt8>) {
        precondition(positions.isEmpty && stream.count == positionsLength, "a key's positions handed over do not add up")
        endKey(key, streamed: CollectionOfOne(stream))
    }

    /// As `endKey(_:positions:)`, the positions stream handed over in pieces, in order.
    mutating func endKey(_ key: UnsafeBufferPointer<UInt8>, positions pieces: [UnsafeBufferPointer<UInt8>]) {
        precondition(
            positions.isEmpty && pieces.reduce(0, { $0 + $1.count }) == positionsLength,
            "a key's positions handed over do not add up"
        )
        endKey(key, streamed: pieces)
    }

    /// Ends the current key (skipped when it got no posting).
    mutating func endKey(_ key: some Collection<UInt8>) {
        endKey(key, streamed: EmptyCollection<UnsafeBufferPointer<UInt8>>())
    }

    /// `streamed`: the positions stream in pieces (none: the writer's own `positions`).
    private mutating func endKey(_ key: some Collection<UInt8>, streamed: some Collection<UnsafeBufferPointer<UInt8>>) {
        defer {
            docs.removeAll()
            positions.removeAll()
            skipBytes.removeAll()
            frontier.removeAll(keepingCapacity: true)
            lastID = 0
            paragraphs = 0
            frequency = 0
            inBlock = 0
            blocks = 0
            positionsLength = 0
        }
        guard paragraphs > 0 else { return }
        // a list of one block has no skip table (its entry was never written)
        if blocks > 0, inBlock > 0 { closeBlock() }
        out.append(skipBytes.bytes)
        out.append(docs.bytes)
        if streamed.isEmpty { out.append(positions.bytes) } else { for piece in streamed { out.append(piece) } }
        dictionary.append(
            Written(
                key: addKey(key),
                paragraphs: paragraphs,
                frequency: frequency,
                skipLength: skipBytes.count,
                docsLength: docs.count,
                positionsLength: positionsLength,
                target: nil
            )
        )
        hasPostings = true
    }

    private mutating func addKey(_ key: some Collection<UInt8>) -> Range<Int> {
        let start = keyBytes.count
        keyBytes.append(contentsOf: key)
        return start..<keyBytes.count
    }

    private var hasPostings = false

    /// Adds `key` (next in key order, no posting added to it) as an alias of `target`, whose
    /// postings it has exactly: `target` gets them in this segment, before or after. An alias
    /// whose target ends with no posting (a merge dropped them all) is left out.
    mutating func alias(_ key: some Collection<UInt8>, to target: some Collection<UInt8>) {
        precondition(paragraphs == 0, "an alias added to a key with postings")
        dictionary.append(
            Written(
                key: addKey(key),
                paragraphs: 0,
                frequency: 0,
                skipLength: 0,
                docsLength: 0,
                positionsLength: 0,
                target: addKey(target)
            )
        )
    }

    var isEmpty: Bool { !hasPostings }

    /// The finished segment's bytes (owned by the caller: hand them to `PostingSegment(owning:)`).
    consuming func finish() -> UnsafeBufferPointer<UInt8> {
        Self.assemble([part()])
    }

    /// What this writer wrote, to be put together with the writers of the following key ranges
    /// (`assemble`).
    consuming func part() -> SegmentPart {
        SegmentPart(body: out.release(), dictionary: dictionary, keyBytes: keyBytes, hasPostings: hasPostings)
    }

    /// One segment of parts written by writers of consecutive key ranges, the first with the
    /// header: the bodies one after another (a dictionary holds stream lengths, not offsets, so
    /// a part's streams stay valid wherever its body lands), then one dictionary. An alias whose
    /// target has no postings in any part is left out. The parts' memory is freed (the first's
    /// becomes the segment's).
    static func assemble(_ parts: [SegmentPart]) -> UnsafeBufferPointer<UInt8> {
        var out = ByteBuffer(adopting: parts[0].body)
        for p in parts.dropFirst() {
            out.append(p.body.bytes)
            p.body.free()
        }
        out.append(tail(parts, dictionaryAt: out.count))
        return out.take()
    }

    /// What follows the parts' bodies (`dictionaryAt` bytes in all, the header included): the
    /// one dictionary of every part's keys and its offset. An alias whose target has no
    /// postings in any part is left out.
    static func tail(_ parts: [SegmentPart], dictionaryAt at: Int) -> [UInt8] {
        var dictionary = parts[0].dictionary
        var keyBytes = parts[0].keyBytes
        for p in parts.dropFirst() {
            let shift = keyBytes.count
            keyBytes += p.keyBytes
            for var w in p.dictionary {
                w.key = (w.key.lowerBound + shift)..<(w.key.upperBound + shift)
                if let t = w.target { w.target = (t.lowerBound + shift)..<(t.upperBound + shift) }
                dictionary.append(w)
            }
        }
        // the keys with streams of their own, for the aliases to find their targets
        let own = dictionary.filter { $0.target == nil }
        let kept = keyBytes.withUnsafeBufferPointer { k in
            dictionary.filter { w in
                guard let target = w.target else { return true }
                var lo = 0
                var hi = own.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if PostingSegment.compare(
                        k.baseAddress! + own[mid].key.lowerBound,
                        own[mid].key.count,
                        k.baseAddress! + target.lowerBound,
                        target.count
                    ) < 0 {
                        lo = mid + 1
                    } else {
                        hi = mid
                    }
                }
                return lo < own.count && own[lo].key.count == target.count
                    && memcmp(k.baseAddress! + own[lo].key.lowerBound, k.baseAddress! + target.lowerBound, target.count) == 0
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(keyBytes.count + kept.count * 8 + 8)
        Varint.append(kept.count, to: &bytes)
        for w in kept {
            Varint.append(w.key.count, to: &bytes)
            bytes.append(contentsOf: keyBytes[w.key])
            if let target = w.target {
                Varint.append(0, to: &bytes)
                Varint.append(target.count, to: &bytes)
                bytes.append(contentsOf: keyBytes[target])
            } else {
                Varint.append(w.paragraphs, to: &bytes)
                Varint.append(w.frequency, to: &bytes)
                Varint.append(w.skipLength, to: &bytes)
                Varint.append(w.docsLength, to: &bytes)
                Varint.append(w.positionsLength, to: &bytes)
            }
        }
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: at >> (8 * i))) }
        return bytes
    }
}

/// What a `SegmentWriter` wrote (`part()`), waiting to be put together (`SegmentWriter.assemble`).
struct SegmentPart: @unchecked Sendable {
    var body: ReleasedBytes
    fileprivate var dictionary: [SegmentWriter.Written]
    fileprivate var keyBytes: [UInt8]
    var hasPostings: Bool
}
