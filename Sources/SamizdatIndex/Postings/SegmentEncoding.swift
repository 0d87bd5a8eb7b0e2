import Foundation

/// One worker's postings as they are to be encoded (`AnalysisWorker.source()`): read only, by
/// any number of threads at once, while the worker waits.
struct EncodingSource: @unchecked Sendable {
    /// The keys with postings (form id × 2, stem id × 2 + 1), in their bytes' order.
    var keys: [UInt32]
    /// The touched forms grouped by stem; `stemForms[stem]` is a stem's range in it.
    var byStem: [UInt32]
    var stemForms: [Range<Int32>]
    var order: KeyOrder
    var postings: PostingAccumulator
    /// Paragraph ids (ascending) and word counts, by the accumulator's paragraph index.
    var paragraphs: [Int64]
    var lengths: [Int32]

    /// The same through pointers, for the encoding loops (no reference counting there, which
    /// threads reading the same arrays would contend on).
    struct View {
        let keys: UnsafeBufferPointer<UInt32>
        let byStem: UnsafeBufferPointer<UInt32>
        let stemForms: UnsafeBufferPointer<Range<Int32>>
        let starts: UnsafeBufferPointer<UInt32>
        let keyLengths: UnsafeBufferPointer<UInt32>
        let pool: UnsafeBufferPointer<UInt8>
        let postings: PostingAccumulator.View
        let paragraphs: UnsafeBufferPointer<Int64>
        let lengths: UnsafeBufferPointer<Int32>

        /// The bytes of key `k` (an id, not an index).
        @inline(__always)
        func bytes(ofKey k: UInt32) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: pool.baseAddress! + Int(starts[Int(k)]), count: Int(keyLengths[Int(k)]))
        }

        /// The bytes of `keys[i]`.
        @inline(__always)
        func key(_ i: Int) -> UnsafeBufferPointer<UInt8> { bytes(ofKey: keys[i]) }

        /// The stream bytes `keys[i]` has to be encoded from (none for a stem that is an alias
        /// of its one form here), by which a write's keys are cut in ranges.
        func streamBytes(_ i: Int) -> Int {
            let k = keys[i]
            guard k & 1 == 1 else { return formBytes(k >> 1) }
            let forms = stemForms[Int(k >> 1)]
            guard forms.count > 1 else { return 0 }
            return byStem[Int(forms.lowerBound)..<Int(forms.upperBound)].reduce(0) { $0 + formBytes($1) }
        }

        private func formBytes(_ form: UInt32) -> Int {
            let (docs, positions) = postings.streams(form)
            return docs.count + positions.count
        }

        /// The first of the keys not below `bytes`.
        func lowerBound(_ bytes: [UInt8]) -> Int {
            bytes.withUnsafeBufferPointer { b in
                var lo = 0
                var hi = keys.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    let key = self.key(mid)
                    if PostingSegment.compare(key.baseAddress!, key.count, b.baseAddress!, b.count) < 0 { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
        }
    }

    func withView<R>(_ body: (View) -> R) -> R {
        keys.withUnsafeBufferPointer { keys in
            byStem.withUnsafeBufferPointer { byStem in
                stemForms.withUnsafeBufferPointer { stemForms in
                    order.starts.withUnsafeBufferPointer { starts in
                        order.lengths.withUnsafeBufferPointer { keyLengths in
                            order.pool.withUnsafeBufferPointer { pool in
                                paragraphs.withUnsafeBufferPointer { paragraphs in
                                    lengths.withUnsafeBufferPointer { lengths in
                                        body(
                                            View(
                                                keys: keys,
                                                byStem: byStem,
                                                stemForms: stemForms,
                                                starts: starts,
                                                keyLengths: keyLengths,
                                                pool: pool,
                                                postings: postings.view,
                                                paragraphs: paragraphs,
                                                lengths: lengths
                                            )
                                        )
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Views of every source, held for `body`.
    static func withViews<R>(_ sources: [EncodingSource], _ body: ([View]) -> R) -> R {
        func hold(_ i: Int, _ held: [View]) -> R {
            i == sources.count ? body(held) : sources[i].withView { hold(i + 1, held + [$0]) }
        }
        return hold(0, [])
    }
}

/// The last segment of a write, encoded by the write's workers together rather than one
/// segment each that the commit would then merge on one thread: once every worker has analyzed
/// its documents (`arrive`), the keys are cut into ranges of about equal bytes, which the
/// workers (and the writer's thread, when it is free: `help`) take one at a time (`work`) and
/// encode over every worker's postings, a key's postings worker after worker (their paragraphs
/// ascend in that order). The thread that encodes the last range puts the parts together; the
/// writer takes the segment (`segment`).
///
/// A large segment of a store on disk is written to a file of its own (`SegmentFiles`) instead:
/// each thread writes the parts it encoded at their place in the file as soon as the parts
/// before them are done, so no thread copies the bodies into one buffer; the thread that writes
/// the last part adds the dictionary, syncs the file (while the writer may still store rows) and
/// maps it into memory as the segment's bytes.
///
/// A worker that wrote a segment of its own before (a write larger than `flushBytes`) cannot
/// join: its earlier segment would overlap the joint one. Then every worker writes its own.
final class SegmentEncoding: @unchecked Sendable {
    private let condition = NSCondition()
    private let workerCount: Int
    private var arrived = 0
    private var sources: [EncodingSource?]
    /// Set once every worker arrived: whether they encode together, and the ranges' bounds
    /// (nil: no bound).
    private var joint = false
    private var bounds: [[UInt8]?] = []
    private var nextRange = 0
    private var parts: [SegmentPart?] = []
    private var finished = 0
    private var anyFlushed = false
    /// Where a large segment goes (nil: a store in memory).
    private let files: SegmentFiles?
    /// The joint segment's file while it is written (`cut`), and what of it is placed: the parts
    /// below `placed` have their offsets, the next goes at `placeAt`; `written` counts the parts
    /// whose bodies are in the file.
    private var file: SegmentFile?
    private var placed = 0
    private var placeAt = 0
    private var written = 0
    private var fileFailure: Error?
    private var flushing = false
    /// The name of the file made for the joint segment, if one was (the writer removes it when
    /// the write fails or the segment is merged away before it is stored).
    private var created: String?
    var createdFile: String? {
        condition.lock()
        defer { condition.unlock() }
        return created
    }

    init(workers: Int, files: SegmentFiles? = nil) {
        workerCount = workers
        sources = [EncodingSource?](repeating: nil, count: workers)
        self.files = files
    }

    /// Worker `index` is done analyzing: `source` is its postings (nil: none), `flushed` says
    /// it wrote a segment before (or failed), so cannot join. Waits for every worker; true when
    /// they encode together (the caller then `work`s), false when each writes its own segment.
    func arrive(_ index: Int, flushed: Bool, source: EncodingSource?) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        sources[index] = source
        anyFlushed = anyFlushed || flushed
        arrived += 1
        if arrived == workerCount {
            joint = !anyFlushed && sources.contains { $0 != nil }
            if joint { cut() }
            condition.broadcast()
        }
        while arrived < workerCount { condition.wait() }
        return joint
    }

    /// Encodes ranges until none is left.
    func work() {
        var encoder = RangeEncoder()
        let partCapacity = totalBytes / max(1, bounds.count - 1) * 3 / 2 + 4096
        while let r = takeRange() {
            let part = encoder.encode(
                present,
                from: bounds[r],
                to: bounds[r + 1],
                header: r == 0 ? header : nil,
                capacity: r == 0 && file == nil ? totalBytes : partCapacity
            )
            condition.lock()
            parts[r] = part
            finished += 1
            let last = finished == bounds.count - 1
            // with a file: the parts whose places are now known, from this thread
            var toWrite: [(body: ReleasedBytes, at: Int)] = []
            if file != nil {
                while placed < parts.count, let p = parts[placed] {
                    toWrite.append((p.body, placeAt))
                    placeAt += p.body.count
                    placed += 1
                }
            }
            condition.unlock()
            if let file {
                writeParts(toWrite, to: file)
                continue
            }
            // the thread that encodes the last range puts the parts together, while the writer's
            // thread may still be storing rows
            if last { assemble() }
        }
    }

    /// Writes parts' bodies at their places in the joint segment's file and frees them; the
    /// thread that writes the last finishes the file.
    private func writeParts(_ toWrite: [(body: ReleasedBytes, at: Int)], to file: SegmentFile) {
        var failure: Error?
        for (body, at) in toWrite {
            if failure == nil {
                do { try file.write(body.bytes, at: at) } catch { failure = error }
            }
            body.free()
        }
        condition.lock()
        written += toWrite.count
        if let failure, fileFailure == nil { fileFailure = failure }
        let last = written == bounds.count - 1
        // the pages written so far on their way to disk, on another thread, so that the sync
        // after the last part waits for little (one such sync at a time)
        let flush = !last && !toWrite.isEmpty && !flushing
        if flush { flushing = true }
        condition.unlock()
        if flush {
            file.flush { [self] failed in
                condition.lock()
                flushing = false
                if let failed, fileFailure == nil { fileFailure = failed }
                condition.broadcast()
                condition.unlock()
            }
        }
        if last { finishFile(file) }
    }

    /// After every part's body is in the file: the dictionary, then the file synced (and its
    /// name in the directory) and mapped as the segment's bytes.
    private func finishFile(_ file: SegmentFile) {
        condition.lock()
        let all = parts.map { $0! }
        parts = []
        let failure = fileFailure
        let size = placeAt
        condition.unlock()
        var result: Result<PostingSegment, Error>?
        if let failure {
            result = .failure(failure)
        } else if all.contains(where: \.hasPostings) {
            result = Result {
                let tail = SegmentWriter.tail(all, dictionaryAt: size)
                try tail.withUnsafeBufferPointer { try file.write($0, at: size) }
                try file.sync()
                // a flush still under way may meet a write-back error that this sync did not
                condition.lock()
                while flushing { condition.wait() }
                let failed = fileFailure
                condition.unlock()
                if let failed { throw failed }
                try files?.syncDirectory()
                return try PostingSegment(mapped: try file.map(count: size + tail.count), file: file.name)
            }
        }
        file.close()
        condition.lock()
        assembled = result
        condition.unlock()
    }

    /// The joint segment, once assembled (nil: no posting in any part).
    private var assembled: Result<PostingSegment, Error>?

    private func assemble() {
        condition.lock()
        let all = parts.map { $0! }
        parts = []
        condition.unlock()
        var result: Result<PostingSegment, Error>?
        if all.contains(where: \.hasPostings) {
            let bytes = SegmentWriter.assemble(all)
            result = Result { try PostingSegment(owning: bytes) }
        } else {
            for p in all { p.body.free() }
        }
        condition.lock()
        assembled = result
        condition.unlock()
    }

    /// On the writer's thread: encodes ranges too if the workers are at it, else returns at once.
    func help() {
        condition.lock()
        let ready = arrived == workerCount && joint
        condition.unlock()
        if ready { work() }
    }

    private func takeRange() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard nextRange < bounds.count - 1 else { return nil }
        nextRange += 1
        return nextRange - 1
    }

    /// After every worker returned: the joint segment (nil when the workers wrote their own, or
    /// none holds a posting).
    func segment() throws -> PostingSegment? {
        condition.lock()
        defer { condition.unlock() }
        guard joint else { return nil }
        precondition(finished == bounds.count - 1 && parts.isEmpty, "a write's joint segment taken before it is put together")
        return try assembled?.get()
    }

    // MARK: - Ranges

    /// The sources with postings, in worker (so paragraph) order.
    private var present: [EncodingSource] = []
    private var header: (first: Int64, last: Int64, documents: [Int64]) = (0, 0, [])
    private var totalBytes = 0

    /// Cuts the keys into ranges (about four per worker, one for a small write) of about equal
    /// stream bytes, by the keys of the worker with the most.
    private func cut() {
        present = sources.compactMap { $0 }
        header = Self.header(present)
        totalBytes = present.reduce(0) { $0 + $1.postings.arenaUsed } + header.documents.count * 2 + 64
        let ranges = totalBytes < 1 << 20 ? 1 : 4 * present.count
        bounds = [nil]
        if ranges > 1, let widest = present.max(by: { $0.keys.count < $1.keys.count }) {
            widest.withView { view in
                let sizes = view.keys.indices.map { view.streamBytes($0) }
                let total = sizes.reduce(0, +)
                var sum = 0
                var r = 1
                for (i, size) in sizes.enumerated() where r < ranges {
                    if sum * ranges >= total * r, i > 0 {
                        bounds.append(Array(view.key(i)))
                        r += 1
                    }
                    sum += size
                }
            }
        }
        bounds.append(nil)
        parts = [SegmentPart?](repeating: nil, count: bounds.count - 1)
        if let files, totalBytes >= files.minimumBytes {
            do {
                let f = try files.create(first: header.first)
                file = f
                created = f.name
            } catch {
                // the parts are put together in memory; storing the segment reports the problem
                file = nil
            }
        }
    }

    /// First and last paragraph, and the documents, of the sources' postings together.
    private static func header(_ sources: [EncodingSource]) -> (first: Int64, last: Int64, documents: [Int64]) {
        var documents: [Int64] = []
        for s in sources {
            for p in s.paragraphs {
                let d = CorpusStore.documentKey(paragraphRowID: p)
                if documents.last != d { documents.append(d) }
            }
        }
        return (sources.first?.paragraphs.first ?? 0, sources.last?.paragraphs.last ?? 0, documents)
    }

    /// One segment of one worker's postings (its flushes, or a write whose workers could not
    /// join); nil when it holds none.
    static func encode(_ sources: [EncodingSource]) -> UnsafeBufferPointer<UInt8>? {
        var encoder = RangeEncoder()
        let part = encoder.encode(
            sources,
            from: nil,
            to: nil,
            header: header(sources),
            capacity: sources.reduce(0) { $0 + $1.postings.arenaUsed }
        )
        guard part.hasPostings else {
            part.body.free()
            return nil
        }
        return SegmentWriter.assemble([part])
    }
}

/// Encodes one range of keys over several workers' postings; its buffers are reused from range
/// to range.
struct RangeEncoder: ~Copyable {
    /// The positions stream of the stem being written, and one paragraph's merged positions.
    private var stemPositions = ByteBuffer(capacity: 1 << 16)
    private var mergePositions: [Int] = []
    private var pieces: [UnsafeBufferPointer<UInt8>] = []

    /// The keys from `lo` (included) to `hi` (excluded) of `sources` as a segment part, the
    /// first part (with the segment's header) when `header` is given. Each form's docs stream is
    /// re-encoded with paragraph ids and block bounds, its positions copied as they are; a stem
    /// is an alias of its form when it has one here (the same in every source holding it), else
    /// its forms' postings merged.
    mutating func encode(
        _ sources: [EncodingSource],
        from lo: [UInt8]?,
        to hi: [UInt8]?,
        header: (first: Int64, last: Int64, documents: [Int64])?,
        capacity: Int
    ) -> SegmentPart {
        var writer =
            header.map { SegmentWriter(first: $0.first, last: $0.last, documents: $0.documents, capacity: capacity) }
            ?? SegmentWriter(partCapacity: capacity)
        EncodingSource.withViews(sources) { views in
            var at = [Int](repeating: 0, count: views.count)
            var end = at
            for (s, view) in views.enumerated() {
                at[s] = lo.map { view.lowerBound($0) } ?? 0
                end[s] = hi.map { view.lowerBound($0) } ?? view.keys.count
            }
            var holders: [Int] = []
            while true {
                // the smallest key at the sources' cursors, and every source holding it
                holders.removeAll(keepingCapacity: true)
                var smallest = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                for s in views.indices where at[s] < end[s] {
                    let key = views[s].key(at[s])
                    let c = holders.isEmpty ? -1 : PostingSegment.compare(key.baseAddress!, key.count, smallest.baseAddress!, smallest.count)
                    if c < 0 {
                        holders.removeAll(keepingCapacity: true)
                        smallest = key
                    }
                    if c <= 0 { holders.append(s) }
                }
                guard let first = holders.first else { break }
                if views[first].keys[at[first]] & 1 == 0 {
                    pieces.removeAll(keepingCapacity: true)
                    for s in holders {
                        let view = views[s]
                        let (docs, positions) = view.postings.streams(view.keys[at[s]] >> 1)
                        var offset = 0
                        var p = 0
                        while offset < docs.count {
                            p &+= readVarint(docs, &offset)
                            let tf = readVarint(docs, &offset)
                            let n = readVarint(docs, &offset)
                            writer.posting(view.paragraphs[p], tf: tf, length: view.lengths[p], positionsLength: n)
                        }
                        pieces.append(positions)
                    }
                    writer.endKey(smallest, positions: pieces)
                } else if let form = Self.onlyForm(views, holders, at) {
                    writer.alias(smallest, to: form)
                } else {
                    stemPositions.removeAll()
                    for s in holders {
                        let view = views[s]
                        let forms = view.stemForms[Int(view.keys[at[s]] >> 1)]
                        mergeForms(view, UnsafeBufferPointer(rebasing: view.byStem[Int(forms.lowerBound)..<Int(forms.upperBound)]), &writer)
                    }
                    writer.endKey(smallest, positions: stemPositions.bytes)
                }
                for s in holders { at[s] += 1 }
            }
        }
        return writer.part()
    }

    /// The bytes of the one form a stem has in every source holding it (the same form in each),
    /// else nil.
    private static func onlyForm(_ views: [EncodingSource.View], _ holders: [Int], _ at: [Int]) -> UnsafeBufferPointer<UInt8>? {
        var form: UnsafeBufferPointer<UInt8>?
        for s in holders {
            let view = views[s]
            let forms = view.stemForms[Int(view.keys[at[s]] >> 1)]
            guard forms.count == 1 else { return nil }
            let bytes = view.bytes(ofKey: view.byStem[Int(forms.lowerBound)] << 1)
            if let form {
                guard form.count == bytes.count, memcmp(form.baseAddress!, bytes.baseAddress!, form.count) == 0 else { return nil }
            } else {
                form = bytes
            }
        }
        return form
    }

    /// Adds to `writer` the postings a stem has through `forms` in one source: the forms'
    /// postings merged by paragraph, each paragraph's positions merged (a position two forms
    /// share counted once, as the accumulator counts a repeated position once); the positions
    /// are appended to `stemPositions`. The forms' cursors live in a buffer of their own (no
    /// array whose uniqueness is checked at every step), and a paragraph's positions from
    /// several forms are merged as the sorted runs they are, not sorted again.
    private mutating func mergeForms(_ source: EncodingSource.View, _ forms: UnsafeBufferPointer<UInt32>, _ writer: inout SegmentWriter) {
        struct Cursor {
            var docs: UnsafeBufferPointer<UInt8>
            var positions: UnsafeBufferPointer<UInt8>
            var at = 0, paragraph = 0, tf = 0, count = 0, positionsAt = 0, nextPositions = 0
            /// Moves to the next paragraph (`Int.max` past the last).
            @inline(__always)
            mutating func next() {
                guard at < docs.count else {
                    paragraph = .max
                    return
                }
                paragraph &+= readVarint(docs, &at)
                tf = readVarint(docs, &at)
                count = readVarint(docs, &at)
                positionsAt = nextPositions
                nextPositions &+= count
            }
        }
        let n = forms.count
        withUnsafeTemporaryAllocation(of: Cursor.self, capacity: n) { cursors in
            for (i, f) in forms.enumerated() {
                let (docs, positions) = source.postings.streams(f)
                cursors.initializeElement(at: i, to: Cursor(docs: docs, positions: positions))
                cursors[i].next()
            }
            defer { cursors.deinitialize() }
            while true {
                var p = Int.max
                var holding = 0
                var last = 0
                for i in 0..<n {
                    let q = cursors[i].paragraph
                    if q < p {
                        p = q
                        holding = 1
                        last = i
                    } else if q == p {
                        holding += 1
                    }
                }
                guard p != .max else { break }
                if holding == 1 {
                    let c = cursors[last]
                    stemPositions.append(UnsafeBufferPointer(rebasing: c.positions[c.positionsAt..<(c.positionsAt + c.count)]))
                    writer.posting(source.paragraphs[p], tf: c.tf, length: source.lengths[p], positionsLength: c.count)
                    cursors[last].next()
                    continue
                }
                // the holders' positions, each run ascending, merged into `mergePositions`
                mergePositions.removeAll(keepingCapacity: true)
                for i in 0..<n where cursors[i].paragraph == p {
                    let c = cursors[i]
                    mergeScratch.removeAll(keepingCapacity: true)
                    var at = c.positionsAt
                    var position = 0
                    while at < c.positionsAt + c.count {
                        position += readVarint(c.positions, &at)
                        mergeScratch.append(position)
                    }
                    Self.mergeSorted(&mergePositions, mergeScratch, into: &mergeOut)
                    cursors[i].next()
                }
                let before = stemPositions.count
                var previous = 0
                var tf = 0
                for position in mergePositions {
                    stemPositions.varint(position - previous)
                    previous = position
                    tf += 1
                }
                writer.posting(source.paragraphs[p], tf: tf, length: source.lengths[p], positionsLength: stemPositions.count - before)
            }
        }
    }

    private var mergeScratch: [Int] = []
    private var mergeOut: [Int] = []

    /// `a` merged with `b` (both ascending, `a` without repeats), each position once; `out` is
    /// scratch, swapped with `a`.
    static func mergeSorted(_ a: inout [Int], _ b: [Int], into out: inout [Int]) {
        guard !a.isEmpty else {
            a.append(contentsOf: b)
            return
        }
        out.removeAll(keepingCapacity: true)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let x: Int
            if j == b.count || (i < a.count && a[i] <= b[j]) {
                x = a[i]
                i += 1
            } else {
                x = b[j]
                j += 1
            }
            if out.last != x { out.append(x) }
        }
        swap(&a, &out)
    }
}
