import Foundation
import GRDB
import GRDBSQLite
import SamizdatText

/// What one write transaction does to the in-memory index: has its documents analyzed (on the
/// store's `AnalysisWorker`s, in parallel) into new posting segments, records removals, and at
/// the end stores and merges segments (`commit`). Used only inside a write transaction.
struct PostingBatch {
    let state: IndexState
    /// The store's forms and stems (ids as in the `terms` table).
    var vocabulary: Vocabulary
    var events: [IndexState.Event] = []
    /// Merge every segment into one (`optimize`).
    var mergeAll = false
    /// When set, the workers also give each document's words in these reports' form ids, and
    /// `reportTokens` collects them (the reports then analyse nothing again).
    var reports: AnalysisCorpusCache?
    /// The words of the documents this batch wrote, by key, for the reports once it commits.
    var reportTokens: [(key: Int64, tokens: DocumentTokens)] = []
    /// Documents queued for analysis, and the workers analyzing them (`start`).
    private var jobs: [AnalysisJob] = []
    private var running: Running?
    /// Segments this batch has written so far.
    var flushed: [PostingSegment] = []
    /// Forms below this id have their `terms` row written in this batch.
    private var termsWritten = 0
    /// Segment files this batch made (to remove if the write fails, or once it commits if no
    /// row names them), and the files of the published segments its merges replace (to remove
    /// once it commits).
    var createdFiles: [String] = []
    var replacedFiles: [String] = []

    private struct Running {
        var jobs: [AnalysisJob]
        /// Jobs `bounds[w]..<bounds[w + 1]` go to worker `w`.
        var bounds: [Int]
        var results: HandOff<DocumentAnalysis>
        /// Each worker's segments, or its failure.
        var segments: HandOff<Result<[PostingSegment], Error>>
        /// The workers' last postings, encoded together.
        var encoding: SegmentEncoding
        var group: DispatchGroup
    }

    init(state: IndexState) {
        self.state = state
        // Taken out of the state so that growing it never copies it; `commit` puts it back and
        // a failed write reloads it.
        vocabulary = state.writerVocabulary
        state.writerVocabulary = Vocabulary()
    }

    var hasQueued: Bool { !jobs.isEmpty || running != nil }

    /// Queues a document for analysis (its key must exceed every key queued before).
    mutating func enqueue(_ job: AnalysisJob) {
        precondition(running == nil, "a document queued while the workers run")
        jobs.append(job)
    }

    /// Starts analyzing the queued documents: split into contiguous runs of about equal size,
    /// one per worker, on other threads.
    mutating func start() {
        guard running == nil, !jobs.isEmpty else { return }
        let jobs = self.jobs
        self.jobs = []
        let workers = state.writerWorkers
        let flushBytes = state.writerFlushBytes
        let n = min(workers.count, jobs.count)
        let total = jobs.reduce(0) { $0 + $1.bytes }
        var bounds = [0]
        var sum = 0
        for (i, j) in jobs.enumerated() where bounds.count < n {
            sum += j.bytes
            if sum * n >= total * bounds.count, i + 1 < jobs.count { bounds.append(i + 1) }
        }
        bounds.append(jobs.count)
        let run = Running(
            jobs: jobs,
            bounds: bounds,
            results: HandOff(count: jobs.count),
            segments: HandOff(count: bounds.count - 1),
            encoding: SegmentEncoding(workers: bounds.count - 1, files: state.segmentFiles),
            group: DispatchGroup()
        )
        for w in 0..<(bounds.count - 1) {
            let worker = workers[w]
            let slice = jobs[bounds[w]..<bounds[w + 1]]
            let results = run.results
            let segments = run.segments
            let encoding = run.encoding
            let reports = self.reports
            DispatchQueue.global(qos: .userInitiated).async(group: run.group) {
                segments.put(w, worker.run(slice, results: results, flushBytes: flushBytes, encoding: encoding, index: w, reports: reports))
            }
        }
        running = run
    }

    /// Waits for the analysis of every queued document (starting it if need be), calling `body`
    /// on this thread for each in turn as soon as it is ready, with its words per paragraph and
    /// its (form id, count) pairs ascending by the store's form ids; queues each for publishing;
    /// then stores the workers' segments. A document's `sections` go into its layout.
    mutating func finish(_ db: Database, _ body: (_ index: Int, _ lengths: [Int32], _ pairs: [Int]) throws -> Void) throws {
        start()
        guard let run = running else { return }
        running = nil
        var failure: Error?
        var w = 0
        // a large write's rows on their way to disk as they are stored (every 8 MiB of text),
        // so that the commit's sync has little left to wait for
        let flusher = run.jobs.reduce(0, { $0 + $1.bytes }) >= Self.flushedWrite ? state.walPath.flatMap(WALFlusher.init) : nil
        var unflushed = 0
        for (i, job) in run.jobs.enumerated() {
            while i >= run.bounds[w + 1] { w += 1 }
            let analysis = run.results.take(i)
            guard failure == nil else { continue }
            do {
                let pairs = storePairs(analysis, worker: state.writerWorkers[w])
                try body(i, analysis.lengths, pairs)
                events.append(.add(job.key, DocumentLayout(lengths: analysis.lengths, sections: job.sections), pairs))
                if let tokens = analysis.tokens {
                    reportTokens.append((job.key, tokens))
                }
            } catch {
                failure = error
            }
            unflushed += job.bytes
            if let flusher, unflushed >= Self.flushedWrite * 2 {
                flusher.flush()
                unflushed = 0
            }
        }
        // the new forms' rows, all together: in the unique index on the terms they fall all
        // over, and stored document by document its pages went to the WAL and were written
        // again, which makes SQLite rewrite the frames after them at the commit
        if failure == nil {
            do { try persistNewTerms(db) } catch { failure = error }
        }
        flusher?.flush()
        // the workers' joint segment: ranges left to encode are taken on this thread too
        run.encoding.help()
        run.group.wait()
        defer { for w in 0..<(run.bounds.count - 1) { state.writerWorkers[w].forget() } }
        if let file = run.encoding.createdFile { createdFiles.append(file) }
        if let failure { throw failure }
        for w in 0..<(run.bounds.count - 1) {
            flushed += try run.segments.take(w).get()
        }
        if let joint = try run.encoding.segment() { flushed.append(joint) }
    }

    /// Waits for the workers and drops what they did (a write failing between `start` and
    /// `finish`: the store reloads its index, workers included).
    mutating func abandon() {
        running?.group.wait()
        running = nil
        jobs = []
    }

    /// A document's pairs in the store's form ids, ascending; new forms of the worker get ids.
    private mutating func storePairs(_ analysis: DocumentAnalysis, worker: AnalysisWorker) -> [Int] {
        precondition(analysis.firstNewForm == worker.storeForm.count, "a worker's new forms reported out of order")
        for (form, stem) in analysis.newForms {
            worker.storeForm.append(vocabulary.id(form, stem: stem))
        }
        // (store id, count) packed in one integer each, so that a plain integer sort orders them
        var mapped: [UInt64] = []
        mapped.reserveCapacity(analysis.pairs.count / 2)
        var i = 0
        while i + 1 < analysis.pairs.count {
            mapped.append(UInt64(UInt32(worker.storeForm[analysis.pairs[i]])) << 32 | UInt64(UInt32(truncatingIfNeeded: analysis.pairs[i + 1])))
            i += 2
        }
        Self.sortByHighHalf(&mapped, scratch: &sortScratch)
        var pairs: [Int] = []
        pairs.reserveCapacity(analysis.pairs.count)
        for m in mapped {
            pairs.append(Int(m >> 32))
            pairs.append(Int(m & 0xFFFF_FFFF))
        }
        return pairs
    }

    private var sortScratch: [UInt64] = []

    /// Sorts `values` by their high 32 bits (distinct, small: form ids) by radix, eleven bits a
    /// pass, as many passes as the largest needs: a document's few thousand pairs in a few
    /// linear passes, where a comparison sort took a twentieth of the writer's thread.
    /// `scratch` is kept from call to call (it only grows).
    static func sortByHighHalf(_ values: inout [UInt64], scratch: inout [UInt64]) {
        guard values.count > 32 else {
            values.sort()
            return
        }
        let n = values.count
        let largest = values.reduce(0) { max($0, $1 >> 32) }
        if scratch.count < n { scratch = [UInt64](repeating: 0, count: max(n, scratch.count * 2)) }
        values.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { t in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 2049) { counts in
                    var from = v.baseAddress!
                    var to = t.baseAddress!
                    var shift: UInt64 = 32
                    while shift == 32 || largest >> (shift - 32) > 0 {
                        counts.initialize(repeating: 0)
                        for i in 0..<n { counts[Int((from[i] >> shift) & 2047) + 1] += 1 }
                        for i in 1..<2049 { counts[i] += counts[i - 1] }
                        for i in 0..<n {
                            let b = Int((from[i] >> shift) & 2047)
                            to[counts[b]] = from[i]
                            counts[b] += 1
                        }
                        swap(&from, &to)
                        shift += 11
                    }
                    // the sorted values are where the last pass wrote them
                    if from != v.baseAddress! { v.baseAddress!.update(from: from, count: n) }
                }
            }
        }
    }

    mutating func removed(key: Int64, pairs: [Int]) {
        events.append(.remove(key, pairs))
    }

    /// `terms` rows for forms first seen since the last commit (and not written by an earlier
    /// call in this batch).
    mutating func persistNewTerms(_ db: Database) throws {
        let first = max(state.persistedForms, termsWritten)
        guard first < vocabulary.forms.count else { return }
        termsWritten = vocabulary.forms.count
        var insert = try RowInsert(db, sql: "INSERT INTO terms(id, term, stem) VALUES (?, ?, ?)")
        for id in first..<vocabulary.forms.count where !vocabulary.forms[id].isEmpty {
            insert.int(id)
            insert.text(vocabulary.forms[id])
            insert.text(vocabulary.stems[Int(vocabulary.stemOfForm[id])])
            try insert.insert()
        }
    }

    /// Merges the published segments and the batch's new ones as the tiered policy (or
    /// `mergeAll`) asks, stores the new segments the merges left, deletes the rows of those
    /// merged away, and returns the change to publish after the commit.
    mutating func commit(_ db: Database) throws -> IndexState.Change {
        defer { state.writerVocabulary = vocabulary }
        let published = state.snapshot
        precondition(!hasQueued, "a write commits with documents still queued for analysis")
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
            if let merged {
                segments.replaceSubrange(run, with: [merged])
            } else {
                segments.removeSubrange(run)
            }
            changed = true
            if mergeAll { break }
        }
        // Rows change only for what the merges left: a segment written and merged away in this
        // transaction is never stored.
        let kept = Set(segments.map(ObjectIdentifier.init))
        for s in published.segments where !kept.contains(ObjectIdentifier(s)) {
            try db.execute(sql: "DELETE FROM segments WHERE first = ?", arguments: [s.firstParagraph])
            if let file = s.file { replacedFiles.append(file) }
        }
        let stored = Set(published.segments.map(ObjectIdentifier.init))
        var wroteFiles = false
        for s in segments where !stored.contains(ObjectIdentifier(s)) {
            if s.file == nil, let files = state.segmentFiles, s.byteCount >= files.minimumBytes {
                // a large segment made here (a merge's, or one a worker wrote alone): to a file
                let file = try files.write(s.buffer, first: s.firstParagraph)
                s.file = file
                createdFiles.append(file)
                wroteFiles = true
            }
            if let file = s.file {
                try db.execute(
                    sql: "INSERT INTO segments(first, last, data, file) VALUES (?, ?, x'', ?)",
                    arguments: [s.firstParagraph, s.lastParagraph, file]
                )
            } else {
                try Self.store(s, db)
            }
        }
        // the new files' names durable before the commit that names them (the joint segment's
        // encoders synced theirs)
        if wroteFiles { try state.segmentFiles?.syncDirectory() }
        return IndexState.Change(events: events, snapshot: changed ? after.after([], segments: segments) : after)
    }

    /// The files to remove once the write has committed: those its merges replaced, and those it
    /// made that no row names (a segment merged away in the same write).
    func filesToRemoveAfterCommit(_ change: IndexState.Change) -> [String] {
        let named = Set((change.snapshot ?? state.snapshot).segments.compactMap(\.file))
        return replacedFiles + createdFiles.filter { !named.contains($0) }
    }

    /// Inserts a segment's row with its bytes, writing them in place (incremental blob I/O)
    /// rather than through two copies (a `Data`, then SQLite's own).
    static func store(_ segment: PostingSegment, _ db: Database) throws {
        guard segment.byteCount < Int(Int32.max) else {
            throw DatabaseError(message: "a posting segment of \(segment.byteCount) bytes is over SQLite's blob limit")
        }
        try db.execute(
            sql: "INSERT INTO segments(first, last, data) VALUES (?, ?, zeroblob(?))",
            arguments: [segment.firstParagraph, segment.lastParagraph, segment.byteCount]
        )
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
    /// `mergeFactor` segments are of the newest one's tier or smaller, they are merged into one
    /// (`mergeRun`). Every posting is rewritten about once per tier, and at most
    /// `mergeFactor` − 1 segments stand in each tier.
    static let mergeFactor = 8

    /// Text bytes from which a write syncs its WAL as it goes (`WALFlusher`).
    static let flushedWrite = 4 << 20

    static func tier(_ s: PostingSegment) -> Int { tier(bytes: s.byteCount) }

    static func tier(bytes: Int) -> Int {
        var t = 0
        var size = bytes / (256 * 1024)
        while size > 0 {
            t += 1
            size /= 8
        }
        return t
    }

    /// The newest segments to merge, if any: the longest run at the end whose tiers are at most
    /// the newest one's, when it holds `mergeFactor` segments. (Only segments of the newest one's
    /// own tier, as before, left runs of smaller ones standing between larger ones for good
    /// wherever writes of varying size alternated tiers: 60 segments after the index service
    /// took in the 50 MB bench corpus.)
    static func mergeRun(_ segments: [PostingSegment]) -> Range<Int>? {
        mergeRun(tiers: segments.map(tier))
    }

    static func mergeRun(tiers: [Int]) -> Range<Int>? {
        guard let t = tiers.last else { return nil }
        var start = tiers.count - 1
        while start > 0, tiers[start - 1] <= t { start -= 1 }
        return tiers.count - start >= mergeFactor ? start..<tiers.count : nil
    }
}
