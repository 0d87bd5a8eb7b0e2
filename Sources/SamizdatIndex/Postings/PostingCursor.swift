/// Walks one key's live postings over every segment in paragraph order, seeking with the skip
/// tables: what AND and phrases use for every list but the rarest, so a common word's postings
/// are jumped over a block at a time instead of decoded.
struct PostingCursor {
    let snapshot: IndexSnapshot
    /// (segment index, entry) of every segment holding the key, in order.
    let parts: [(Int, PostingSegment.Entry)]
    /// Live paragraphs holding the key (BM25's document frequency): the dictionary's count for
    /// segments without dead documents, a count of live postings for the others.
    let paragraphs: Int

    private var part = -1
    /// The current part's docs stream.
    private var reader = DocsReader()
    /// The current part's skip table (`SkipEntry`s, read in place) and its entry count.
    private var skips: UnsafeRawPointer?
    private var skipCount = 0
    private var skipIndex = 0
    private var blockCursor = 0
    /// `weightBound`'s last block (in the current part) and its weight.
    private var boundBlock = -1
    private var boundWeight = 0.0
    /// The current part's segment's last paragraph.
    private var partLast: Int64 = 0

    /// The current posting (valid after `next` or `seek` returned true).
    var id: Int64 { reader.id }
    var tf: Int { reader.tf }
    private(set) var length: Int32 = 0
    private(set) var exhausted = false

    init(_ snapshot: IndexSnapshot, key: String) {
        self.snapshot = snapshot
        var parts: [(Int, PostingSegment.Entry)] = []
        var n = 0
        for (i, s) in snapshot.segments.enumerated() {
            guard let e = s.entry(key) else { continue }
            parts.append((i, e))
            n += snapshot.holdsDead[i] ? Self.liveCount(snapshot, s, e) : e.paragraphs
        }
        self.parts = parts
        paragraphs = n
        exhausted = parts.isEmpty
    }

    static func liveCount(_ snapshot: IndexSnapshot, _ segment: PostingSegment, _ e: PostingSegment.Entry) -> Int {
        var reader = DocsReader(segment, e)
        var n = 0
        while !reader.done {
            reader.next()
            if snapshot.length(paragraph: reader.id) >= 0 { n += 1 }
        }
        return n
    }

    private mutating func enter(_ p: Int) -> Bool {
        part = p
        guard p < parts.count else {
            exhausted = true
            return false
        }
        let segment = snapshot.segments[parts[p].0]
        let e = parts[p].1
        reader = DocsReader(segment, e)
        partLast = segment.lastParagraph
        skipIndex = 0
        blockCursor = 0
        boundBlock = -1
        skipCount = e.skips.count / SkipEntry.size
        skips = skipCount > 0 ? UnsafeRawPointer(segment.buffer.baseAddress! + e.skips.lowerBound) : nil
        return true
    }

    /// Moves to the next live posting; false at the end.
    mutating func next() -> Bool {
        if exhausted { return false }
        if part < 0, !enter(0) { return false }
        while true {
            while reader.done {
                if !enter(part + 1) { return false }
            }
            if decode() { return true }
        }
    }

    /// The next live posting that could score above a floor, for a ranked term: blocks are
    /// jumped over when their best BM25 term weight at the corpus's current average (see
    /// `SkipEntry`), times `idf`, plus `rest`, is at most `threshold`; inside a block, each
    /// posting is tested without a division and passed over when it cannot score above
    /// `threshold`, or in document `document` above `documentBest`. With
    /// K = k1·(1 − b + b·length/average), idf·weight + rest ≤ floor exactly when
    /// idf·(k1+1)·tf ≤ (floor − rest)·(tf + K); a margin of 1e-9 covers the rounding, so a
    /// posting is passed over only when it is surely not above the floor. What comes back must
    /// still be scored exactly.
    ///
    /// The floors are plain values, not a closure over the caller's state (a closure reading
    /// a caller's mutable state pays run-time exclusivity checks on every posting), and a
    /// block's postings are decoded in one loop over locals (`DocsReader.next(before:…)`).
    mutating func nextCandidate(_ weight: CandidateWeight, threshold: Double, document: Int64, documentBest: Double) -> Bool {
        if exhausted { return false }
        if part < 0, !enter(0) { return false }
        let idf = weight.idf
        let rest = weight.rest
        let average = weight.average
        let bound = CandidateBound(
            weight,
            room: threshold - rest,
            document: document,
            documentRoom: max(threshold, documentBest) - rest
        )
        while true {
            while reader.done {
                if !enter(part + 1) { return false }
            }
            // where the current block ends (a posting at a block's start is tested first)
            var limit = reader.docsLength
            if let table = skips {
                let at = reader.docsOffset
                while blockCursor < skipCount, SkipEntry.docs(table, blockCursor) < at { blockCursor &+= 1 }
                if blockCursor < skipCount, SkipEntry.docs(table, blockCursor) == at {
                    if idf * SkipEntry.weight(table, blockCursor, average: average) + rest <= threshold {
                        if blockCursor + 1 < skipCount {
                            reader.jump(table, blockCursor + 1)
                        } else {
                            reader.finish()
                        }
                        blockCursor += 1
                        continue
                    }
                    if blockCursor + 1 < skipCount { limit = SkipEntry.docs(table, blockCursor + 1) }
                } else if blockCursor < skipCount {
                    limit = SkipEntry.docs(table, blockCursor)
                }
            }
            if let l = reader.next(before: limit, snapshot: snapshot, bound) {
                length = l
                return true
            }
        }
    }

    /// A bound on BM25's term weight (no idf) of the posting with id `target`, from the skip
    /// table alone, decoding nothing: the best weight of the block that would hold it. 0 when
    /// the list is exhausted; the ceiling k1 + 1 when the target lies past the current part or
    /// the part has no skip table. Targets must not descend.
    mutating func weightBound(at target: Int64, average: Double) -> Double {
        if exhausted { return 0 }
        if part < 0, !enter(0) { return 0 }
        guard target <= partLast, let table = skips else { return PostingSearch.k1 + 1 }
        var k = max(boundBlock, skipIndex > 0 ? skipIndex - 1 : 0)
        while k &+ 1 < skipCount, SkipEntry.id(table, k &+ 1) < target { k &+= 1 }
        if k != boundBlock {
            boundBlock = k
            boundWeight = SkipEntry.weight(table, k, average: average)
        }
        return boundWeight
    }

    /// Decodes the next posting of the part; true when its document is live.
    @inline(__always)
    private mutating func decode() -> Bool {
        reader.next()
        length = snapshot.length(paragraph: reader.id)
        return length >= 0
    }

    /// Moves to the first live posting with an id ≥ `target`; false when there is none.
    mutating func seek(_ target: Int64) -> Bool {
        if exhausted { return false }
        if part >= 0, id >= target, reader.docsOffset > 0 { return true }
        if part < 0, !enter(0) { return false }
        // whole segments below the target
        while partLast < target {
            if !enter(part + 1) { return false }
        }
        // the last block starting below the target, if it is ahead of us
        if let table = skips {
            var k = skipIndex
            while k < skipCount, SkipEntry.id(table, k) < target { k &+= 1 }
            if k > skipIndex {
                if SkipEntry.docs(table, k - 1) > reader.docsOffset { reader.jump(table, k - 1) }
                skipIndex = k
            }
        }
        // postings below the target are decoded only: no length look-up, no liveness test
        while true {
            while reader.done {
                if !enter(part + 1) { return false }
            }
            if reader.next(reaching: target) {
                length = snapshot.length(paragraph: reader.id)
                if length >= 0 { return true }
            }
        }
    }

    /// The current posting's positions written at `out` (room for `tf` of them); returns `tf`.
    @inline(__always)
    mutating func positions(into out: UnsafeMutablePointer<Int32>) -> Int {
        let buffer = reader.buffer
        var at = reader.positionsStart
        var position = 0
        let count = reader.tf
        for j in 0..<count {
            position &+= readVarint(buffer, &at)
            out[j] = Int32(truncatingIfNeeded: position)
        }
        return count
    }
}

/// Reads a key's docs stream in one segment (see `PostingSegment`), a posting at a time, keeping
/// where each posting's positions start: the one decoder of the stream. A cursor moves it to a
/// block with the skip table.
struct DocsReader {
    /// Where a reader stands in the streams, and the posting it decoded last: a value the
    /// decoding loops copy into a local and write back once, so that the loop runs in registers.
    struct Place {
        /// The next posting's byte in the docs stream, and its positions' byte.
        var at = 0
        var positionAt = 0
        /// The current posting: paragraph id, term frequency, and its positions' byte range.
        var id: Int64 = 0
        var tf = 0
        var positionsStart = 0
        var positionsLength = 0

        /// Decodes the posting at `at`.
        @inline(__always)
        mutating func step(_ buffer: UnsafeBufferPointer<UInt8>) {
            id &+= Int64(readVarint(buffer, &at))
            tf = readVarint(buffer, &at)
            positionsLength = readVarint(buffer, &at)
            positionsStart = positionAt
            positionAt &+= positionsLength
        }
    }

    /// The segment's bytes (kept alive by whoever holds the segment).
    private(set) var buffer = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var place = Place()
    private var end = 0
    private var docsStart = 0
    private var positionsFrom = 0

    init() {}

    init(_ segment: PostingSegment, _ e: PostingSegment.Entry) {
        buffer = segment.buffer
        place.at = e.docs.lowerBound
        place.positionAt = e.positions.lowerBound
        end = e.docs.upperBound
        docsStart = e.docs.lowerBound
        positionsFrom = e.positions.lowerBound
    }

    /// The current posting: paragraph id, term frequency, and its positions' byte range.
    var id: Int64 { place.id }
    var tf: Int { place.tf }
    var positionsStart: Int { place.positionsStart }
    var positionsLength: Int { place.positionsLength }

    var done: Bool { place.at >= end }
    /// The key's docs stream length in this segment.
    var docsLength: Int { end - docsStart }
    /// How far into the key's docs stream the next posting starts.
    var docsOffset: Int { place.at - docsStart }

    @inline(__always)
    mutating func next() { place.step(buffer) }

    /// Decodes postings until the docs stream offset `limit` and stops at the first whose
    /// paragraph is live and that `bound` does not rule out: returns its length, or nil at
    /// `limit`.
    @inline(__always)
    mutating func next(before limit: Int, snapshot: IndexSnapshot, _ bound: CandidateBound) -> Int32? {
        var s = place
        let stop = docsStart + limit
        var found: Int32?
        while s.at < stop {
            s.step(buffer)
            let length = snapshot.length(paragraph: s.id)
            if length >= 0, !bound.rulesOut(id: s.id, tf: s.tf, length: length) {
                found = length
                break
            }
        }
        place = s
        return found
    }

    /// Decodes at least one posting, and on until one with an id ≥ `target`: true there, false
    /// at the end of the stream.
    @inline(__always)
    mutating func next(reaching target: Int64) -> Bool {
        var s = place
        var found = false
        while s.at < end {
            s.step(buffer)
            if s.id >= target {
                found = true
                break
            }
        }
        place = s
        return found
    }

    /// Moves to the start of block `index` of the skip table at `table`.
    mutating func jump(_ table: UnsafeRawPointer, _ index: Int) {
        place.at = docsStart + SkipEntry.docs(table, index)
        place.positionAt = positionsFrom + SkipEntry.positions(table, index)
        place.id = SkipEntry.id(table, index)
    }

    /// Moves past the last posting.
    mutating func finish() { place.at = end }
}

/// A ranked term's constants for `PostingCursor.nextCandidate`, computed once per query: its
/// idf, the most the query's other terms could add, and BM25's K = k0 + kLength·length.
struct CandidateWeight {
    let idf: Double, rest: Double, average: Double
    /// idf·(k1 + 1)
    let weight: Double
    let k0: Double, kLength: Double

    init(idf: Double, rest: Double, average: Double) {
        self.idf = idf
        self.rest = rest
        self.average = average
        weight = idf * (PostingSearch.k1 + 1)
        k0 = PostingSearch.k1 * (1 - PostingSearch.b)
        kLength = PostingSearch.k1 * PostingSearch.b / average
    }
}

/// `PostingCursor.nextCandidate`'s test of one posting: can its BM25 term score, plus what the
/// other terms could add, exceed the floor? Division-free, conservative by a margin.
struct CandidateBound {
    let weight: Double, k0: Double, kLength: Double
    /// Floor minus what the other terms could add, in general and in document `document`.
    let room: Double, document: Int64, documentRoom: Double

    @inline(__always)
    init(_ w: CandidateWeight, room: Double, document: Int64, documentRoom: Double) {
        weight = w.weight
        k0 = w.k0
        kLength = w.kLength
        self.room = room
        self.document = document
        self.documentRoom = documentRoom
    }

    @inline(__always)
    func rulesOut(id: Int64, tf: Int, length: Int32) -> Bool {
        let r = CorpusStore.documentKey(paragraphRowID: id) == document ? documentRoom : room
        let t = Double(tf)
        return r > 0 && weight * t <= r * (t + k0 + kLength * Double(length)) * (1 - 1e-9)
    }
}
