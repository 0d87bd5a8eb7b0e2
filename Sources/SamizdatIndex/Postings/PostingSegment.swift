/// One immutable run of positional postings: for every term key, the paragraphs holding it (in
/// ascending paragraph id), with the term's frequency and word positions in each.
///
/// Keys are analyzed tokens: a folded form ("stalinists") or `~` and a stem ("~stalinist").
/// Segments hold disjoint, ascending ranges of paragraph ids (document keys only grow), so the
/// postings of a key over the whole index are the concatenation of its postings per segment.
///
/// Encoding (LEB128 varints throughout):
///
///     "SZP3" firstParagraph lastParagraph referenceLength×1000 documentCount documentCount × (key − previous key)
///     body: per key, in key order, its skip table, docs stream and positions stream
///     dictionary: termCount termCount × (keyLength keyBytes paragraphs frequency skipLength docsLength positionsLength)
///     the dictionary's byte offset, 8 bytes little-endian
///
/// Keys are sorted by their UTF-8 bytes. The dictionary comes last so that a writer streams the
/// body straight into the segment's one buffer.
///
/// A key's docs stream holds, per paragraph: id − previous id (the first relative to 0), the term
/// frequency, and the byte length of the paragraph's entry in the positions stream; that entry is
/// the positions, each as the gap from the previous one (the first from 0).
///
/// A key with more than `blockSize` paragraphs has a skip table: blockCount, then for every block
/// of `blockSize` postings the id of the posting before it and the block's byte offsets in the
/// docs and positions streams (each as the gap from the previous block's), its largest term
/// frequency, its shortest paragraph (words), and the largest BM25 term weight
/// `tf·(k1+1)/(tf + k1·(1 − b + b·length/referenceLength))` of its postings, × 65536 rounded up.
/// That weight only grows with the average paragraph length, so it bounds the block's scores
/// while the corpus average stays at or under `referenceLength` (set above the average when the
/// segment is written); past it the frequency and length bound is used. A cursor seeking an id
/// jumps to the last block starting below it; a top-k search skips a block whose bound cannot
/// enter the top k.
///
/// The bytes live in one buffer the segment owns (written in place by `SegmentWriter`, or copied
/// once from the database), so decoding loops hold a plain pointer to them. The segment never
/// changes after `init`, which is what makes the unchecked Sendable sound.
public final class PostingSegment: @unchecked Sendable {
    struct Entry: Sendable {
        var paragraphs: Int
        var frequency: Int
        var skips: Range<Int>
        var docs: Range<Int>
        var positions: Range<Int>
    }

    /// The encoded segment; owned, freed with the segment.
    let buffer: UnsafeBufferPointer<UInt8>
    /// Keys in byte order, for prefix ranges.
    let keys: [String]
    let entries: [String: Entry]
    /// The average paragraph length the block weights were computed with.
    let referenceLength: Double
    /// Lowest and highest paragraph id held.
    let firstParagraph: Int64
    let lastParagraph: Int64
    /// Document keys with postings here.
    let documents: [Int64]

    var byteCount: Int { buffer.count }

    deinit { buffer.deallocate() }

    static let magic: [UInt8] = Array("SZP3".utf8)
    /// Postings per skip block.
    static let blockSize = 128
    /// First byte of a stem key.
    static let stemMarker = UInt8(ascii: "~")

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses an encoded segment (as stored), copying its bytes into a buffer of its own.
    convenience init<C: Collection<UInt8>>(bytes: C) throws {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        try self.init(owning: UnsafeBufferPointer(rebasing: buffer[0..<bytes.count]))
    }

    /// Parses an encoded segment (as written by `SegmentWriter`), taking ownership of `buffer`
    /// (freed here if it does not parse).
    init(owning buffer: UnsafeBufferPointer<UInt8>) throws {
        do {
            (keys, entries, referenceLength, firstParagraph, lastParagraph, documents) = try Self.parse(buffer)
        } catch {
            buffer.deallocate()
            throw error
        }
        self.buffer = buffer
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws
        -> ([String], [String: Entry], Double, Int64, Int64, [Int64]) {
        guard bytes.count >= 5, Array(bytes[0..<4]) == Self.magic else { throw FormatError(description: "not a posting segment") }
        var r = VarintReader(bytes: bytes, offset: 4)
        let first = Int64(try r.next()), last = Int64(try r.next())
        let reference = Double(try r.next()) / 1000
        let documentCount = try r.next()
        guard documentCount <= bytes.count else { throw FormatError(description: "bad document count") }
        var documents: [Int64] = []
        documents.reserveCapacity(documentCount)
        var key: Int64 = 0
        for _ in 0..<documentCount { key += Int64(try r.next()); documents.append(key) }
        guard bytes.count >= r.offset + 8 else { throw FormatError(description: "no dictionary offset") }
        var dictionaryAt = 0
        for i in 0..<8 { dictionaryAt |= Int(bytes[bytes.count - 8 + i]) << (8 * i) }
        guard dictionaryAt >= r.offset, dictionaryAt <= bytes.count - 8 else { throw FormatError(description: "bad dictionary offset") }
        let bodyStart = r.offset
        r.offset = dictionaryAt
        let count = try r.next()
        guard count <= bytes.count else { throw FormatError(description: "bad term count") }
        var keys: [String] = []
        keys.reserveCapacity(count)
        var meta: [(Int, Int, Int, Int, Int)] = []
        meta.reserveCapacity(count)
        for _ in 0..<count {
            let length = try r.next()
            guard length >= 0, r.offset + length <= bytes.count - 8 else { throw FormatError(description: "key runs past the end") }
            keys.append(String(decoding: bytes[r.offset..<(r.offset + length)], as: UTF8.self))
            r.offset += length
            meta.append((try r.next(), try r.next(), try r.next(), try r.next(), try r.next()))
        }
        guard r.offset == bytes.count - 8 else { throw FormatError(description: "dictionary does not end at its footer") }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        var at = bodyStart
        for (i, m) in meta.enumerated() {
            guard m.2 >= 0, m.3 >= 0, m.4 >= 0, at + m.2 + m.3 + m.4 <= dictionaryAt else {
                throw FormatError(description: "streams run past the body")
            }
            let skips = at..<(at + m.2), docs = skips.upperBound..<(skips.upperBound + m.3)
            entries[keys[i]] = Entry(paragraphs: m.0, frequency: m.1, skips: skips, docs: docs, positions: docs.upperBound..<(docs.upperBound + m.4))
            at = docs.upperBound + m.4
        }
        guard at == dictionaryAt else { throw FormatError(description: "stream lengths do not add up") }
        return (keys, entries, reference, first, last, documents)
    }

    /// Keys in `[prefix, prefix + 0xFF…)`: every key starting with `prefix`'s bytes.
    func keys(withPrefix prefix: String) -> ArraySlice<String> {
        let p = Array(prefix.utf8)
        func before(_ k: String) -> Bool { k.utf8.lexicographicallyPrecedes(p) }
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if before(keys[mid]) { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < keys.count, keys[end].utf8.starts(with: p) { end += 1 }
        return keys[lo..<end]
    }
}

/// Reads LEB128 varints from a byte buffer, checking every read.
struct VarintReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset: Int

    @inline(__always)
    mutating func next() throws -> Int {
        var v: UInt64 = 0, shift: UInt64 = 0
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
@inline(__always)
func readVarint(_ p: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Int {
    var b = p[offset]
    offset += 1
    if b < 0x80 { return Int(b) }
    var v = Int(b & 0x7F), shift = 7
    repeat {
        b = p[offset]
        offset += 1
        v |= Int(b & 0x7F) << shift
        shift += 7
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
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    private mutating func ensure(_ extra: Int) {
        guard count + extra > capacity else { return }
        var c = capacity * 2
        while c < count + extra { c *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
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

    @inline(__always)
    mutating func varint(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        while v >= 0x80 { append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        append(UInt8(v))
    }

    /// The bytes written; the caller owns (and deallocates) them.
    consuming func take() -> UnsafeBufferPointer<UInt8> {
        let out = UnsafeBufferPointer(start: base, count: count)
        discard self
        return out
    }
}

/// Writes a segment: the header, then each key's streams straight into the output, then the
/// dictionary and its offset.
struct SegmentWriter: ~Copyable {
    private var out: ByteBuffer
    private var dictionary: [UInt8] = []
    private var keyCount = 0
    private var docs: [UInt8] = []
    private var positions: [UInt8] = []
    private var skips: [(id: Int64, docs: Int, positions: Int, maxTf: Int, minLength: Int, weight: Double)] = []
    private let reference: Double
    private var skipBytes: [UInt8] = []
    private var lastID: Int64 = 0
    private var paragraphs = 0
    private var frequency = 0

    /// The reference length for block weights: 2% above the average the corpus will have
    /// with this segment's paragraphs.
    static func referenceLength(average: Double) -> Double { max(1, average) * 1.02 }

    init(first: Int64, last: Int64, referenceLength: Double, documents: [Int64], capacity: Int) {
        reference = (referenceLength * 1000).rounded(.up) / 1000
        out = ByteBuffer(capacity: capacity + documents.count * 2 + 32)
        out.append(PostingSegment.magic)
        out.varint(Int(first))
        out.varint(Int(last))
        out.varint(Int(reference * 1000))
        out.varint(documents.count)
        var previous: Int64 = 0
        for d in documents { out.varint(Int(d - previous)); previous = d }
    }

    /// Adds a paragraph to the current key: its id, term frequency and encoded positions.
    @inline(__always)
    private mutating func block(_ tf: Int, _ length: Int32) {
        if paragraphs % PostingSegment.blockSize == 0 { skips.append((lastID, docs.count, positions.count, 0, Int.max, 0)) }
        let b = skips.count - 1
        if tf > skips[b].maxTf { skips[b].maxTf = tf }
        if Int(length) < skips[b].minLength { skips[b].minLength = Int(length) }
        let weight = PostingSearch.weight(tf: Double(tf), length: Double(length), average: reference)
        if weight > skips[b].weight { skips[b].weight = weight }
    }

    /// Adds a paragraph of `length` words to the current key: its id, term frequency and
    /// encoded positions.
    mutating func posting(_ id: Int64, tf: Int, length: Int32, positions bytes: UnsafeBufferPointer<UInt8>) {
        block(tf, length)
        Varint.append(Int(id - lastID), to: &docs)
        Varint.append(tf, to: &docs)
        Varint.append(bytes.count, to: &docs)
        positions.append(contentsOf: bytes)
        lastID = id
        paragraphs += 1
        frequency += tf
    }

    /// Adds a paragraph whose positions the caller appends through `body`.
    mutating func posting(_ id: Int64, length: Int32, _ body: (inout [UInt8]) -> Int) {
        let start = positions.count
        let tf = body(&positions)
        block(tf, length)
        Varint.append(Int(id - lastID), to: &docs)
        Varint.append(tf, to: &docs)
        Varint.append(positions.count - start, to: &docs)
        lastID = id
        paragraphs += 1
        frequency += tf
    }

    /// Ends the current key (skipped when it got no posting).
    mutating func endKey(_ key: some Collection<UInt8>) {
        defer {
            docs.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
            skips.removeAll(keepingCapacity: true)
            skipBytes.removeAll(keepingCapacity: true)
            lastID = 0; paragraphs = 0; frequency = 0
        }
        guard paragraphs > 0 else { return }
        if paragraphs > PostingSegment.blockSize {
            Varint.append(skips.count, to: &skipBytes)
            var previous: (Int64, Int, Int) = (0, 0, 0)
            for s in skips {
                Varint.append(Int(s.id - previous.0), to: &skipBytes)
                Varint.append(s.docs - previous.1, to: &skipBytes)
                Varint.append(s.positions - previous.2, to: &skipBytes)
                Varint.append(s.maxTf, to: &skipBytes)
                Varint.append(s.minLength, to: &skipBytes)
                Varint.append(Int((s.weight * 65536).rounded(.up)) + 1, to: &skipBytes)
                previous = (s.id, s.docs, s.positions)
            }
        }
        out.append(skipBytes)
        out.append(docs)
        out.append(positions)
        keyCount += 1
        Varint.append(key.count, to: &dictionary)
        dictionary.append(contentsOf: key)
        Varint.append(paragraphs, to: &dictionary)
        Varint.append(frequency, to: &dictionary)
        Varint.append(skipBytes.count, to: &dictionary)
        Varint.append(docs.count, to: &dictionary)
        Varint.append(positions.count, to: &dictionary)
    }

    var isEmpty: Bool { keyCount == 0 }

    /// The finished segment's bytes (owned by the caller: hand them to `PostingSegment(owning:)`).
    consuming func finish() -> UnsafeBufferPointer<UInt8> {
        let at = out.count
        out.varint(keyCount)
        out.append(dictionary)
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: at >> (8 * i))) }
        return out.take()
    }
}
