import Foundation
import SamizdatText

/// A document queued for analysis: its key, its text and its paragraphs' UTF-8 byte ranges.
struct AnalysisJob: Sendable {
    var key: Int64
    var text: String
    var paragraphs: [Range<Int>]
    /// Section index per paragraph (−1 outside every section), for the document's layout.
    var sections: [Int32]
    /// Paragraphs of the body (the notes' follow), for the reports' share of the analysis.
    var bodyParagraphs = 0
    /// UTF-8 bytes: what the work is split by.
    var bytes: Int { paragraphs.reduce(0) { $0 + $1.count } }
}

/// What analyzing one document found: words per paragraph, and its forms with their counts as
/// pairs of the worker's local form id and count, in the order first met (the writer sorts them
/// by the store's ids). `newForms` are the forms (and their stems) the worker met first in this
/// document, in local id order from `firstNewForm`.
struct DocumentAnalysis: Sendable {
    var lengths: [Int32] = []
    var pairs: [Int] = []
    var firstNewForm = 0
    var newForms: [(form: String, stem: String)] = []
    /// The document's words for the reports (nil: not asked for, or a paragraph that does not
    /// start and end between scalars, which the store keeps repaired, so the reports scan it).
    var tokens: DocumentTokens?
}

/// One thread's share of a write's analysis: it tokenizes its documents with the shared
/// `Analyzer`, numbers their forms in a vocabulary of its own (so that threads never wait for
/// each other), accumulates their postings and encodes them with the write's other workers as
/// one segment (`SegmentEncoding`; alone only when a very large write makes it flush). Segments
/// hold key strings, not ids, so nothing in them depends on the worker; only a document's form
/// counts do, and the writer maps those to the store's ids (`DocumentAnalysis.newForms`).
///
/// Kept by the store's `IndexState` across writes (its vocabulary and memory are reused); used by
/// one thread at a time, handed over through a dispatch group, which is what makes the unchecked
/// Sendable sound.
final class AnalysisWorker: @unchecked Sendable {
    let analyzer = Analyzer()
    // The properties touched for every word are `@exclusivity(unchecked)`: one thread uses the
    // worker at a time (see above), and the run-time checks cost a tenth of the analysis.
    /// Forms and stems by local id.
    @exclusivity(unchecked) private var vocabulary = LocalVocabulary()
    private let postings = PostingAccumulator()
    /// Local forms already reported in a `DocumentAnalysis`.
    private var reportedForms = 0
    /// The current document's count per local form id (`counts[0..<capacity]`), and the ids it
    /// touched (`touched[0..<touchedCount]`): plain memory, not arrays, whose uniqueness would
    /// be checked at every word.
    @exclusivity(unchecked) private var counts = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
    @exclusivity(unchecked) private var touched = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
    @exclusivity(unchecked) private var capacity = 0
    @exclusivity(unchecked) private var touchedCount = 0

    deinit {
        counts.deallocate()
        touched.deallocate()
    }

    /// Room for form ids below `count` (ids are given in order).
    private func reserveForms(_ count: Int) {
        let grown = max(count, capacity * 2, 1024)
        let c = UnsafeMutablePointer<Int32>.allocate(capacity: grown)
        let t = UnsafeMutablePointer<Int32>.allocate(capacity: grown)
        c.initialize(repeating: 0, count: grown)
        c.update(from: counts, count: capacity)
        t.update(from: touched, count: touchedCount)
        counts.deallocate()
        touched.deallocate()
        counts = c
        touched = t
        capacity = grown
        postings.reserveKeys(grown)
    }
    /// Paragraph ids of the postings held (ascending), and their word counts.
    private var paragraphs: [Int64] = []
    private var lengths: [Int32] = []

    /// Written by the writer's thread only: the store's form id of each local form id.
    var storeForm: [Int32] = []
    /// The reports' form id of each local form id (`AnalysisCorpusCache.formIDs`), and the
    /// current document's words (local form ids, offsets in their paragraphs) while they are
    /// kept for the reports.
    private var reportForm: [UInt32] = []
    @exclusivity(unchecked) private var keepsWords = false
    @exclusivity(unchecked) private var wordForms: [UInt32] = []
    @exclusivity(unchecked) private var wordOffsets: [UInt32] = []

    /// Analyzes `jobs` in order: each document's analysis goes to `results` as soon as it is
    /// done; the postings are written as segments, a new one whenever `flushBytes` of them are
    /// held. The last postings are encoded with the write's other workers' (`encoding`) as one
    /// segment, which the writer takes from `encoding`, when no worker wrote a segment before;
    /// else each worker writes its own. Returns the segments this worker wrote, in paragraph order.
    /// With `reports`, each document's words also go to its `DocumentAnalysis` in the reports'
    /// form ids (`DocumentAnalysis.tokens`).
    func run(
        _ jobs: ArraySlice<AnalysisJob>,
        results: HandOff<DocumentAnalysis>,
        flushBytes: Int,
        encoding: SegmentEncoding,
        index: Int,
        reports: AnalysisCorpusCache? = nil
    ) -> Result<[PostingSegment], Error> {
        var segments: [PostingSegment] = []
        var next = jobs.startIndex
        var arrived = false
        // an arena about the size of the text (this corpus's postings take four fifths of it),
        // up to a flush's worth
        postings.reserveArena(min(jobs.reduce(0) { $0 + $1.bytes }, flushBytes) + (1 << 20))
        do {
            while next < jobs.endIndex {
                results.put(next, analyze(jobs[next], reports: reports))
                next += 1
                if postings.arenaUsed >= flushBytes, let s = try segment(source()) { segments.append(s) }
            }
            arrived = true
            let last = source()
            if encoding.arrive(index, flushed: !segments.isEmpty, source: segments.isEmpty ? last : nil) {
                encoding.work()
                return .success([])
            }
            if let s = try segment(last) { segments.append(s) }
            return .success(segments)
        } catch {
            // the writer fails the write; it must not wait for what will not come
            while next < jobs.endIndex {
                results.put(next, DocumentAnalysis())
                next += 1
            }
            if !arrived { _ = encoding.arrive(index, flushed: true, source: nil) }
            forget()
            return .failure(error)
        }
    }

    private func analyze(_ job: AnalysisJob, reports: AnalysisCorpusCache?) -> DocumentAnalysis {
        var out = DocumentAnalysis()
        out.lengths.reserveCapacity(job.paragraphs.count)
        keepsWords = reports != nil
        wordForms.removeAll(keepingCapacity: true)
        wordOffsets.removeAll(keepingCapacity: true)
        var paragraphStarts: [Int32] = [0]
        var scalarCuts = true
        var text = job.text
        text.withUTF8 { all in
            for (index, range) in job.paragraphs.enumerated() {
                let clamped = range.clamped(to: 0..<all.count)
                let bytes = UnsafeBufferPointer(rebasing: all[clamped])
                if keepsWords {
                    scalarCuts = scalarCuts && Self.isScalarBoundary(all, clamped.lowerBound) && Self.isScalarBoundary(all, clamped.upperBound)
                }
                let words = add(paragraph: CorpusStore.paragraphRowID(document: job.key, index: index), utf8: bytes)
                out.lengths.append(Int32(words))
                paragraphStarts.append(Int32(wordForms.count))
            }
        }
        if let reports, scalarCuts {
            out.tokens = reportTokens(reports, paragraphStarts: paragraphStarts, bodyParagraphs: job.bodyParagraphs)
        }
        keepsWords = false
        out.pairs.reserveCapacity(touchedCount * 2)
        for f in UnsafeBufferPointer(start: touched, count: touchedCount) {
            out.pairs.append(Int(f))
            out.pairs.append(Int(counts[Int(f)]))
            counts[Int(f)] = 0
        }
        touchedCount = 0
        out.firstNewForm = reportedForms
        let numbering = vocabulary.numbering
        for f in reportedForms..<numbering.forms.count {
            out.newForms.append((numbering.forms[f], numbering.stems[Int(numbering.stemOfForm[f])]))
        }
        reportedForms = numbering.forms.count
        return out
    }

    /// The current document's words in the reports' form ids; local forms new to the reports
    /// are numbered there first, all together.
    private func reportTokens(_ reports: AnalysisCorpusCache, paragraphStarts: [Int32], bodyParagraphs: Int) -> DocumentTokens {
        let forms = vocabulary.numbering.forms
        if reportForm.count < forms.count {
            reportForm += reports.formIDs(forms[reportForm.count...])
        }
        var tokens = DocumentTokens()
        tokens.forms = wordForms.map { reportForm[Int($0)] }
        tokens.offsets = wordOffsets
        tokens.paragraphStarts = paragraphStarts
        tokens.bodyParagraphs = bodyParagraphs
        return tokens
    }

    /// Does a UTF-8 cut at `offset` fall between scalars (not before a continuation byte)?
    private static func isScalarBoundary(_ utf8: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        offset >= utf8.count || utf8[offset] & 0xC0 != 0x80
    }

    /// Analyzes one paragraph (ids ascend) into the accumulator; returns its word count.
    private func add(paragraph id: Int64, utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let paragraph = Int32(paragraphs.count)
        paragraphs.append(id)
        var words = 0
        let postings = self.postings
        analyzer.scanFolded(utf8: bytes) { folded, start, _, position, isCompound in
            let f = Int(vocabulary.lookup(folded).form)
            if !isCompound {
                words &+= 1
                if keepsWords {
                    wordForms.append(UInt32(f))
                    wordOffsets.append(UInt32(truncatingIfNeeded: start))
                }
            }
            // a new form (ids are given in order): room for it
            if f >= capacity { reserveForms(f + 1) }
            // only the form's postings: a stem's are its forms', merged when a segment is written
            postings.add(key: UInt32(f), paragraph: paragraph, position: UInt32(truncatingIfNeeded: position))
            if counts[f] == 0 {
                touched[touchedCount] = Int32(f)
                touchedCount &+= 1
            }
            counts[f] &+= 1
        }
        lengths.append(Int32(words))
        return words
    }

    /// The postings held (`source`, as `source()` readied them) as a segment (nil when none),
    /// then forgets them.
    private func segment(_ source: EncodingSource?) throws -> PostingSegment? {
        defer { forget() }
        guard let source, let bytes = SegmentEncoding.encode([source]) else { return nil }
        return try PostingSegment(owning: bytes)
    }

    /// Forgets the postings held, keeping the memory.
    func forget() {
        postings.reset()
        paragraphs.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
    }

    /// The postings held, readied to be encoded (nil when none): every open paragraph closed,
    /// the key order brought up to date, the touched forms grouped by stem and the keys (those
    /// forms, and their stems) in byte order. Valid until the worker analyzes or forgets again.
    private func source() -> EncodingSource? {
        guard !postings.isEmpty else { return nil }
        postings.closeAll()
        let numbering = vocabulary.numbering
        postings.order.update(numbering)
        let rank = postings.order.rank
        let stemOf = numbering.stemOfForm
        // the touched forms by stem, and the keys (form id × 2, stem id × 2 + 1) in byte order
        let byStem = postings.touched.sorted { stemOf[Int($0)] < stemOf[Int($1)] }
        if stemForms.count < numbering.stems.count {
            stemForms += [Range<Int32>](repeating: 0..<0, count: numbering.stems.count - stemForms.count)
        }
        var keys: [UInt32] = []
        keys.reserveCapacity(byStem.count * 2)
        var i = 0
        while i < byStem.count {
            let s = stemOf[Int(byStem[i])]
            var j = i + 1
            while j < byStem.count, stemOf[Int(byStem[j])] == s { j += 1 }
            for f in byStem[i..<j] { keys.append(f << 1) }
            if s >= 0 {
                stemForms[Int(s)] = Int32(i)..<Int32(j)
                keys.append(UInt32(s) << 1 | 1)
            }
            i = j
        }
        keys.sort { rank[Int($0)] < rank[Int($1)] }
        return EncodingSource(
            keys: keys,
            byStem: byStem,
            stemForms: stemForms,
            order: postings.order,
            postings: postings,
            paragraphs: paragraphs,
            lengths: lengths
        )
    }

    /// Per stem id, its forms' range in the touched forms grouped by stem (`source()`).
    private var stemForms: [Range<Int32>] = []
}

/// Values handed from worker threads to the writer's: one slot per index, set once by one
/// worker and taken once by the writer, which waits for it (`take`). Plain memory, not an
/// array, so that threads setting different slots meet no exclusivity checks; the semaphore
/// orders each slot's write before its read.
final class HandOff<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value?>
    private let count: Int
    private let ready: [DispatchSemaphore]

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: nil, count: count)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Called once per index, by the worker that computed it.
    func put(_ index: Int, _ value: Value) {
        slots[index] = value
        ready[index].signal()
    }

    /// Waits for slot `index` and takes its value (once per index).
    func take(_ index: Int) -> Value {
        ready[index].wait()
        let v = slots[index]!
        slots[index] = nil
        return v
    }
}
