import Foundation
import GRDB
import SamizdatModel
import SamizdatText
import Testing

@testable import SamizdatIndex

/// Large posting segments live in files beside the database (`SegmentFiles`): the rows name
/// them, the store reopens from them, merges replace them, and files no row names are removed.
@Suite struct SegmentFileTests {
    /// A store in a fresh directory; `segmentFileBytes: 0` puts every segment in a file.
    struct Place {
        let dir: URL
        var path: String { dir.appendingPathComponent("store.sqlite").path }
        var segments: String { SegmentFiles.directory(forDatabase: path) }

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-segfiles-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }

        func files() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: segments).filter { $0.hasSuffix(SegmentFiles.suffix) }.sorted()
        }

        func rows(_ store: CorpusStore) throws -> [(file: String?, bytes: Int)] {
            try store.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT file, length(data) AS n FROM segments ORDER BY first").map { ($0["file"], $0["n"]) }
            }
        }

        func remove() { try? FileManager.default.removeItem(at: dir) }

        /// A store here with one write of two documents (one segment file), then closed.
        func writeOnce(seed: UInt64) throws {
            let store = try CorpusStore(path: path, segmentFileBytes: 0)
            _ = try store.apply(IndexIntegrityTests().wordyDocuments(2, words: 300, seed: seed))
        }
    }

    func same(_ a: CorpusStore, _ b: CorpusStore, _ queries: [String]) throws {
        for q in queries {
            let x = try a.search(SearchRequest(query: q))
            let y = try b.search(SearchRequest(query: q))
            #expect(x.totalPassages == y.totalPassages && x.hits.map(\.score) == y.hits.map(\.score), "\(q)")
            #expect(x.hits.map(\.paragraph) == y.hits.map(\.paragraph), "\(q)")
        }
    }

    static let queries = ["strike", "\"post-war state\"", "stalinist", "exact:workers", "word17*", "zizek AND coal", "strike NEAR/3 coal"]

    /// A write's joint segment goes to a file (the workers write their parts into it), the row
    /// names it with no bytes of its own, the file's bytes are the segment's, and the store
    /// reopens from it and answers as a store in memory does.
    @Test func aLargeSegmentIsAFileTheRowNames() throws {
        let place = try Place()
        defer { place.remove() }
        // over a MiB of postings: several key ranges, several parts written into the file
        let docs = IndexIntegrityTests().wordyDocuments(30, words: 12_000, seed: 30)
        let memory = try CorpusStore.inMemory()
        memory.state.writerWorkers = (0..<3).map { _ in AnalysisWorker() }
        _ = try memory.apply(docs)
        do {
            let store = try CorpusStore(path: place.path, segmentFileBytes: 0)
            store.state.writerWorkers = (0..<3).map { _ in AnalysisWorker() }
            _ = try store.apply(docs)
            let files = try place.files()
            #expect(files.count == 1)
            let rows = try place.rows(store)
            #expect(rows.count == 1 && rows.first?.file == files.first && rows.first?.bytes == 0)
            let segment = try #require(store.state.snapshot.segments.first)
            #expect(segment.byteCount > 1 << 20)
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: place.segments + "/" + files[0]))
            let inMemory = try #require(memory.state.snapshot.segments.first)
            // compared as one Bool: a failure prints no megabyte of bytes
            let identical = Array(onDisk) == Array(inMemory.buffer) && Array(segment.buffer) == Array(inMemory.buffer)
            #expect(identical)
            try same(store, memory, Self.queries)
        }
        let reopened = try CorpusStore(path: place.path, segmentFileBytes: 0)
        try IndexIntegrityTests().integrityCheck(reopened)
        try same(reopened, memory, Self.queries)
    }

    /// Writes that each leave a file, then merges: the merged segment's file replaces theirs,
    /// which are removed once the merge commits; deletes and replacements keep their answers.
    @Test func mergesReplaceFiles() throws {
        let place = try Place()
        defer { place.remove() }
        let store = try CorpusStore(path: place.path, segmentFileBytes: 0)
        let memory = try CorpusStore.inMemory()
        let docs = IndexIntegrityTests().wordyDocuments(6, words: 400, seed: 6)
        for d in docs {
            _ = try store.apply(d)
            _ = try memory.apply(d)
        }
        #expect(try place.files().count == store.state.snapshot.segments.count)
        #expect(store.state.snapshot.segments.count == 6)
        #expect(try store.delete(documentID: docs[2].id))
        #expect(try memory.delete(documentID: docs[2].id))
        try same(store, memory, Self.queries)
        try store.optimize()
        let files = try place.files()
        #expect(files.count == 1 && store.state.snapshot.segments.count == 1)
        #expect(try place.rows(store).map(\.file) == files)
        try IndexIntegrityTests().integrityCheck(store)
        try same(store, memory, Self.queries)
        let reopened = try CorpusStore(path: place.path, segmentFileBytes: 0)
        try same(reopened, memory, Self.queries)
    }

    /// Small segments stay in their rows; a store whose rows hold bytes (written before files,
    /// or under the threshold) reads them beside files, and merges them into a file.
    @Test func rowsAndFilesTogether() throws {
        let place = try Place()
        defer { place.remove() }
        let docs = IndexIntegrityTests().wordyDocuments(4, words: 300, seed: 4)
        let memory = try CorpusStore.inMemory()
        do {
            let store = try CorpusStore(path: place.path)  // the default threshold: these stay in rows
            _ = try store.apply(Array(docs[0..<2]))
            _ = try memory.apply(Array(docs[0..<2]))
            #expect(try place.files().isEmpty)
            #expect(try place.rows(store).allSatisfy { $0.file == nil && $0.bytes > 0 })
        }
        let store = try CorpusStore(path: place.path, segmentFileBytes: 0)
        _ = try store.apply(Array(docs[2..<4]))
        _ = try memory.apply(Array(docs[2..<4]))
        #expect(try place.rows(store).map { $0.file == nil } == [true, false])
        try same(store, memory, Self.queries)
        try store.optimize()
        #expect(try place.rows(store).map { $0.file == nil } == [false])
        #expect(try place.files().count == 1)
        try same(store, memory, Self.queries)
    }

    /// Files no row names (a write that failed or did not commit, a merge's leftovers) are
    /// removed when the store opens; other files in the directory are left alone.
    @Test func unnamedFilesAreRemovedAtOpen() throws {
        let place = try Place()
        defer { place.remove() }
        try place.writeOnce(seed: 2)
        let named = try place.files()
        #expect(named.count == 1)
        let stray = place.segments + "/100000-abc" + SegmentFiles.suffix
        let other = place.segments + "/notes.txt"
        #expect(FileManager.default.createFile(atPath: stray, contents: Data([1, 2, 3])))
        #expect(FileManager.default.createFile(atPath: other, contents: Data([1])))
        let store = try CorpusStore(path: place.path, segmentFileBytes: 0)
        #expect(try place.files() == named)
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(try store.search(SearchRequest(query: "strike")).totalPassages > 0)
    }

    /// A row naming a file that is gone is a clear error when the store opens, not a crash.
    @Test func aMissingFileIsNamed() throws {
        let place = try Place()
        defer { place.remove() }
        try place.writeOnce(seed: 3)
        let name = try #require(try place.files().first)
        try FileManager.default.removeItem(atPath: place.segments + "/" + name)
        #expect {
            _ = try CorpusStore(path: place.path, segmentFileBytes: 0)
        } throws: { error in
            "\(error)".contains(name)
        }
    }
}

@Suite struct DurabilityTests {
    /// The writer's connection syncs the WAL at each commit (GRDB's WAL mode sets NORMAL, which
    /// syncs only at checkpoints): index acknowledges documents after their commit.
    @Test func commitsAreSynced() throws {
        let place = try SegmentFileTests.Place()
        defer { place.remove() }
        let store = try CorpusStore(path: place.path)
        let level = try store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 2)
    }

    /// A large write syncs its WAL as it goes and stores each document's row once, with its
    /// word count: the counts read back as the analyzer gives them.
    @Test func documentRowsCarryTheirWordCounts() throws {
        let place = try SegmentFileTests.Place()
        defer { place.remove() }
        let docs = IndexIntegrityTests().wordyDocuments(12, words: 60_000, seed: 12)
        #expect(docs.reduce(0) { $0 + $1.text.utf8.count } >= PostingBatch.flushedWrite)
        let store = try CorpusStore(path: place.path)
        _ = try store.apply(docs)
        let stored = try store.writer.read { db in try Int.fetchAll(db, sql: "SELECT tokens FROM documents ORDER BY key") }
        let layouts = store.state.snapshot.documents.sorted { $0.key < $1.key }.map { $0.value.words }
        #expect(stored == layouts && stored.count == docs.count)
        // and the analyzer's count, for one of them
        let d = docs[0]
        let analyzer = Analyzer()
        let words = d.paragraphs.reduce(0) { n, p in n + analyzer.tokens(d.slice(p.start, p.end)).filter { !$0.isCompound }.count }
        #expect(stored.first == words)
    }
}
