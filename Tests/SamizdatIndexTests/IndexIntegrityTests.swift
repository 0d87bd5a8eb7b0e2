import Foundation
import SamizdatModel
import SamizdatText
import Testing

@testable import SamizdatIndex

/// The postings and the FTS5 field index stay consistent through replacements and deletes, and
/// the statistics count the very tokens the postings hold.
@Suite struct IndexIntegrityTests {
    func integrityCheck(_ store: CorpusStore) throws {
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO fields(fields) VALUES ('integrity-check')")
        }
        #expect(try store.integrityProblems() == [])
    }

    @Test func replaceAndDeleteKeepTheIndexConsistent() throws {
        let store = try CorpusStore.inMemory()
        for v in 1...4 {
            _ = try store.apply(CorpusStoreTests.book(version: v, extra: "Edition \(v) of post-war Žižek’s notes.").document)
            try integrityCheck(store)
        }
        var other = DocumentFixture(id: "other", title: "Other")
        other.paragraph(["Stalinists and post-war states."])
        _ = try store.apply(other.document)
        #expect(try store.delete(documentID: "book"))
        try integrityCheck(store)
        #expect(try store.search(SearchRequest(query: "edition")).totalPassages == 0)
        #expect(try store.search(SearchRequest(query: "postwar")).totalPassages == 1)
        try store.optimize()
        try integrityCheck(store)
        #expect(try store.search(SearchRequest(query: "postwar")).totalPassages == 1)
    }

    /// A stem with one form in a segment is written as an alias of that form; merges keep a stem's
    /// postings its forms' whether its forms differ between the parts, or the alias's documents
    /// are all deleted.
    @Test func stemAliasesSurviveMerges() throws {
        let store = try CorpusStore.inMemory()
        let texts = ["The workers work in Zanzibar.", "Worked, working, works: work.", "The work of the worker.", "Nothing here but working."]
        for (i, t) in texts.enumerated() {
            var d = DocumentFixture(id: "s\(i)", title: "S\(i)")
            d.paragraph([t])
            _ = try store.apply(d.document)
        }
        let aliased = store.state.snapshot.segments.map { s in (0..<s.keyCount).filter { s.entries[$0].aliasTarget != nil }.map { s.key($0) } }
        #expect(aliased.first?.contains("~zanzibar") == true)
        #expect(aliased.first?.contains("~work") == true)
        #expect(aliased.dropFirst().first?.contains("~work") == false)
        try integrityCheck(store)
        #expect(try store.search(SearchRequest(query: "work")).totalPassages == 4)
        #expect(try store.search(SearchRequest(query: "\"work in\"")).totalPassages == 1)
        #expect(try store.delete(documentID: "s0"))
        try store.optimize()
        try integrityCheck(store)
        #expect(store.state.snapshot.segments.count == 1)
        #expect(try store.search(SearchRequest(query: "work")).totalPassages == 3)
        #expect(try store.search(SearchRequest(query: "exact:work")).totalPassages == 2)
        #expect(try store.search(SearchRequest(query: "zanzibar")).totalPassages == 0)
        #expect(try store.search(SearchRequest(query: "the")).totalPassages == 1)
    }

    /// The merge policy takes the newest run of segments whose tiers are at most the newest
    /// one's, once it holds eight: writes whose segments alternate between two tiers are merged
    /// too, a larger segment before a run of small ones is left alone, and a cascade of merges
    /// keeps the segments few.
    @Test func mergeRunTakesSmallerTiersAlong() {
        #expect(PostingBatch.mergeRun(tiers: [0, 0, 1, 1, 0, 0, 1]) == nil)
        #expect(PostingBatch.mergeRun(tiers: [0, 0, 1, 1, 0, 0, 1, 1]) == 0..<8)
        #expect(PostingBatch.mergeRun(tiers: [3, 0, 0, 0, 0, 0, 0, 0]) == nil)
        #expect(PostingBatch.mergeRun(tiers: [3, 0, 0, 0, 0, 0, 0, 0, 0]) == 1..<9)
        #expect(PostingBatch.mergeRun(tiers: [2, 2, 0, 0, 0, 0, 0, 0, 1]) == nil)
        #expect(PostingBatch.mergeRun(tiers: [2, 0, 0, 0, 0, 0, 0, 0, 1]) == 1..<9)
        #expect(PostingBatch.mergeRun(tiers: [1, 2, 2, 2, 2, 2, 2, 2, 2]) == 0..<9)
        #expect(PostingBatch.mergeRun(tiers: []) == nil)
        // segments of sizes alternating across a tier's bound, one a write, merged as the commit
        // merges (until no run is due): they never stand more than a few per tier
        var tiers: [Int] = []
        var sizes: [Int] = []
        for i in 0..<2_000 {
            sizes.append(i % 3 == 0 ? 300 << 10 : 200 << 10)
            tiers.append(PostingBatch.tier(bytes: sizes.last!))
            while let run = PostingBatch.mergeRun(tiers: tiers) {
                let merged = sizes[run].reduce(0, +)
                sizes.replaceSubrange(run, with: [merged])
                tiers.replaceSubrange(run, with: [PostingBatch.tier(bytes: merged)])
            }
            #expect(tiers.count < 8 * 5, "\(tiers)")
        }
    }

    /// Many small applies: segments are merged in tiers, and every merge keeps the postings
    /// of live documents only.
    @Test func mergesKeepLivePostings() throws {
        let store = try CorpusStore.inMemory()
        for i in 0..<40 {
            var d = DocumentFixture(id: "d\(i % 25)", title: "Doc \(i)")
            d.paragraph(["Word\(i) and the common words, post-war, again."])
            var doc = d.document
            doc.version = i / 25 + 1
            _ = try store.apply(doc)
        }
        #expect(store.state.snapshot.segments.count < 16)
        try integrityCheck(store)
        #expect(try store.search(SearchRequest(query: "common")).totalPassages == 25)
        #expect(try store.search(SearchRequest(query: "word20")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "word30")).totalPassages == 1)
        #expect(try store.search(SearchRequest(query: "word5")).totalPassages == 0)
    }

    /// Block-max top-k (one term, and ANDs of terms with negated terms) gives the full ranking's documents.
    @Test func blockMaxTopDocumentsEqualFullRanking() throws {
        let store = try CorpusStore.inMemory()
        var rng = SplitMix(seed: 77)
        let words = ["lenin", "marx", "strike", "state", "war", "iron", "bread", "land", "soviet", "coal", "rare"]
        // paragraphs repeated across documents score alike: ties everywhere, as in a corpus
        // built from reused passages
        let pool = (0..<12).map { _ in
            (0..<Int.random(in: 1...12, using: &rng)).map { _ in words[Int.random(in: 0..<10, using: &rng)] }.joined(separator: " ") + "."
        }
        for d in 0..<30 {
            var f = DocumentFixture(id: "b\(d)", title: "B\(d)")
            for _ in 0..<Int.random(in: 20...120, using: &rng) {
                if Bool.random(using: &rng) {
                    f.paragraph([pool[Int.random(in: 0..<pool.count, using: &rng)]])
                    continue
                }
                let n = Int.random(in: 3...40, using: &rng)
                f.paragraph([(0..<n).map { _ in words[Int.random(in: 0..<(d % 3 == 0 ? 11 : 10), using: &rng)] }.joined(separator: " ") + "."])
            }
            _ = try store.apply(f.document)
        }
        _ = try store.delete(documentID: "b4")
        for phase in 0..<3 {
            if phase == 1 {
                // long paragraphs change the average length the scores are computed with
                for d in 0..<3 {
                    var f = DocumentFixture(id: "long\(d)", title: "Long \(d)")
                    for _ in 0..<40 { f.paragraph([(0..<400).map { _ in words[Int.random(in: 0..<11, using: &rng)] }.joined(separator: " ") + "."]) }
                    _ = try store.apply(f.document)
                }
            }
            if phase == 2 { try store.optimize() }
            let queries = words + ["lenin AND marx", "rare AND state", "strike war coal", "bread -land", "soviet AND iron -rare"]
            for q in queries {
                for k in [1, 3, 10, 40] {
                    let full = try store.rank(
                        nil,
                        store.state.snapshot,
                        store.state.query.words,
                        try store.parser.parse(q),
                        documentID: nil,
                        perDocument: 1,
                        keep: k
                    )!
                    #expect(try store.rankedPassageIDs(q, limit: k) == full.documents.map { $0.top[0].id }, "\(q) top \(k)")
                }
            }
        }
    }

    /// A merge copies a part's postings whole when it has a skip table and no dead document:
    /// the merged list then has short blocks at the part boundaries. Merging such a segment
    /// again (copying copied blocks) keeps every posting, the counts and the block-max ranking.
    @Test func mergesCopyBlocksWhole() throws {
        let store = try CorpusStore.inMemory()
        var rng = SplitMix(seed: 91)
        let words = ["coal", "iron", "bread", "land", "war"]
        var expected: [Int64] = []
        func add(_ d: Int) throws {
            var f = DocumentFixture(id: "w\(d)", title: "W\(d)")
            // 200 paragraphs, each with "coal": every document's list is longer than a block
            for _ in 0..<200 {
                f.paragraph([
                    (["coal"] + (0..<Int.random(in: 2...30, using: &rng)).map { _ in words[Int.random(in: 0..<5, using: &rng)] }).joined(
                        separator: " "
                    ) + "."
                ])
            }
            _ = try store.apply(f.document)
        }
        func check(_ stage: String) throws {
            let snapshot = store.state.snapshot
            let postings = snapshot.postings("coal", positions: true)
            #expect(postings.ids == expected, "\(stage): coal postings")
            #expect(try store.integrityProblems() == [], "\(stage)")
            for q in ["coal", "iron", "coal AND land", "war -bread", "\"coal war\""] {
                for k in [1, 10, 50] {
                    let full = try store.rank(
                        nil,
                        snapshot,
                        store.state.query.words,
                        try store.parser.parse(q),
                        documentID: nil,
                        perDocument: 1,
                        keep: k
                    )!
                    #expect(try store.rankedPassageIDs(q, limit: k) == full.documents.map { $0.top[0].id }, "\(stage): \(q) top \(k)")
                }
            }
        }
        for d in 0..<5 { try add(d) }
        expected = try store.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM paragraphs ORDER BY id") }
        try check("five segments")
        try store.optimize()
        let merged = try #require(store.state.snapshot.segments.first)
        let e = try #require(merged.entry("coal"))
        // 5 × (128 + 72): ten blocks, where refilled blocks would make eight
        #expect(e.skips.count / SkipEntry.size == 10)
        try check("merged once")
        for d in 5..<8 { try add(d) }
        expected = try store.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM paragraphs ORDER BY id") }
        try store.optimize()
        #expect(store.state.snapshot.segments.count == 1)
        try check("merged twice")
    }

    /// The store reopens with the same postings and counts.
    /// One write of many documents is analyzed by several workers, each numbering forms its
    /// own way and writing its own segments: the store ends as document-by-document writes
    /// leave it. The same id twice in one write (a new version after an old one, then the old
    /// one again) is handled in order.
    @Test func oneWriteOfManyDocumentsEqualsOneByOne() throws {
        var rng = SplitMix(seed: 5)
        let words = [
            "lenin", "marx", "strike", "state", "war", "iron", "bread", "land", "soviet", "coal", "Žižek’s",
            "post-war", "Stalinists", "1917", "rare",
        ]
        var docs: [SegmentedDocument] = []
        for i in 0..<30 {
            var d = DocumentFixture(id: "d\(i)", title: "Doc \(i)")
            for _ in 0..<(1 + Int(rng.next() % 6)) {
                let n = 3 + Int(rng.next() % 12)
                d.paragraph([(0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ") + "."])
            }
            docs.append(d.document)
        }
        var replaced = docs[3]
        replaced.version = 2
        var extra = DocumentFixture(id: "d3", title: "Doc 3, second edition")
        extra.paragraph(["Iron and coal, second edition only."])
        var second = extra.document
        second.version = 2
        let batch = docs + [second, docs[3], replaced]

        let together = try CorpusStore.inMemory()
        let outcomes = try together.apply(batch)
        #expect(outcomes.suffix(3) == [.applied, .superseded, .alreadyApplied])
        let single = try CorpusStore.inMemory()
        for d in batch { _ = try single.apply(d) }
        let bulk = try CorpusStore.inMemory()
        _ = try bulk.apply(batch, optimize: true)
        #expect(bulk.state.snapshot.segments.count == 1)

        for store in [together, single, bulk] { try integrityCheck(store) }
        #expect(try together.search(SearchRequest(query: "edition")).totalPassages == 1)
        for q in ["iron", "post-war", "postwar", "stalinist", "\"state war\"", "zizek", "1917 AND coal", "exact:stalinists"] {
            let a = try together.search(SearchRequest(query: q))
            let b = try single.search(SearchRequest(query: q))
            let c = try bulk.search(SearchRequest(query: q))
            #expect(a.totalPassages == b.totalPassages && a.totalPassages == c.totalPassages, "\(q)")
            #expect(a.hits.map(\.score) == b.hits.map(\.score) && a.hits.map(\.score) == c.hits.map(\.score), "\(q)")
        }
        let t1 = try together.terms(TermsRequest(limit: 1000))
        let t2 = try single.terms(TermsRequest(limit: 1000))
        #expect(t1.tokens == t2.tokens && t1.types == t2.types)
        #expect(t1.terms.map(\.term) == t2.terms.map(\.term) && t1.terms.map(\.frequency) == t2.terms.map(\.frequency))
    }

    /// Documents of many words for the worker tests: `count` of them, about `words` words each.
    func wordyDocuments(_ count: Int, words: Int, seed: UInt64) -> [SegmentedDocument] {
        var rng = SplitMix(seed: seed)
        let stock = [
            "lenin", "marx", "strike", "strikes", "striking", "state", "states", "war", "wars", "iron", "bread", "land",
            "soviet", "soviets", "coal", "Žižek’s", "post-war", "Stalinists", "Stalinist", "1917", "rare", "work", "worker",
            "workers", "working", "the", "of", "and", "a", "in",
        ]
        return (0..<count).map { i in
            var d = DocumentFixture(id: "w\(i)", title: "Wordy \(i)")
            var left = words
            while left > 0 {
                let n = min(left, 20 + Int(rng.next() % 60))
                d.paragraph([
                    (0..<n).map { _ in
                        rng.next() % 50 == 0 ? "word\(rng.next() % 5000)" : stock[Int(rng.next() % UInt64(stock.count))]
                    }.joined(separator: " ") + "."
                ])
                left -= n
            }
            return d.document
        }
    }

    /// A write's workers encode its last segment together: it is byte for byte the segment one
    /// worker writes for the same documents, for a write split in one key range and for one
    /// split in several (over a MiB of postings).
    @Test func workersWriteOneSegmentTogether() throws {
        for (count, words) in [(7, 300), (30, 12_000)] {
            let docs = wordyDocuments(count, words: words, seed: UInt64(count))
            let one = try CorpusStore.inMemory()
            let three = try CorpusStore.inMemory()
            one.state.writerWorkers = [AnalysisWorker()]
            three.state.writerWorkers = (0..<3).map { _ in AnalysisWorker() }
            _ = try one.apply(docs)
            _ = try three.apply(docs)
            let a = one.state.snapshot.segments
            let b = three.state.snapshot.segments
            #expect(a.count == 1 && b.count == 1)
            // compared as one Bool: a failure prints no megabyte of bytes
            let same = a.first.map { Array($0.buffer) } == b.first.map { Array($0.buffer) }
            #expect(same, "\(count) documents")
            // the large write is over a MiB, so cut in several key ranges
            #expect(count < 20 || (b.first?.byteCount ?? 0) > 1 << 20)
            try integrityCheck(three)
        }
    }

    /// Workers that wrote segments of their own during a large write (more than the flush
    /// threshold each) cannot encode the last one together: each writes its own, and the store
    /// answers as one worker's does.
    @Test func workersThatFlushedWriteTheirOwnSegments() throws {
        let docs = wordyDocuments(12, words: 2_000, seed: 9)
        let one = try CorpusStore.inMemory()
        let two = try CorpusStore.inMemory()
        one.state.writerWorkers = [AnalysisWorker()]
        two.state.writerWorkers = (0..<2).map { _ in AnalysisWorker() }
        two.state.writerFlushBytes = 16 << 10
        _ = try one.apply(docs)
        _ = try two.apply(docs)
        #expect(two.state.snapshot.segments.count > 2)
        try integrityCheck(two)
        for q in ["strike", "\"post-war state\"", "stalinist", "exact:workers", "word17*", "zizek AND coal"] {
            let x = try one.search(SearchRequest(query: q))
            let y = try two.search(SearchRequest(query: q))
            #expect(x.totalPassages == y.totalPassages && x.hits.map(\.score) == y.hits.map(\.score), "\(q)")
        }
        try two.optimize()
        #expect(two.state.snapshot.segments.count == 1)
        try integrityCheck(two)
        let x = try one.search(SearchRequest(query: "strike OR stalinist"))
        let y = try two.search(SearchRequest(query: "strike OR stalinist"))
        #expect(x.totalPassages == y.totalPassages && x.hits.map(\.score) == y.hits.map(\.score))
    }

    /// A document's (form id, count) pairs are sorted by id with a radix sort: as a comparison
    /// sort would, for ids of one to three radix digits.
    @Test func pairsSortByFormID() {
        var rng = SplitMix(seed: 3)
        var scratch: [UInt64] = []
        for (count, limit) in [(10, UInt64(100)), (500, 2_000), (5_000, 3_000_000), (3_000, 40_000_000)] {
            var ids = Set<UInt64>()
            while ids.count < count { ids.insert(rng.next() % limit) }
            var values = ids.map { $0 << 32 | (rng.next() & 0xFFFF) }
            let expected = values.sorted { $0 >> 32 < $1 >> 32 }
            PostingBatch.sortByHighHalf(&values, scratch: &scratch)
            #expect(values == expected, "\(count) ids below \(limit)")
        }
    }

    @Test func reopenedStoreAnswersAlike() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-integrity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let before: SearchResponse
        do {
            let store = try CorpusStore(path: path)
            _ = try store.apply(CorpusStoreTests.book().document)
            before = try store.search(SearchRequest(query: "stalinist OR revolution"))
        }
        let store = try CorpusStore(path: path)
        try integrityCheck(store)
        let after = try store.search(SearchRequest(query: "stalinist OR revolution"))
        #expect(after.totalPassages == before.totalPassages && after.totalPassages > 0)
        #expect(after.hits.map(\.score) == before.hits.map(\.score))
    }

    /// The WAL is copied into the database file after the writes, on the checkpointer's thread:
    /// `checkpoint()` waits for it and leaves an empty WAL, and the database file alone answers alike.
    @Test func walIsCopiedIntoTheDatabaseAfterWrites() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        func size(_ p: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? Int) ?? -1 }
        let before: SearchResponse
        do {
            let store = try CorpusStore(path: path)
            for v in 1...3 { _ = try store.apply(CorpusStoreTests.book(version: v, extra: "Edition \(v).").document) }
            before = try store.search(SearchRequest(query: "stalinist OR revolution"))
            try store.checkpoint()
            #expect(store.checkpointSeconds > 0)
            #expect(size(path + "-wal") == 0)
            #expect(size(path) > 100_000)
        }
        // the database file alone, without its WAL
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        let store = try CorpusStore(path: path)
        try integrityCheck(store)
        let after = try store.search(SearchRequest(query: "stalinist OR revolution"))
        #expect(after.totalPassages == before.totalPassages && after.totalPassages > 0)
        #expect(after.hits.map(\.score) == before.hits.map(\.score))
    }

    @Test func vocabularyMatchesAnalyzerCounts() throws {
        let store = try CorpusStore.inMemory()
        let doc = CorpusStoreTests.book().document
        _ = try store.apply(doc)
        var counts: [String: Int] = [:]
        var running = 0
        for p in doc.paragraphs {
            for t in Analyzer().tokens(doc.slice(p.start, p.end)) {
                counts[t.term, default: 0] += 1
                if !t.isCompound { running += 1 }
            }
        }
        let listed = try store.terms(TermsRequest(unit: .form, limit: 10_000))
        #expect(listed.tokens == running)
        #expect(Dictionary(uniqueKeysWithValues: listed.terms.map { ($0.term, $0.frequency) }) == counts)
        #expect(listed.types == counts.count)
    }

    @Test func stemmedStatisticsAddForms() throws {
        let store = try CorpusStore.inMemory()
        _ = try store.apply(CorpusStoreTests.book().document)
        let s = try #require(try store.terms(TermsRequest(terms: ["Stalinists"], unit: .stem)).terms.first)
        #expect(s.term == "stalinist" && s.forms == ["stalinist", "stalinists"] && s.frequency == 3 && s.documentFrequency == 1)
        let e = try #require(try store.terms(TermsRequest(terms: ["Stalinists"], unit: .form)).terms.first)
        #expect(e.term == "stalinists" && e.frequency == 1)
        let bySection = try #require(s.documents.first).sections
        #expect(bySection.map(\.title) == ["Preface", "The Revolution", "Aftermath"])
        #expect(bySection.map(\.count) == [1, 1, 1])
        let vocabulary = try store.terms(TermsRequest(unit: .stem, prefix: "stal", limit: 5))
        #expect(vocabulary.terms.map(\.term) == ["stalinist"])
    }
}

@Suite struct PageMapTests {
    @Test func pageMapReadsBackAsWritten() throws {
        let pages = [
            PageSpan(label: "vii", start: 0, end: 120), PageSpan(label: "12 \"b\" \\", start: 120, end: 4000),
            PageSpan(label: "", start: 4000, end: 4001), PageSpan(label: "Žižek\n", start: 4001, end: 9000),
        ]
        let back = try JSONDecoder().decode([PageSpan].self, from: CorpusStore.pageMapJSON(pages))
        #expect(back == pages)
        #expect(try JSONDecoder().decode([PageSpan].self, from: CorpusStore.pageMapJSON([])) == [])
    }
}
