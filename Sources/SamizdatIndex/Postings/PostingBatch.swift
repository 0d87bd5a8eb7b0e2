import Foundation
import GRDB
import GRDBSQLite
import SamizdatText

/// What one write transaction does to the in-memory index: analyzes paragraphs into a new posting
/// segment, counts each document's forms, records removals, and at the end stores the segment
/// and merges segments (`commit`). Used only inside a write transaction.
struct PostingBatch {
    let state: IndexState
    var vocabulary: Vocabulary
    /// Every occurrence of the batch, in text order: key (form id × 2, or stem id × 2 + 1),
    /// paragraph (index into `paragraphs`) and position. Sorted by key only at the end.
    var occurrences: [Occurrence] = []
    var paragraphs: [Int64] = []
    /// Words per paragraph of `paragraphs`.
    var lengths: [Int32] = []
    var events: [IndexState.Event] = []
    /// Merge every segment into one (`optimize`).
    var mergeAll = false
    /// The current document's count per form id, and the ids it touched.
    var counts: [Int32] = []
    var touched: [Int32] = []

    struct Occurrence {
        var key: UInt32
        var paragraph: UInt32
        var position: UInt32
    }

    init(state: IndexState) {
        self.state = state
        // Taken out of the state so that growing it never copies it; `commit` puts it back and
        // a failed write reloads it.
        vocabulary = state.writerVocabulary
        state.writerVocabulary = Vocabulary()
    }

    mutating func beginDocument() {
        touched.removeAll(keepingCapacity: true)
    }

    /// Analyzes one paragraph (ids must ascend within the batch) and returns its word count.
    mutating func add(paragraph id: Int64, text: String, analyzer: Analyzer) -> Int {
        let paragraph = UInt32(paragraphs.count)
        paragraphs.append(id)
        var words = 0
        var text = text
        text.withUTF8 { bytes in
            analyzer.scanFolded(utf8: bytes) { folded, _, _, position, isCompound in
                if !isCompound { words += 1 }
                let f = Int(vocabulary.id(utf8: folded))
                if f >= counts.count { counts += [Int32](repeating: 0, count: max(f + 1, counts.count * 2) - counts.count) }
                let p = UInt32(truncatingIfNeeded: position)
                occurrences.append(Occurrence(key: UInt32(f) << 1, paragraph: paragraph, position: p))
                occurrences.append(Occurrence(key: UInt32(vocabulary.stemOfForm[f]) << 1 | 1, paragraph: paragraph, position: p))
                if counts[f] == 0 { touched.append(Int32(f)) }
                counts[f] += 1
            }
        }
        lengths.append(Int32(words))
        return words
    }

    /// Ends a document: its (form id, count) pairs, ascending by id; queues it for publishing.
    mutating func endDocument(key: Int64, layout: DocumentLayout) -> [Int] {
        touched.sort()
        var pairs: [Int] = []
        pairs.reserveCapacity(touched.count * 2)
        for f in touched {
            pairs.append(Int(f))
            pairs.append(Int(counts[Int(f)]))
            counts[Int(f)] = 0
        }
        touched.removeAll(keepingCapacity: true)
        events.append(.add(key, layout, pairs))
        return pairs
    }

    /// The batch's postings as an encoded segment (see `PostingSegment`), or nil when empty.
    func encodeSegment() -> UnsafeBufferPointer<UInt8>? {
        guard !occurrences.isEmpty else { return nil }
        // counting sort by key, stable: within a key, paragraphs and positions stay ascending
        let space = 2 * max(vocabulary.forms.count, vocabulary.stems.count) + 2
        var starts = [Int](repeating: 0, count: space + 1)
        for o in occurrences { starts[Int(o.key) + 1] += 1 }
        var touchedKeys: [UInt32] = []
        for k in 0..<space where starts[k + 1] > 0 { touchedKeys.append(UInt32(k)) }
        for k in 0..<space { starts[k + 1] += starts[k] }
        var fill = starts
        var sorted = [Occurrence](repeating: Occurrence(key: 0, paragraph: 0, position: 0), count: occurrences.count)
        for o in occurrences {
            sorted[fill[Int(o.key)]] = o
            fill[Int(o.key)] += 1
        }
        let keyed = touchedKeys.map { k -> (bytes: [UInt8], key: UInt32) in
            let id = Int(k >> 1)
            if k & 1 == 0 { return (Array(vocabulary.forms[id].utf8), k) }
            return ([PostingSegment.stemMarker] + Array(vocabulary.stems[id].utf8), k)
        }.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }

        let documents = Set(paragraphs.map { CorpusStore.documentKey(paragraphRowID: $0) }).sorted()
        var writer = SegmentWriter(first: paragraphs.min() ?? 0, last: paragraphs.max() ?? 0,
                                   documents: documents,
                                   capacity: occurrences.count * 2)
        for (bytes, k) in keyed {
            var i = starts[Int(k)]
            let end = starts[Int(k) + 1]
            while i < end {
                let p = sorted[i].paragraph
                writer.posting(paragraphs[Int(p)], length: lengths[Int(p)]) { positions in
                    var tf = 0
                    var last: UInt32 = 0
                    while i < end, sorted[i].paragraph == p {
                        let position = sorted[i].position
                        if tf == 0 || position != last {
                            Varint.append(Int(position - (tf == 0 ? 0 : last)), to: &positions)
                            last = position
                            tf += 1
                        }
                        i += 1
                    }
                    return tf
                }
            }
            writer.endKey(bytes)
        }
        return writer.finish()
    }

    mutating func removed(key: Int64, pairs: [Int]) {
        events.append(.remove(key, pairs))
    }

    /// Occurrences held before the batch so far is written out as a segment (bounds the memory a
    /// large batch takes: 12 bytes an occurrence, twice while sorting).
    static let flushOccurrences = 3_000_000

    /// Segments this batch has written so far.
    var flushed: [PostingSegment] = []

    /// Writes what the batch holds as a segment when it is large (`force`: whatever it holds).
    mutating func flush(_ db: Database, force: Bool = true) throws {
        guard force || occurrences.count >= Self.flushOccurrences else { return }
        if let bytes = encodeSegment() {
            let segment = try PostingSegment(owning: bytes)
            try Self.store(segment, db)
            flushed.append(segment)
        }
        occurrences = []
        paragraphs.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
    }

    /// `terms` rows for forms first seen since the last commit.
    func persistNewTerms(_ db: Database) throws {
        guard state.persistedForms < vocabulary.forms.count else { return }
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO terms(id, term, stem) VALUES (?, ?, ?)")
        for id in state.persistedForms..<vocabulary.forms.count where !vocabulary.forms[id].isEmpty {
            try insert.execute(arguments: [id, vocabulary.forms[id], vocabulary.stems[Int(vocabulary.stemOfForm[id])]])
        }
    }

    /// Stores the new segment, merges, and returns the change to publish after the commit.
    mutating func commit(_ db: Database) throws -> IndexState.Change {
        defer { state.writerVocabulary = vocabulary }
        let published = state.snapshot
        try flush(db)
        var segments = published.segments + flushed
        var changed = !flushed.isEmpty
        let after = published.after(events, segments: nil)
        let live: (Int64) -> Bool = { after.layout($0) != nil }
        func nextRun() -> Range<Int>? {
            guard mergeAll else { return Self.mergeRun(segments) }
            let dead = segments.contains { $0.documents.contains { !live($0) } }
            return segments.count > 1 || dead ? 0..<segments.count : nil
        }
        while let run = nextRun() {
            let merged = try PostingSegment.merge(Array(segments[run]), live: live, layout: after.layout)
            for s in segments[run] {
                try db.execute(sql: "DELETE FROM segments WHERE first = ?", arguments: [s.firstParagraph])
            }
            if let merged {
                try Self.store(merged, db)
                segments.replaceSubrange(run, with: [merged])
            } else {
                segments.removeSubrange(run)
            }
            changed = true
            if mergeAll { break }
        }
        return IndexState.Change(events: events, snapshot: changed ? after.after([], segments: segments) : after)
    }

    /// Inserts a segment's row, writing its bytes in place (incremental blob I/O) rather than
    /// through two copies (a `Data`, then SQLite's own).
    static func store(_ segment: PostingSegment, _ db: Database) throws {
        guard segment.byteCount < Int(Int32.max) else {
            throw DatabaseError(message: "a posting segment of \(segment.byteCount) bytes is over SQLite's blob limit")
        }
        try db.execute(sql: "INSERT INTO segments(first, last, data) VALUES (?, ?, zeroblob(?))",
                       arguments: [segment.firstParagraph, segment.lastParagraph, segment.byteCount])
        var blob: OpaquePointer?
        var rc = sqlite3_blob_open(db.sqliteConnection, "main", "segments", "data", segment.firstParagraph, 1, &blob)
        if rc == SQLITE_OK {
            rc = sqlite3_blob_write(blob, segment.buffer.baseAddress, Int32(segment.buffer.count), 0)
        }
        sqlite3_blob_close(blob)
        guard rc == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// Segments are grouped in tiers by size (under 256 KiB, then ×8 per tier); when the newest
    /// segments hold `mergeFactor` of one tier, they are merged into one. Every posting is
    /// rewritten about once per tier, and at most `mergeFactor` − 1 segments stand in each tier.
    static let mergeFactor = 8

    static func tier(_ s: PostingSegment) -> Int {
        var t = 0
        var size = s.byteCount / (256 * 1024)
        while size > 0 { t += 1; size /= 8 }
        return t
    }

    static func mergeRun(_ segments: [PostingSegment]) -> Range<Int>? {
        guard let last = segments.last else { return nil }
        let t = tier(last)
        var start = segments.count - 1
        while start > 0, tier(segments[start - 1]) == t { start -= 1 }
        return segments.count - start >= mergeFactor ? start..<segments.count : nil
    }
}
