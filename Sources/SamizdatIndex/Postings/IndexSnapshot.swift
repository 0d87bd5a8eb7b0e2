import Foundation

/// The length (words) and section of each paragraph of a live document: what BM25 and the
/// per-section counts need, kept in memory.
struct DocumentLayout: Sendable {
    /// Words per paragraph (compound tokens not counted).
    var lengths: [Int32]
    /// Section index per paragraph, -1 outside every section.
    var sections: [Int32]

    var words: Int { lengths.reduce(0) { $0 + Int($1) } }
}

/// What a query runs against: the posting segments and the live documents, as of one commit.
/// Immutable; a commit publishes a new one. Postings of documents no longer live (deleted, or
/// replaced by a new version) stay in old segments until a merge drops them, and are skipped.
///
/// Its length table is memory of its own, written only in `init`: the unchecked Sendable is sound.
final class IndexSnapshot: @unchecked Sendable {
    let segments: [PostingSegment]
    let documents: [Int64: DocumentLayout]
    let paragraphCount: Int
    let wordCount: Int

    /// Per segment: does it hold postings of documents no longer live?
    let holdsDead: [Bool]
    /// `documents` by key (keys are small and dense).
    let byKey: [DocumentLayout?]
    /// Every live document's paragraph lengths in one allocation, and per document key where
    /// they start there and how many there are (−1: the key is not live), for the decoding
    /// loops: a look-up without reference counting. Owned; freed with the snapshot.
    private let lengthTable: UnsafeMutableBufferPointer<Int32>
    private let spans: UnsafeMutableBufferPointer<(start: Int32, count: Int32)>

    static func dense(_ documents: [Int64: DocumentLayout]) -> [DocumentLayout?] {
        var out = [DocumentLayout?](repeating: nil, count: Int(documents.keys.max() ?? -1) + 1)
        for (k, d) in documents where k >= 0 { out[Int(k)] = d }
        return out
    }

    @inline(__always)
    func layout(_ key: Int64) -> DocumentLayout? {
        key >= 0 && key < Int64(byKey.count) ? byKey[Int(key)] : nil
    }

    /// The word count of a live paragraph; −1 when its document is not live (or it has no such
    /// paragraph).
    @inline(__always)
    func length(paragraph id: Int64) -> Int32 {
        let key = Int(truncatingIfNeeded: CorpusStore.documentKey(paragraphRowID: id))
        guard key >= 0, key < spans.count else { return -1 }
        let span = spans[key]
        let index = CorpusStore.paragraphIndex(paragraphRowID: id)
        return index < Int(span.count) ? lengthTable[Int(span.start) &+ index] : -1
    }

    deinit {
        lengthTable.deallocate()
        spans.deallocate()
    }

    convenience init(segments: [PostingSegment], documents: [Int64: DocumentLayout]) {
        self.init(
            segments: segments,
            documents: documents,
            paragraphCount: documents.values.reduce(0) { $0 + $1.lengths.count },
            wordCount: documents.values.reduce(0) { $0 + $1.words }
        )
    }

    init(segments: [PostingSegment], documents: [Int64: DocumentLayout], paragraphCount: Int, wordCount: Int) {
        self.segments = segments
        self.documents = documents
        holdsDead = segments.map { $0.documents.contains { documents[$0] == nil } }
        byKey = Self.dense(documents)
        spans = .allocate(capacity: max(1, byKey.count))
        spans.initialize(repeating: (0, -1))
        lengthTable = .allocate(capacity: max(1, documents.values.reduce(0) { $0 + $1.lengths.count }))
        var at = 0
        for (k, d) in byKey.enumerated() {
            guard let d else { continue }
            spans[k] = (Int32(at), Int32(d.lengths.count))
            for l in d.lengths {
                lengthTable[at] = l
                at += 1
            }
        }
        self.paragraphCount = paragraphCount
        self.wordCount = wordCount
        averageLength = paragraphCount == 0 ? 1 : max(1, Double(wordCount) / Double(paragraphCount))
    }

    static let empty = IndexSnapshot(segments: [], documents: [:])

    /// This snapshot after a write: its documents added and removed in order, `segments` in place
    /// of these (nil: the same).
    func after(_ events: [IndexState.Event], segments newSegments: [PostingSegment]?) -> IndexSnapshot {
        var docs = documents
        var paragraphs = paragraphCount
        var words = wordCount
        for e in events {
            switch e {
            case .remove(let key, _):
                if let d = docs.removeValue(forKey: key) {
                    paragraphs -= d.lengths.count
                    words -= d.words
                }
            case .add(let key, let layout, _):
                if let d = docs.updateValue(layout, forKey: key) {
                    paragraphs -= d.lengths.count
                    words -= d.words
                }
                paragraphs += layout.lengths.count
                words += layout.words
            }
        }
        return IndexSnapshot(segments: newSegments ?? segments, documents: docs, paragraphCount: paragraphs, wordCount: words)
    }

    /// Words per live paragraph (at least 1): BM25's average length. Stored, not computed per
    /// use: the decoding loops read it for every block.
    let averageLength: Double

    /// The live postings of one key over every segment, ascending by paragraph.
    func postings(_ key: String, positions: Bool) -> Postings {
        var out = Postings()
        for (si, segment) in segments.enumerated() {
            guard let e = segment.entry(key) else { continue }
            out.reserve(e.paragraphs, positions: positions)
            var reader = DocsReader(segment, e)
            while !reader.done {
                reader.next()
                let words = length(paragraph: reader.id)
                guard words >= 0 else { continue }
                out.ids.append(reader.id)
                out.tfs.append(Int32(reader.tf))
                out.lengths.append(words)
                if positions {
                    out.segments.append(Int32(si))
                    out.offsets.append(Int32(reader.positionsStart))
                }
            }
        }
        return out
    }

    /// Positions of the posting at `i` of `postings` (made with positions).
    func positions(_ postings: Postings, _ i: Int, into out: inout [Int32]) {
        Self.decodePositions(
            segments[Int(postings.segments[i])].buffer,
            at: Int(postings.offsets[i]),
            count: Int(postings.tfs[i]),
            into: &out
        )
    }

    /// `count` positions (gaps from the previous one) from `at`.
    static func decodePositions(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int, count: Int, into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        var at = start
        var position = 0
        for _ in 0..<count {
            position += readVarint(buffer, &at)
            out.append(Int32(position))
        }
    }
}

/// A key's postings, decoded: parallel arrays ascending by paragraph id.
struct Postings {
    var ids: [Int64] = []
    var tfs: [Int32] = []
    var lengths: [Int32] = []
    /// With positions: the segment and the byte offset of each paragraph's positions.
    var segments: [Int32] = []
    var offsets: [Int32] = []

    var count: Int { ids.count }

    mutating func reserve(_ n: Int, positions: Bool) {
        ids.reserveCapacity(ids.count + n)
        tfs.reserveCapacity(tfs.count + n)
        lengths.reserveCapacity(lengths.count + n)
        if positions {
            segments.reserveCapacity(segments.count + n)
            offsets.reserveCapacity(offsets.count + n)
        }
    }
}

extension PostingSegment {
    /// Merges segments (in paragraph order) into one, keeping only postings of live documents.
    /// Nil when nothing live remains. Keys are walked in one pass over the parts' sorted key
    /// lists (a heap of the parts, ordered by their current key's bytes).
    ///
    /// A key's postings in a part with no dead document and a skip table of its own are copied
    /// whole: docs and positions streams as bytes (only the first gap is re-encoded) and the
    /// table with its offsets moved. Its last block may then be short; blocks need not be full.
    /// Other postings are re-encoded one by one, dead ones dropped; `layout` gives a live
    /// document's paragraph lengths (for the skip tables' block bounds).
    static func merge(_ parts: [PostingSegment], live: (Int64) -> Bool, layout: (Int64) -> DocumentLayout?) throws -> PostingSegment? {
        guard let firstPart = parts.first, let lastPart = parts.last else { return nil }
        let allLive = parts.map { $0.documents.allSatisfy(live) }
        var documents = Set<Int64>()
        for p in parts { for d in p.documents where live(d) { documents.insert(d) } }
        var writer = SegmentWriter(
            first: firstPart.firstParagraph,
            last: lastPart.lastParagraph,
            documents: documents.sorted(),
            capacity: parts.reduce(0) { $0 + $1.byteCount }
        )
        var heap = KeyHeap(parts)
        var holding: [Int] = []
        var lastKey: Int64 = -1
        var keyLive = false
        var lengths: [Int32] = []
        while let top = heap.top {
            let topEntry = parts[top].entries[heap.cursor(top)]
            let keyBytes = UnsafeBufferPointer(rebasing: parts[top].buffer[topEntry.key])
            // every part holding the smallest key, in part (so paragraph) order: the heap breaks
            // ties by part index
            holding.removeAll(keepingCapacity: true)
            repeat { holding.append(heap.pop()) } while heap.top.map { heap.sameKey($0, keyBytes) } ?? false
            // an alias of the same key in every part holding it, that key being in no other part:
            // the merged postings of both are the same, so it stays an alias
            if let target = Self.sharedAliasTarget(parts, holding, heap) {
                writer.alias(keyBytes, to: target)
                for i in holding { heap.advance(i) }
                continue
            }
            // lists that stay within one block, with no dead document: their bytes, one after another
            var total = 0
            var short = true
            for i in holding {
                let e = parts[i].entries[heap.cursor(i)]
                short = short && allLive[i] && e.skipLength == 0
                total += e.paragraphs
            }
            if short, total <= PostingSegment.blockSize {
                for i in holding { try writer.appendShort(parts[i], parts[i].entries[heap.cursor(i)]) }
                writer.endKey(keyBytes)
                for i in holding { heap.advance(i) }
                continue
            }
            for i in holding {
                let part = parts[i]
                let e = part.entries[heap.cursor(i)]
                if allLive[i], e.skipLength > 0 {
                    try writer.copy(part, e)
                } else {
                    var reader = DocsReader(part, e)
                    while !reader.done {
                        reader.next()
                        let start = reader.positionsStart
                        let count = reader.positionsLength
                        guard count >= 0, start + count <= e.positions.upperBound, reader.docsOffset <= e.docs.count else {
                            throw FormatError(description: "posting runs past its stream")
                        }
                        let key = CorpusStore.documentKey(paragraphRowID: reader.id)
                        if key != lastKey {
                            lastKey = key
                            keyLive = allLive[i] || live(key)
                            lengths = keyLive ? layout(key)?.lengths ?? [] : []
                        }
                        if keyLive {
                            let index = CorpusStore.paragraphIndex(paragraphRowID: reader.id)
                            writer.posting(
                                reader.id,
                                tf: reader.tf,
                                length: index < lengths.count ? lengths[index] : 0,
                                positions: UnsafeBufferPointer(rebasing: part.buffer[start..<(start + count)])
                            )
                        }
                    }
                }
            }
            writer.endKey(keyBytes)
            for i in holding { heap.advance(i) }
        }
        guard !writer.isEmpty else { return nil }
        return try PostingSegment(owning: writer.finish())
    }
}

extension PostingSegment {
    /// The key whose alias the current key is in every part of `holding` (the same key in each),
    /// when that key's paragraphs in all `parts` are exactly the alias's; else nil.
    fileprivate static func sharedAliasTarget(_ parts: [PostingSegment], _ holding: [Int], _ heap: KeyHeap) -> UnsafeBufferPointer<UInt8>? {
        guard let first = holding.first, let t = parts[first].entries[heap.cursor(first)].aliasTarget else { return nil }
        let target = UnsafeBufferPointer(rebasing: parts[first].buffer[parts[first].entries[t].key])
        var aliased = 0
        for i in holding {
            let e = parts[i].entries[heap.cursor(i)]
            guard let t = e.aliasTarget else { return nil }
            let te = parts[i].entries[t]
            guard Int(te.keyLength) == target.count,
                memcmp(parts[i].buffer.baseAddress! + Int(te.keyStart), target.baseAddress!, target.count) == 0
            else { return nil }
            aliased += e.paragraphs
        }
        var held = 0
        for p in parts { held += p.entry(bytes: target)?.paragraphs ?? 0 }
        return held == aliased ? target : nil
    }
}

/// The parts of a merge in a binary min-heap by their current key (bytes), ties by part index.
private struct KeyHeap {
    let parts: [PostingSegment]
    private var cursors: [Int]
    private var heap: [Int] = []

    init(_ parts: [PostingSegment]) {
        self.parts = parts
        cursors = [Int](repeating: 0, count: parts.count)
        for i in parts.indices where parts[i].keyCount > 0 { push(i) }
    }

    var top: Int? { heap.first }

    func cursor(_ part: Int) -> Int { cursors[part] }

    private func key(_ part: Int) -> (UnsafePointer<UInt8>, Int) {
        let e = parts[part].entries[cursors[part]]
        return (parts[part].buffer.baseAddress! + Int(e.keyStart), Int(e.keyLength))
    }

    func sameKey(_ part: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let (p, n) = key(part)
        return n == bytes.count && (n == 0 || memcmp(p, bytes.baseAddress!, n) == 0)
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        let (pa, na) = key(a)
        let (pb, nb) = key(b)
        let c = PostingSegment.compare(pa, na, pb, nb)
        return c < 0 || (c == 0 && a < b)
    }

    mutating func push(_ part: Int) {
        heap.append(part)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Int {
        let out = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < heap.count, less(heap[l], heap[m]) { m = l }
                if r < heap.count, less(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return out
    }

    /// Moves a popped part to its next key and back into the heap (if it has one).
    mutating func advance(_ part: Int) {
        cursors[part] += 1
        if cursors[part] < parts[part].keyCount { push(part) }
    }
}
