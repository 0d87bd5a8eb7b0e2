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
    private var at = 0
    private var end = 0
    private var positionAt = 0
    /// The current part's skip table (`SkipEntry`s, read in place) and its entry count.
    private var skips: UnsafeRawPointer?
    private(set) var skipCount = 0
    private var skipIndex = 0
    private var blockCursor = 0
    /// The current part's bytes (its segment is kept alive by `snapshot`).
    private var buffer = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The current part's segment's last paragraph, and where its key's streams start.
    private var partLast: Int64 = 0
    private var docsBase = 0
    private var positionsBase = 0

    /// The current posting (valid after `next` or `seek` returned true).
    private(set) var id: Int64 = -1
    private(set) var tf = 0
    private(set) var length: Int32 = 0
    /// Where the current posting's positions start, and their byte length.
    private(set) var positionsStart = 0
    private(set) var positionsLength = 0
    private(set) var exhausted = false

    init(_ snapshot: IndexSnapshot, key: String) {
        self.snapshot = snapshot
        var parts: [(Int, PostingSegment.Entry)] = []
        var n = 0
        for (i, s) in snapshot.segments.enumerated() {
            guard let e = s.entries[key] else { continue }
            parts.append((i, e))
            n += snapshot.holdsDead[i] ? Self.liveCount(snapshot, s, e) : e.paragraphs
        }
        self.parts = parts
        paragraphs = n
        exhausted = parts.isEmpty
    }

    static func liveCount(_ snapshot: IndexSnapshot, _ segment: PostingSegment, _ e: PostingSegment.Entry) -> Int {
        do {
            let b = segment.buffer
            var at = e.docs.lowerBound, id: Int64 = 0, n = 0
            var lastKey: Int64 = -1, live = false
            while at < e.docs.upperBound {
                id += Int64(readVarint(b, &at))
                _ = readVarint(b, &at); _ = readVarint(b, &at)
                let key = CorpusStore.documentKey(paragraphRowID: id)
                if key != lastKey { lastKey = key; live = snapshot.layout(key) != nil }
                if live { n += 1 }
            }
            return n
        }
    }

    private mutating func enter(_ p: Int) -> Bool {
        part = p
        guard p < parts.count else { exhausted = true; return false }
        let segment = snapshot.segments[parts[p].0]
        buffer = segment.buffer
        partLast = segment.lastParagraph
        let e = parts[p].1
        docsBase = e.docs.lowerBound
        positionsBase = e.positions.lowerBound
        at = e.docs.lowerBound
        end = e.docs.upperBound
        positionAt = e.positions.lowerBound
        id = 0
        skipIndex = 0
        blockCursor = 0
        skipCount = e.skips.count / SkipEntry.size
        skips = skipCount > 0 ? UnsafeRawPointer(buffer.baseAddress! + e.skips.lowerBound) : nil
        return true
    }

    /// Moves to the next live posting; false at the end.
    mutating func next() -> Bool {
        if exhausted { return false }
        if part < 0, !enter(0) { return false }
        while true {
            while at >= end {
                if !enter(part + 1) { return false }
            }
            if decode() { return true }
        }
    }

    /// Like `next`, but at the start of each block asks `skip`, with the block's best BM25 term
    /// weight at the corpus's current average (see `SkipEntry`), whether to jump over it.
    mutating func next(skipping skip: (Double) -> Bool) -> Bool {
        if exhausted { return false }
        if part < 0, !enter(0) { return false }
        let average = snapshot.averageLength
        while true {
            while at >= end {
                if !enter(part + 1) { return false }
            }
            if let table = skips {
                let base = docsBase
                while blockCursor < skipCount, base + SkipEntry.docs(table, blockCursor) < at { blockCursor += 1 }
                if blockCursor < skipCount, base + SkipEntry.docs(table, blockCursor) == at,
                   skip(SkipEntry.weight(table, blockCursor, average: average)) {
                    if blockCursor + 1 < skipCount {
                        at = base + SkipEntry.docs(table, blockCursor + 1)
                        positionAt = positionsBase + SkipEntry.positions(table, blockCursor + 1)
                        id = SkipEntry.id(table, blockCursor + 1)
                    } else {
                        at = end
                    }
                    blockCursor += 1
                    continue
                }
            }
            if decode() { return true }
        }
    }

    /// Decodes the posting at `at`; true when its document is live.
    private mutating func decode() -> Bool {
        let b = buffer
        id += Int64(readVarint(b, &at))
        tf = readVarint(b, &at)
        positionsLength = readVarint(b, &at)
        positionsStart = positionAt
        positionAt += positionsLength
        length = snapshot.length(paragraph: id)
        return length >= 0
    }

    /// Moves to the first live posting with an id ≥ `target`; false when there is none.
    mutating func seek(_ target: Int64) -> Bool {
        if exhausted { return false }
        if part >= 0, id >= target, at > docsBase { return true }
        if part < 0, !enter(0) { return false }
        // whole segments below the target
        while partLast < target {
            if !enter(part + 1) { return false }
        }
        // the last block starting below the target, if it is ahead of us
        if let table = skips {
            var k = skipIndex
            while k < skipCount, SkipEntry.id(table, k) < target { k += 1 }
            if k > skipIndex {
                let docs = SkipEntry.docs(table, k - 1)
                if docsBase + docs > at {
                    at = docsBase + docs
                    positionAt = positionsBase + SkipEntry.positions(table, k - 1)
                    id = SkipEntry.id(table, k - 1)
                }
                skipIndex = k
            }
        }
        while next() {
            if id >= target { return true }
        }
        return false
    }

    /// The current posting's positions. (Mutating only so that a call on an array element works
    /// in place: a non-mutating call copies the cursor, references and all.)
    mutating func positions(into out: inout [Int32]) {
        IndexSnapshot.decodePositions(buffer, at: positionsStart, count: tf, into: &out)
    }
}
