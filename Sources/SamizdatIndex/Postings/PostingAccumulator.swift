import Foundation

/// The postings of the words analyzed since the last flush, kept per key as they come, in the
/// form a segment stores them (see `PostingSegment`): so that writing a segment is a walk over
/// the touched keys in byte order, not a sort of every occurrence.
///
/// Each key has two streams in one arena: its docs stream (per paragraph: the paragraph's index
/// in the batch − the previous one's, the term frequency, and the byte length of the paragraph's
/// positions) and its positions stream (position gaps, as a segment holds them). A stream lives
/// in one contiguous block; a full block moves to a new one twice its size (one another stream
/// left, or at the arena's end), and is left for another stream to take. A key's open paragraph gets its frequency
/// and length when the key is next seen in a later paragraph, or at `closeAll`.
///
/// Owned by the store's `IndexState` and used only inside write transactions (one at a time),
/// which is what makes the unchecked Sendable sound; its memory is kept across flushes, so a
/// build does not fault fresh pages in for every segment.
final class PostingAccumulator: @unchecked Sendable {
    struct KeyState {
        var docsAt: UInt32 = 0, docsCount: UInt32 = 0, docsCapacity: UInt32 = 0
        var positionsAt: UInt32 = 0, positionsCount: UInt32 = 0, positionsCapacity: UInt32 = 0
        /// The open paragraph's index in the batch (−1: none since the last reset).
        var paragraph: Int32 = -1
        var tf: UInt32 = 0
        var lastPosition: UInt32 = 0
        /// `positionsCount` when the open paragraph began.
        var positionsAtOpen: UInt32 = 0
    }

    // `@exclusivity(unchecked)`: touched for every word, by one thread at a time (see above).
    @exclusivity(unchecked) private(set) var states: UnsafeMutablePointer<KeyState>
    @exclusivity(unchecked) private var stateCapacity: Int
    @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var arenaCapacity: Int
    /// Arena bytes in use (live and abandoned blocks).
    @exclusivity(unchecked) private(set) var arenaUsed = 0
    /// Keys with postings since the last reset, in the order first seen.
    @exclusivity(unchecked) private(set) var touched: [UInt32] = []
    /// Blocks left behind by streams that moved to larger ones, by log2 of their size: reused
    /// before the arena grows (without this, two thirds of the arena would be left behind).
    @exclusivity(unchecked) private var free: [[UInt32]] = Array(repeating: [], count: 33)
    /// The keys of the vocabulary in byte order, kept up to date at each write of a segment.
    var order = KeyOrder()

    init() {
        stateCapacity = 1 << 14
        states = .allocate(capacity: stateCapacity)
        states.initialize(repeating: KeyState(), count: stateCapacity)
        arenaCapacity = Self.initialArena
        arena = SegmentMemory.allocate(arenaCapacity).baseAddress!
    }

    deinit {
        states.deallocate()
        SegmentMemory.free(UnsafeMutableBufferPointer(start: arena, count: arenaCapacity))
    }

    var isEmpty: Bool { touched.isEmpty }

    /// Makes room for keys below `count`.
    @inline(__always)
    func reserveKeys(_ count: Int) {
        guard count > stateCapacity else { return }
        var c = stateCapacity * 2
        while c < count { c *= 2 }
        let grown = UnsafeMutablePointer<KeyState>.allocate(capacity: c)
        grown.moveInitialize(from: states, count: stateCapacity)
        (grown + stateCapacity).initialize(repeating: KeyState(), count: c - stateCapacity)
        states.deallocate()
        states = grown
        stateCapacity = c
    }

    /// Records that `key` occurs at `position` of paragraph `paragraph` (the batch's index;
    /// paragraphs ascend, and positions within one). A repeated position is recorded once.
    @inline(__always)
    func add(key: UInt32, paragraph: Int32, position: UInt32) {
        let s = states + Int(key)
        if s.pointee.paragraph != paragraph {
            if s.pointee.paragraph >= 0 {
                close(s)
            } else {
                touched.append(key)
                s.pointee.docsCapacity = 0
                s.pointee.positionsCapacity = 0
                s.pointee.docsCount = 0
                s.pointee.positionsCount = 0
            }
            append(Int(paragraph &- max(0, s.pointee.paragraph)), docsOf: s)
            s.pointee.paragraph = paragraph
            s.pointee.tf = 1
            s.pointee.lastPosition = position
            s.pointee.positionsAtOpen = s.pointee.positionsCount
            appendPosition(Int(position), of: s)
        } else if position != s.pointee.lastPosition {
            appendPosition(Int(position &- s.pointee.lastPosition), of: s)
            s.pointee.lastPosition = position
            s.pointee.tf &+= 1
        }
    }

    /// Ends a key's open paragraph: its frequency and positions' byte length.
    @inline(__always)
    private func close(_ s: UnsafeMutablePointer<KeyState>) {
        append(Int(s.pointee.tf), docsOf: s)
        append(Int(s.pointee.positionsCount &- s.pointee.positionsAtOpen), docsOf: s)
    }

    /// Ends every open paragraph (before a segment is written).
    func closeAll() {
        for k in touched {
            let s = states + Int(k)
            if s.pointee.tf > 0 {
                close(s)
                s.pointee.tf = 0
            }
        }
    }

    /// Makes the arena hold `bytes` when it is empty and smaller: one allocation for a large
    /// write, where growing by doubling would copy the arena and fault fresh pages in each time.
    func reserveArena(_ bytes: Int) {
        guard arenaUsed == 0, bytes > arenaCapacity, bytes <= Int(UInt32.max) else { return }
        SegmentMemory.free(UnsafeMutableBufferPointer(start: arena, count: arenaCapacity))
        arena = SegmentMemory.allocate(bytes).baseAddress!
        arenaCapacity = bytes
    }

    /// Forgets every posting, keeping the memory.
    func reset() {
        for k in touched { states[Int(k)] = KeyState() }
        touched.removeAll(keepingCapacity: true)
        for i in free.indices { free[i].removeAll(keepingCapacity: true) }
        arenaUsed = 0
        // a bulk load's arena is not kept for the small writes that follow; the write's merge
        // may take it over
        if arenaCapacity > Self.keptArena {
            SegmentMemory.recycle(UnsafeMutableRawPointer(arena), capacity: arenaCapacity)
            arenaCapacity = Self.initialArena
            arena = SegmentMemory.allocate(arenaCapacity).baseAddress!
        }
    }

    @inline(__always)
    private func append(_ value: Int, docsOf s: UnsafeMutablePointer<KeyState>) {
        if s.pointee.docsCount &+ 5 > s.pointee.docsCapacity {
            (s.pointee.docsAt, s.pointee.docsCapacity) = grow(s.pointee.docsAt, s.pointee.docsCount, s.pointee.docsCapacity, initial: 16)
        }
        s.pointee.docsCount &+= Self.put(value, arena + Int(s.pointee.docsAt &+ s.pointee.docsCount))
    }

    @inline(__always)
    private func appendPosition(_ value: Int, of s: UnsafeMutablePointer<KeyState>) {
        if s.pointee.positionsCount &+ 5 > s.pointee.positionsCapacity {
            (s.pointee.positionsAt, s.pointee.positionsCapacity) = grow(
                s.pointee.positionsAt,
                s.pointee.positionsCount,
                s.pointee.positionsCapacity,
                initial: 16
            )
        }
        s.pointee.positionsCount &+= Self.put(value, arena + Int(s.pointee.positionsAt &+ s.pointee.positionsCount))
    }

    /// Writes a varint at `p`; returns its length.
    @inline(__always)
    private static func put(_ value: Int, _ p: UnsafeMutablePointer<UInt8>) -> UInt32 {
        if value < 0x80 {
            p.pointee = UInt8(truncatingIfNeeded: value)
            return 1
        }
        var v = UInt64(truncatingIfNeeded: value)
        var n = 0
        while v >= 0x80 {
            p[n] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            n &+= 1
        }
        p[n] = UInt8(truncatingIfNeeded: v)
        return UInt32(truncatingIfNeeded: n &+ 1)
    }

    static let initialArena = 1 << 22
    static let keptArena = 1 << 25

    /// A block twice `capacity` (at least `initial`, a power of two), a free one or one at the
    /// arena's end, holding the `count` bytes of the block at `at`, which is freed.
    private func grow(_ at: UInt32, _ count: UInt32, _ capacity: UInt32, initial: UInt32) -> (UInt32, UInt32) {
        let c = Int(max(initial, capacity * 2))
        let sizeClass = c.trailingZeroBitCount
        if let reused = free[sizeClass].popLast() {
            if count > 0 { (arena + Int(reused)).update(from: arena + Int(at), count: Int(count)) }
            if capacity > 0 { free[Int(capacity).trailingZeroBitCount].append(at) }
            return (reused, UInt32(c))
        }
        if arenaUsed + c > arenaCapacity {
            var n = arenaCapacity * 2
            while n < arenaUsed + c { n *= 2 }
            precondition(n <= Int(UInt32.max), "a batch's postings outgrow the accumulator's 32-bit offsets")
            let grown = SegmentMemory.allocate(n).baseAddress!
            grown.moveInitialize(from: arena, count: arenaUsed)
            SegmentMemory.free(UnsafeMutableBufferPointer(start: arena, count: arenaCapacity))
            arena = grown
            arenaCapacity = n
        }
        let to = arenaUsed
        if count > 0 { (arena + to).update(from: arena + Int(at), count: Int(count)) }
        if capacity > 0 { free[Int(capacity).trailingZeroBitCount].append(at) }
        arenaUsed += c
        return (UInt32(to), UInt32(c))
    }

    /// The keys' docs and positions streams as they stand, for threads that read them while none
    /// writes (valid until the next `add` or `reset`).
    var view: View { View(states: states, arena: arena) }

    struct View: @unchecked Sendable {
        let states: UnsafeMutablePointer<KeyState>
        let arena: UnsafeMutablePointer<UInt8>

        @inline(__always)
        func streams(_ key: UInt32) -> (docs: UnsafeBufferPointer<UInt8>, positions: UnsafeBufferPointer<UInt8>) {
            let s = states[Int(key)]
            return (
                UnsafeBufferPointer(start: arena + Int(s.docsAt), count: Int(s.docsCount)),
                UnsafeBufferPointer(start: arena + Int(s.positionsAt), count: Int(s.positionsCount))
            )
        }
    }
}

/// Every key of a vocabulary (form id × 2, stem id × 2 + 1) in the byte order of its key string
/// (a form, or `~` and a stem), with each key's rank in that order. Brought up to date with
/// `update(_:)`: the keys added since are sorted and merged in.
struct KeyOrder {
    private(set) var sorted: [UInt32] = []
    private(set) var rank: [UInt32] = []
    /// Every key's bytes, at `starts[key]` with `lengths[key]` (a key not yet seen: length 0).
    private(set) var pool: [UInt8] = []
    private(set) var starts: [UInt32] = []
    private(set) var lengths: [UInt32] = []
    private var forms = 0
    private var stems = 0

    mutating func update(_ vocabulary: Vocabulary) {
        let formTexts = vocabulary.forms
        let stemOfForm = vocabulary.stemOfForm
        let stemTexts = vocabulary.stems
        guard forms < formTexts.count || stems < stemTexts.count else { return }
        let space = 2 * max(formTexts.count, stemTexts.count) + 2
        if starts.count < space {
            starts += [UInt32](repeating: 0, count: space - starts.count)
            lengths += [UInt32](repeating: 0, count: space - lengths.count)
        }
        var added: [UInt32] = []
        func put(_ key: UInt32, marker: Bool, _ text: String) {
            starts[Int(key)] = UInt32(pool.count)
            if marker { pool.append(PostingSegment.stemMarker) }
            pool.append(contentsOf: text.utf8)
            lengths[Int(key)] = UInt32(pool.count) - starts[Int(key)]
            added.append(key)
        }
        for f in forms..<formTexts.count where !formTexts[f].isEmpty && stemOfForm[f] >= 0 {
            put(UInt32(f) << 1, marker: false, formTexts[f])
        }
        for s in stems..<stemTexts.count { put(UInt32(s) << 1 | 1, marker: true, stemTexts[s]) }
        forms = formTexts.count
        stems = stemTexts.count
        pool.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            let starts = self.starts
            let lengths = self.lengths
            func less(_ a: UInt32, _ b: UInt32) -> Bool {
                PostingSegment.compare(
                    base + Int(starts[Int(a)]),
                    Int(lengths[Int(a)]),
                    base + Int(starts[Int(b)]),
                    Int(lengths[Int(b)])
                ) < 0
            }
            added.sort(by: less)
            var merged: [UInt32] = []
            merged.reserveCapacity(sorted.count + added.count)
            var i = 0
            var j = 0
            while i < sorted.count || j < added.count {
                if j == added.count || (i < sorted.count && less(sorted[i], added[j])) {
                    merged.append(sorted[i])
                    i += 1
                } else {
                    merged.append(added[j])
                    j += 1
                }
            }
            sorted = merged
        }
        if rank.count < space { rank += [UInt32](repeating: 0, count: space - rank.count) }
        for (r, k) in sorted.enumerated() { rank[Int(k)] = UInt32(r) }
    }
}
