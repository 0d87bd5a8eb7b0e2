import Foundation
import GRDB
import SamizdatText

/// The folded forms and stems the store has seen, with ids. Form ids are the `terms` table's ids;
/// stems are numbered in memory. Append-only.
struct Vocabulary {
    var forms: [String] = []
    var stemOfForm: [Int32] = []
    var formIDs: [String: Int32] = [:]
    var stems: [String] = []
    var stemIDs: [String: Int32] = [:]

    /// The id of `form`, adding it (and its stem) when new.
    @inline(__always)
    mutating func id(_ form: String, stem: @autoclosure () -> String) -> Int32 {
        if let id = formIDs[form] { return id }
        return add(form, stem: stem())
    }

    mutating func add(_ form: String, stem: String, id wanted: Int32? = nil) -> Int32 {
        let id = wanted ?? Int32(forms.count)
        while forms.count < Int(id) {
            forms.append("")
            stemOfForm.append(-1)
        }
        let s: Int32
        if let known = stemIDs[stem] {
            s = known
        } else {
            s = Int32(stems.count)
            stems.append(stem)
            stemIDs[stem] = s
        }
        if Int(id) == forms.count {
            forms.append(form)
            stemOfForm.append(s)
        } else {
            forms[Int(id)] = form
            stemOfForm[Int(id)] = s
        }
        formIDs[form] = id
        return id
    }
}

extension Vocabulary {
    /// Appends what `other` (a later state of this vocabulary) has beyond this one. Only the
    /// arrays: readers look forms up by id, never by string.
    mutating func catchUp(with other: Vocabulary) {
        if forms.count < other.forms.count {
            forms += other.forms[forms.count...]
            stemOfForm += other.stemOfForm[stemOfForm.count...]
        }
        if stems.count < other.stems.count { stems += other.stems[stems.count...] }
    }
}

/// Corpus frequency and document frequency of every form and every stem, kept exact through
/// applies, new versions and deletes from each document's term counts (`document_terms`).
struct TermCounts {
    var formFrequency: [Int] = []
    var formDocuments: [Int] = []
    var stemFrequency: [Int] = []
    var stemDocuments: [Int] = []

    /// Which stems the document being counted has met: a stem is met when its mark is the
    /// document's stamp (a new stamp per document, so nothing is cleared between documents).
    struct StemMarks {
        var marks: [UInt32] = []
        var stamp: UInt32 = 0
    }

    /// Adds (`sign` 1) or removes (-1) one document's counts: pairs of form id and count.
    mutating func add(_ pairs: [Int], sign: Int, vocabulary: Vocabulary, scratch: inout StemMarks) {
        let forms = vocabulary.forms.count
        let stems = vocabulary.stems.count
        if formFrequency.count < forms {
            formFrequency += [Int](repeating: 0, count: forms - formFrequency.count)
            formDocuments += [Int](repeating: 0, count: forms - formDocuments.count)
        }
        if stemFrequency.count < stems {
            stemFrequency += [Int](repeating: 0, count: stems - stemFrequency.count)
            stemDocuments += [Int](repeating: 0, count: stems - stemDocuments.count)
        }
        if scratch.marks.count < stems { scratch.marks += [UInt32](repeating: 0, count: stems - scratch.marks.count) }
        scratch.stamp &+= 1
        if scratch.stamp == 0 {
            for j in scratch.marks.indices { scratch.marks[j] = 0 }
            scratch.stamp = 1
        }
        let stamp = scratch.stamp
        var i = 0
        while i + 1 < pairs.count {
            let f = pairs[i]
            let c = pairs[i + 1]
            i += 2
            guard f >= 0, f < forms else { continue }
            formFrequency[f] += sign * c
            formDocuments[f] += sign
            let s = vocabulary.stemOfForm[f]
            guard s >= 0 else { continue }
            stemFrequency[Int(s)] += sign * c
            if scratch.marks[Int(s)] != stamp {
                scratch.marks[Int(s)] = stamp
                stemDocuments[Int(s)] += sign
            }
        }
    }
}

/// The store's in-memory index: the vocabulary, the term counts, and the current snapshot of
/// postings and live documents. Loaded from the database when the store opens; a write builds
/// its changes aside and they are published only after its transaction commits, so readers
/// never see what a rolled-back write did. Writes are serialized by the database writer.
final class IndexState: @unchecked Sendable {
    private let lock = NSLock()
    /// The writer's vocabulary: touched only inside write transactions (one at a time).
    var writerVocabulary = Vocabulary()
    /// The writer's analysis workers, reused by every write transaction (one at a time).
    var writerWorkers = IndexState.makeWorkers()
    /// Accumulator bytes a worker holds before it writes them out as a segment: bounds the
    /// memory a large write takes.
    var writerFlushBytes = 64 << 20
    /// Where the store keeps its large segments (nil: a store in memory keeps them all in rows).
    var segmentFiles: SegmentFiles?
    /// The store's write-ahead log (nil: a store in memory), which a large write syncs as it goes.
    var walPath: String?

    static func makeWorkers() -> [AnalysisWorker] {
        (0..<max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))).map { _ in AnalysisWorker() }
    }
    /// Form ids below this have a `terms` row.
    var persistedForms = 0
    /// Published state (under `lock`).
    private var vocabulary = Vocabulary()
    private var counts = TermCounts()
    private var current = IndexSnapshot.empty
    private var loaded = false

    struct Published {
        var vocabulary: Vocabulary
        var counts: TermCounts
        var snapshot: IndexSnapshot
    }

    var snapshot: IndexSnapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// The lemmas of the published vocabulary's forms, caught up as queries need them.
    let lemmas = LemmaIndex()

    /// What a query runs on: the current snapshot, and the vocabulary, counts and lemmas of the
    /// same publication to resolve its words with.
    var query: (snapshot: IndexSnapshot, words: WordLookup) {
        let published = self.published
        return (published.snapshot, WordLookup(vocabulary: published.vocabulary, counts: published.counts, lemmas: lemmas))
    }

    var published: Published {
        lock.lock()
        defer { lock.unlock() }
        return Published(vocabulary: vocabulary, counts: counts, snapshot: current)
    }

    var isLoaded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return loaded
    }

    enum Event {
        /// A document stored: its layout and its (form id, count) pairs.
        case add(Int64, DocumentLayout, [Int])
        /// A document removed, with its pairs.
        case remove(Int64, [Int])
    }

    /// A change made by one write transaction, published after it commits.
    struct Change {
        var events: [Event] = []
        /// The snapshot after the write.
        var snapshot: IndexSnapshot?
    }

    /// The published state once a change is applied to it (`prepare`), to be published.
    struct Prepared: @unchecked Sendable {
        var vocabulary: Vocabulary
        var counts: TermCounts
        var snapshot: IndexSnapshot?
    }

    /// What publishing `change` will make the published state, computed outside the lock, so
    /// that it can run while the write's commit syncs and queries are not held up meanwhile.
    /// Only the writer's thread publishes, one write at a time, so the state it starts from is
    /// still the published one when `publish` swaps it in.
    func prepare(_ change: Change) -> Prepared {
        var (vocabulary, counts) = lock.withLock { (self.vocabulary, self.counts) }
        // the published vocabulary catches up with the writer's (it only grows)
        vocabulary.catchUp(with: writerVocabulary)
        var scratch = TermCounts.StemMarks()
        for e in change.events {
            switch e {
            case .remove(_, let pairs): counts.add(pairs, sign: -1, vocabulary: vocabulary, scratch: &scratch)
            case .add(_, _, let pairs): counts.add(pairs, sign: 1, vocabulary: vocabulary, scratch: &scratch)
            }
        }
        return Prepared(vocabulary: vocabulary, counts: counts, snapshot: change.snapshot)
    }

    func publish(_ prepared: Prepared) {
        lock.lock()
        defer { lock.unlock() }
        vocabulary = prepared.vocabulary
        counts = prepared.counts
        if let snapshot = prepared.snapshot { current = snapshot }
    }

    /// Reads everything from the database (at open, and after a failed write).
    func load(_ db: Database) throws {
        var vocab = Vocabulary()
        let terms = try Row.fetchCursor(db, sql: "SELECT id, term, stem FROM terms ORDER BY id")
        var maxID = -1
        while let row = try terms.next() {
            let id: Int64 = row[0]
            _ = vocab.add(row[1], stem: row[2], id: Int32(id))
            maxID = max(maxID, Int(id))
        }
        var counts = TermCounts()
        var scratch = TermCounts.StemMarks()
        let docTerms = try Row.fetchCursor(db, sql: "SELECT terms FROM document_terms")
        while let row = try docTerms.next() {
            let blob: Data = row[0]
            counts.add(Varint.decode([UInt8](blob)), sign: 1, vocabulary: vocab, scratch: &scratch)
        }
        var docs: [Int64: DocumentLayout] = [:]
        let paragraphs = try Row.fetchCursor(db, sql: "SELECT id, tokens, section FROM paragraphs ORDER BY id")
        while let row = try paragraphs.next() {
            let id: Int64 = row[0]
            let key = CorpusStore.documentKey(paragraphRowID: id)
            var d = docs[key] ?? DocumentLayout(lengths: [], sections: [])
            let index = CorpusStore.paragraphIndex(paragraphRowID: id)
            while d.lengths.count < index {
                d.lengths.append(0)
                d.sections.append(-1)
            }
            d.lengths.append(Int32(row[1] as Int))
            d.sections.append(Int32((row[2] as Int?) ?? -1))
            docs[key] = d
        }
        var segments: [PostingSegment] = []
        // (a store migrated from before v4 is loaded by its own migrations without `file`)
        let hasFiles = try db.columns(in: "segments").contains { $0.name == "file" }
        let rows = try Row.fetchCursor(
            db,
            sql: hasFiles
                ? "SELECT data, file FROM segments ORDER BY first"
                : "SELECT data, NULL FROM segments ORDER BY first"
        )
        while let row = try rows.next() {
            if let file: String = row[1] {
                guard let files = segmentFiles else {
                    throw PostingSegment.FormatError(description: "segment file \(file) named, but the store has no segment directory")
                }
                segments.append(try PostingSegment(mapped: try files.map(file), file: file))
            } else {
                let data: Data = row[0]
                segments.append(try PostingSegment(bytes: data))
            }
        }
        lock.lock()
        defer { lock.unlock() }
        writerVocabulary = vocab
        writerWorkers = Self.makeWorkers()
        persistedForms = maxID + 1
        vocabulary = Vocabulary()
        vocabulary.catchUp(with: vocab)
        self.counts = counts
        current = IndexSnapshot(segments: segments, documents: docs)
        loaded = true
    }
}

extension CorpusStore {
    /// Checks the in-memory index against the database and itself: every live posting counted,
    /// per form, equals the term counts kept from `document_terms`; every posting's paragraph
    /// exists; segments hold ascending, disjoint paragraph ranges. Returns the problems found.
    func integrityProblems() throws -> [String] {
        let published = state.published
        let snapshot = published.snapshot
        var problems: [String] = []
        for (a, b) in zip(snapshot.segments, snapshot.segments.dropFirst()) where a.lastParagraph >= b.firstParagraph {
            problems.append("segments overlap: \(a.firstParagraph)…\(a.lastParagraph) and \(b.firstParagraph)…\(b.lastParagraph)")
        }
        var frequency: [String: Int] = [:]
        var documents: [String: Set<Int64>] = [:]
        var keys = Set<String>()
        for s in snapshot.segments { for i in 0..<s.keyCount { keys.insert(s.key(i)) } }
        var paragraphs = Set<Int64>()
        for key in keys where key.utf8.first != PostingSegment.stemMarker {
            let p = snapshot.postings(key, positions: false)
            frequency[key] = p.tfs.reduce(0) { $0 + Int($1) }
            documents[key] = Set(p.ids.map { Self.documentKey(paragraphRowID: $0) })
            paragraphs.formUnion(p.ids)
        }
        let v = published.vocabulary
        let c = published.counts
        for f in 0..<min(v.forms.count, c.formFrequency.count) where c.formFrequency[f] != 0 || frequency[v.forms[f]] != nil {
            let form = v.forms[f]
            if c.formFrequency[f] != frequency[form] ?? 0 {
                problems.append("'\(form)': counted \(c.formFrequency[f]), postings hold \(frequency[form] ?? 0)")
            }
            if c.formDocuments[f] != documents[form]?.count ?? 0 {
                problems.append("'\(form)': in \(c.formDocuments[f]) documents by count, \(documents[form]?.count ?? 0) by postings")
            }
        }
        // a stem's postings are its forms' merged: per paragraph, the positions any of them holds
        var formsOfStem: [String: [String]] = [:]
        for f in 0..<v.forms.count where !v.forms[f].isEmpty && v.stemOfForm[f] >= 0 {
            formsOfStem[v.stems[Int(v.stemOfForm[f])], default: []].append(v.forms[f])
        }
        var scratch: [Int32] = []
        func positionsByParagraph(_ key: String) -> [Int64: Set<Int32>] {
            let p = snapshot.postings(key, positions: true)
            var out: [Int64: Set<Int32>] = [:]
            for i in 0..<p.count {
                snapshot.positions(p, i, into: &scratch)
                out[p.ids[i], default: []].formUnion(scratch)
                if Set(scratch).count != scratch.count { problems.append("'\(key)': a position repeated in paragraph \(p.ids[i])") }
            }
            return out
        }
        for key in keys where key.utf8.first == PostingSegment.stemMarker {
            let stem = String(key.dropFirst())
            var merged: [Int64: Set<Int32>] = [:]
            for form in formsOfStem[stem] ?? [] {
                merged.merge(positionsByParagraph(form)) { $0.union($1) }
            }
            if positionsByParagraph(key) != merged {
                problems.append("'\(key)': its postings are not its forms' (\((formsOfStem[stem] ?? []).joined(separator: ", ")))")
            }
        }
        let stored = try writer.read { db in Set(try Int64.fetchAll(db, sql: "SELECT id FROM paragraphs")) }
        for id in paragraphs where !stored.contains(id) { problems.append("posting for missing paragraph \(id)") }
        return problems
    }
}
