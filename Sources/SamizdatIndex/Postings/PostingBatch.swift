import Foundation
import GRDB
import SamizdatText

/// What one write transaction does to the in-memory index: analyzes paragraphs into a new posting
/// segment, counts each document's forms, records removals, and at the end stores the segment
/// and merges segments (`commit`). Used only inside a write transaction.
struct PostingBatch {
    let state: IndexState
    var vocabulary: Vocabulary
    var builder = PostingSegmentBuilder()
    var formLists: [PostingSegmentBuilder.List?] = []
    var stemLists: [PostingSegmentBuilder.List?] = []
    var events: [IndexState.Event] = []
    /// Merge every segment into one (`optimize`).
    var mergeAll = false
    /// The current document's count per form id, and the ids it touched.
    var counts: [Int32] = []
    var touched: [Int32] = []
    let stems: StemCache

    init(state: IndexState) {
        self.state = state
        // Taken out of the state so that growing it never copies it; `commit` puts it back and
        // a failed write reloads it.
        vocabulary = state.writerVocabulary
        state.writerVocabulary = Vocabulary()
        stems = state.stemCache
    }

    mutating func beginDocument() {
        touched.removeAll(keepingCapacity: true)
    }

    /// Analyzes one paragraph (ids must ascend within the batch) and returns its word count.
    mutating func add(paragraph id: Int64, text: String, analyzer: Analyzer) -> Int {
        builder.begin(paragraph: id)
        var words = 0
        var text = text
        text.withUTF8 { bytes in
            analyzer.scan(utf8: bytes, cache: stems) { token in
                if !token.isCompound { words += 1 }
                let f = Int(vocabulary.id(token.term, stem: token.stem))
                if f >= formLists.count {
                    let grow = max(f + 1, formLists.count * 2) - formLists.count
                    formLists += [PostingSegmentBuilder.List?](repeating: nil, count: grow)
                    counts += [Int32](repeating: 0, count: grow)
                }
                let formList: PostingSegmentBuilder.List
                if let l = formLists[f] { formList = l } else { formList = builder.ensure(token.term); formLists[f] = formList }
                formList.add(id, token.position)
                let s = Int(vocabulary.stemOfForm[f])
                if s >= stemLists.count {
                    stemLists += [PostingSegmentBuilder.List?](repeating: nil, count: max(s + 1, stemLists.count * 2) - stemLists.count)
                }
                let stemList: PostingSegmentBuilder.List
                if let l = stemLists[s] {
                    stemList = l
                } else {
                    stemList = builder.ensure(MatchExpression.stemMarker + vocabulary.stems[s])
                    stemLists[s] = stemList
                }
                stemList.add(id, token.position)
                if counts[f] == 0 { touched.append(Int32(f)) }
                counts[f] += 1
            }
        }
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

    mutating func removed(key: Int64, pairs: [Int]) {
        events.append(.remove(key, pairs))
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
        var segments = published.segments
        var changed = false
        if let bytes = builder.finish() {
            let segment = try PostingSegment(bytes: bytes)
            try db.execute(sql: "INSERT INTO segments(first, last, data) VALUES (?, ?, ?)",
                           arguments: [segment.firstParagraph, segment.lastParagraph, Data(bytes)])
            segments.append(segment)
            changed = true
        }
        // liveness after this transaction
        var after: [Int64: Bool] = [:]
        for e in events {
            switch e {
            case .add(let key, _, _): after[key] = true
            case .remove(let key, _): after[key] = false
            }
        }
        let live: (Int64) -> Bool = { key in after[key] ?? (published.documents[key] != nil) }
        func nextRun() -> Range<Int>? {
            guard mergeAll else { return Self.mergeRun(segments) }
            let dead = segments.contains { $0.documents.contains { !live($0) } }
            return segments.count > 1 || dead ? 0..<segments.count : nil
        }
        while let run = nextRun() {
            let merged = try PostingSegment.merge(Array(segments[run]), live: live)
            for s in segments[run] {
                try db.execute(sql: "DELETE FROM segments WHERE first = ?", arguments: [s.firstParagraph])
            }
            if let merged {
                try db.execute(sql: "INSERT INTO segments(first, last, data) VALUES (?, ?, ?)",
                               arguments: [merged.firstParagraph, merged.lastParagraph, Data(merged.bytes)])
                segments.replaceSubrange(run, with: [merged])
            } else {
                segments.removeSubrange(run)
            }
            changed = true
            if mergeAll { break }
        }
        return IndexState.Change(events: events, segments: changed ? segments : nil)
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
