import Foundation
import GRDB
import SamizdatModel
import SamizdatText

extension CorpusStore {
    /// Applies one segmented document in one transaction. Idempotent per (id, version): the stored
    /// version again changes nothing; a newer version replaces the old one everywhere (paragraphs,
    /// postings, term statistics); an older one is ignored.
    public func apply(_ doc: SegmentedDocument) throws -> ApplyOutcome {
        try apply([doc])[0]
    }

    /// Applies several documents in one transaction (one commit, one fsync): each as `apply(_:)`
    /// would, in order. All or none are stored. Their words are analyzed on other threads while
    /// this one writes their rows.
    public func apply(_ docs: [SegmentedDocument]) throws -> [ApplyOutcome] {
        try apply(docs, optimize: false)
    }

    /// Applies `docs` as `apply(_:)` does; with `optimize`, the same transaction then ends as
    /// `optimize()` would, with one posting segment: a bulk load's way, which never stores the
    /// segments it merges away.
    public func apply(_ docs: [SegmentedDocument], optimize: Bool) throws -> [ApplyOutcome] {
        let outcomes = try write { db, batch in
            batch.mergeAll = optimize
            if self.sharesAnalysisWithReports {
                batch.reports = self.analysisCache
            }
            var outcomes: [ApplyOutcome] = []
            // Documents get their keys here and are queued for analysis; their rows are written
            // once the workers run (`finishQueued`).
            var queued: [QueuedDocument] = []
            var queuedVersion: [String: Int] = [:]
            var nextKey = try self.nextDocumentKey(db)
            for doc in docs {
                if let version = queuedVersion[doc.id] {
                    if version == doc.version {
                        outcomes.append(.alreadyApplied)
                        continue
                    }
                    if version > doc.version {
                        outcomes.append(.superseded)
                        continue
                    }
                    // a newer version of a document of this write: the earlier one is written
                    // (and its term counts) before it is replaced
                    try self.finishQueued(db, &queued, &batch)
                    queuedVersion = [:]
                }
                if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT key, version FROM documents WHERE id = ?"), arguments: [doc.id]) {
                    let stored: Int = row["version"]
                    if stored == doc.version {
                        outcomes.append(.alreadyApplied)
                        continue
                    }
                    if stored > doc.version {
                        outcomes.append(.superseded)
                        continue
                    }
                    try self.removeDocument(db, key: row["key"], &batch)
                }
                let q = try Self.queuedDocument(doc, key: nextKey)
                nextKey += 1
                batch.enqueue(
                    AnalysisJob(
                        key: q.key,
                        text: q.doc.text,
                        paragraphs: q.paragraphs.map { $0.start..<$0.end },
                        sections: q.sections,
                        bodyParagraphs: q.bodyParagraphs
                    )
                )
                queued.append(q)
                queuedVersion[doc.id] = doc.version
                outcomes.append(.applied)
            }
            try self.finishQueued(db, &queued, &batch)
            return outcomes
        }
        return outcomes
    }

    /// The key the next document gets: above every key ever given (`AUTOINCREMENT`'s sequence),
    /// so a deleted document's key is never reused while postings of it may remain.
    func nextDocumentKey(_ db: Database) throws -> Int64 {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'documents'") ?? 0
        let highest = try Int64.fetchOne(db, sql: "SELECT max(key) FROM documents") ?? 0
        return max(sequence, highest) + 1
    }

    /// Removes a document, its versions and its share of every statistic. False when unknown.
    public func delete(documentID: String) throws -> Bool {
        try write { db, batch in
            guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM documents WHERE id = ?", arguments: [documentID]) else {
                return false
            }
            try self.removeDocument(db, key: key, &batch)
            try db.execute(sql: "DELETE FROM versions WHERE id = ?", arguments: [documentID])
            return true
        }
    }

    /// One write transaction with a posting batch: the batch's segment is stored and merged before
    /// the commit; the in-memory index changes are published after it. A failed write reloads the
    /// in-memory index from the database, so nothing of it survives.
    func write<T>(_ body: @escaping (Database, inout PostingBatch) throws -> T) throws -> T {
        try loadIfNeeded()
        defer { SegmentMemory.trim() }
        // segment files: made by this write (removed if it fails), and to remove once it commits
        var created: [String] = []
        var obsolete: [String] = []
        // the written documents' words, for the reports once the write has committed
        var reportTokens: [(key: Int64, tokens: DocumentTokens)] = []
        // the state to publish, computed while SQLite commits (and syncs)
        let next = PreparedState()
        do {
            let result = try writer.write { db -> T in
                var batch = PostingBatch(state: self.state)
                defer {
                    created = batch.createdFiles
                    reportTokens = batch.reportTokens
                }
                let result = try body(db, &batch)
                if self.commitPauseMs > 0 { Thread.sleep(forTimeInterval: Double(self.commitPauseMs) / 1000) }
                try batch.persistNewTerms(db)
                let change = try batch.commit(db)
                obsolete = batch.filesToRemoveAfterCommit(change)
                next.start { self.state.prepare(change) }
                return result
            }
            state.persistedForms = state.writerVocabulary.forms.count
            if let prepared = next.wait() { state.publish(prepared) }
            state.segmentFiles?.remove(obsolete)
            checkpointer?.request()
            analysisCache.keep(reportTokens)
            return result
        } catch {
            _ = next.wait()
            state.segmentFiles?.remove(created)
            try? writer.read { db in try self.state.load(db) }
            throw error
        }
    }

    /// The published state a write will leave, computed on another thread while the write's
    /// commit runs (`IndexState.prepare`).
    final class PreparedState: @unchecked Sendable {
        private let group = DispatchGroup()
        private var value: IndexState.Prepared?
        private var started = false

        func start(_ work: @escaping @Sendable () -> IndexState.Prepared) {
            started = true
            DispatchQueue.global(qos: .userInitiated).async(group: group) { self.value = work() }
        }

        /// Waits for it (nil: never started).
        func wait() -> IndexState.Prepared? {
            guard started else { return nil }
            group.wait()
            return value
        }
    }

    // MARK: - Writing

    /// A document given its key and queued for analysis; its rows are written by `finishQueued`.
    struct QueuedDocument {
        var doc: SegmentedDocument
        var key: Int64
        var paragraphs: [Paragraph]
        /// Section index per paragraph, −1 outside every section.
        var sections: [Int32]
        var chains: [String]
        var docField: String
        /// The body's paragraphs come first in `paragraphs`, then one per note.
        var bodyParagraphs: Int
        /// The clean text's size (`doc.text` also holds the notes).
        var cleanBytes: Int
    }

    /// A document to be stored under `key`: its paragraphs (between blank lines when the
    /// segmenter gave none) and their sections.
    static func queuedDocument(_ doc: SegmentedDocument, key: Int64) throws -> QueuedDocument {
        let body = doc.paragraphs.isEmpty ? Self.blankLineParagraphs(doc.text) : doc.paragraphs
        // The notes are stored and indexed as paragraphs of kind `note` after the body's, their
        // texts appended to the clean text (offsets past its end), each in the section of its
        // marker and on the page where it is printed.
        var stored = doc
        var paragraphs = body
        if !doc.notes.isEmpty {
            var text = doc.text
            for note in doc.notes {
                text += "\n\n"
                let start = text.utf8.count
                text += note.text
                let markerSection = note.marker.flatMap { Self.bodySection(at: $0, in: body) }
                paragraphs.append(
                    Paragraph(
                        kind: .note,
                        start: start,
                        end: text.utf8.count,
                        section: markerSection ?? note.section,
                        page: note.page ?? note.marker.flatMap { doc.page(at: $0) }
                    )
                )
            }
            stored.text = text
        }
        guard paragraphs.count < Self.maxParagraphs else {
            throw DatabaseError(message: "document \(doc.id) has \(paragraphs.count) paragraphs, more than the store allows")
        }
        let docField = doc.metadata.source.isEmpty ? doc.id : doc.id + " " + doc.metadata.source
        let sections = paragraphs.map { p in Int32(p.section.flatMap { $0 >= 0 && $0 < doc.sections.count ? $0 : nil } ?? -1) }
        return QueuedDocument(
            doc: stored,
            key: key,
            paragraphs: paragraphs,
            sections: sections,
            chains: doc.sections.indices.map { Self.sectionChain(doc.sections, $0) },
            docField: docField,
            bodyParagraphs: body.count,
            cleanBytes: doc.text.utf8.count
        )
    }

    /// The section of the body paragraph holding a clean-text offset (the last starting at or before it).
    static func bodySection(at offset: Int, in body: [Paragraph]) -> Int? {
        let after = body.partitionPoint { $0.start <= offset }
        return after > 0 ? body[after - 1].section : nil
    }

    /// Inserts a document's row (under its key, with its word count) and version.
    func insertDocumentRow(_ db: Database, _ q: QueuedDocument, tokens: Int) throws {
        let doc = q.doc
        let pageMap = Self.pageMapJSON(doc.pages)
        try db.cachedStatement(
            sql: """
                INSERT INTO documents(key, id, version, content_hash, title, author, source, external_id, paragraphs, sentences,
                    tokens, pages, sections, notes, citations, bytes, page_map, doc_field, indexed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            q.key, doc.id, doc.version, doc.contentHash, doc.metadata.title, doc.metadata.author,
            doc.metadata.source, doc.metadata.externalID, q.bodyParagraphs,
            max(doc.sentences.count, doc.sentences.isEmpty ? q.bodyParagraphs : 0), tokens,
            doc.pages.count, doc.sections.count, doc.notes.count, doc.citations.count,
            q.cleanBytes, pageMap, q.docField, Date().timeIntervalSince1970,
        ])
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO versions(id, version, content_hash) VALUES (?, ?, ?)")
            .execute(arguments: [doc.id, doc.version, doc.contentHash])
    }

    /// A document's pages as the JSON array `StoredDocument` decodes, keys in a fixed order.
    static func pageMapJSON(_ pages: [PageSpan]) -> Data {
        var out: [UInt8] = [0x5B]
        for (i, p) in pages.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: #"{"label":"#.utf8)
            JSONText.appendQuoted(p.label, to: &out)
            out.append(contentsOf: #","start":\#(p.start),"end":\#(p.end)}"#.utf8)
        }
        out.append(0x5D)
        return Data(out)
    }

    /// Starts the analysis of the queued documents, writes their sections, notes, citations
    /// and fields meanwhile, then their rows, paragraphs and term counts as each analysis comes
    /// in (a document's row once, with its word count: a row updated after its page went to the
    /// WAL is rewritten in place there, and SQLite then rewrites every frame after it at the
    /// commit to chain their checksums again).
    func finishQueued(_ db: Database, _ queued: inout [QueuedDocument], _ batch: inout PostingBatch) throws {
        batch.start()
        do {
            for q in queued {
                try insertStructure(db, q)
            }
        } catch {
            batch.abandon()
            throw error
        }
        let documents = queued
        queued = []
        try batch.finish(db) { i, lengths, pairs in
            try self.insertParagraphs(db, documents[i], lengths: lengths, pairs: pairs)
        }
    }

    /// A document's sections, notes, citations and metadata fields.
    func insertStructure(_ db: Database, _ q: QueuedDocument) throws {
        let doc = q.doc
        let key = q.key
        let chapters = doc.sections.indices.map { Self.chapterTitle(doc.sections, $0) }
        var section = try RowInsert(
            db,
            sql: """
                INSERT INTO sections(doc, idx, kind, level, title, start, "end", parent, page, chapter) VALUES (?,?,?,?,?,?,?,?,?,?)
                """
        )
        for (i, s) in doc.sections.enumerated() {
            section.int(Int(key))
            section.int(i)
            section.text(s.kind.rawValue)
            section.int(s.level)
            section.text(s.title)
            section.int(s.start)
            section.int(s.end)
            section.int(s.parent)
            section.text(s.page)
            section.text(chapters[i])
            try section.insert()
        }
        var note = try RowInsert(db, sql: "INSERT INTO notes(doc, idx, label, text, marker, section, page) VALUES (?,?,?,?,?,?,?)")
        for (i, n) in doc.notes.enumerated() {
            note.int(Int(key))
            note.int(i)
            note.text(n.label)
            note.text(n.text)
            note.int(n.marker)
            note.int(n.section)
            note.text(n.page)
            try note.insert()
        }
        var citation = try RowInsert(
            db,
            sql: """
                INSERT INTO citations(doc, idx, start, "end", authors, year, pages, ibid) VALUES (?,?,?,?,?,?,?,?)
                """
        )
        var authors: [UInt8] = []
        for (i, c) in doc.citations.enumerated() {
            citation.int(Int(key))
            citation.int(i)
            citation.int(c.start)
            citation.int(c.end)
            // the authors as a JSON array
            authors.removeAll(keepingCapacity: true)
            authors.append(0x5B)
            for (j, a) in c.authors.enumerated() {
                if j > 0 { authors.append(0x2C) }
                JSONText.appendQuoted(a, to: &authors)
            }
            authors.append(0x5D)
            authors.withUnsafeBufferPointer { citation.text($0) }
            citation.text(c.year)
            citation.text(c.pages)
            citation.bool(c.ibid)
            try citation.insert()
        }
        // The metadata fields, one row per section and one for text outside every section.
        let fieldStatement = try db.cachedStatement(sql: "INSERT INTO fields(rowid, chapter, title, author, doc) VALUES (?,?,?,?,?)")
        try fieldStatement.execute(arguments: [
            Self.paragraphRowID(document: key, index: 0), "", doc.metadata.title,
            doc.metadata.author, q.docField,
        ])
        for i in doc.sections.indices {
            try fieldStatement.execute(arguments: [
                Self.paragraphRowID(document: key, index: i + 1), q.chains[i], doc.metadata.title,
                doc.metadata.author, q.docField,
            ])
        }
    }

    /// A document's paragraphs (with their word counts) and its term counts.
    func insertParagraphs(_ db: Database, _ q: QueuedDocument, lengths: [Int32], pairs: [Int]) throws {
        let doc = q.doc
        let key = q.key
        let paragraphs = q.paragraphs
        // Sentences grouped by paragraph: each paragraph's sentence starts (offsets in it, in
        // the order of the document's sentences) at `sentenceStarts[sentenceRun[p]..<sentenceRun[p + 1]]`.
        var firstSentence = [Int](repeating: -1, count: paragraphs.count)
        var sentenceRun = [Int](repeating: 0, count: paragraphs.count + 1)
        for s in doc.sentences where s.paragraph >= 0 && s.paragraph < paragraphs.count { sentenceRun[s.paragraph + 1] += 1 }
        for p in 0..<paragraphs.count { sentenceRun[p + 1] += sentenceRun[p] }
        var sentenceStarts = [Int](repeating: 0, count: sentenceRun[paragraphs.count])
        var filled = sentenceRun
        for (i, s) in doc.sentences.enumerated() where s.paragraph >= 0 && s.paragraph < paragraphs.count {
            if firstSentence[s.paragraph] < 0 { firstSentence[s.paragraph] = i }
            sentenceStarts[filled[s.paragraph]] = max(0, s.start - paragraphs[s.paragraph].start)
            filled[s.paragraph] += 1
        }
        var startsBlob: [UInt8] = []
        var row = try RowInsert(
            db,
            sql: """
                INSERT INTO paragraphs(id, kind, start, "end", section, page, last_page, first_sentence, sentence_starts,
                    tokens, chapter_field, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """
        )
        var documentTokens = 0
        var text = doc.text
        try text.withUTF8 { utf8 in
            for (index, p) in paragraphs.enumerated() {
                let section = q.sections[index] >= 0 ? Int(q.sections[index]) : nil
                // the sentence starts as varints (one at 0 for a paragraph without sentences)
                startsBlob.removeAll(keepingCapacity: true)
                if sentenceRun[index] == sentenceRun[index + 1] { startsBlob.append(0) }
                for k in sentenceRun[index]..<sentenceRun[index + 1] { Varint.append(sentenceStarts[k], to: &startsBlob) }
                documentTokens += Int(lengths[index])
                row.int(Int(Self.paragraphRowID(document: key, index: index)))
                row.text(p.kind.rawValue)
                row.int(p.start)
                row.int(p.end)
                row.int(section)
                row.text(p.page ?? doc.page(at: p.start))
                row.text(p.lastPage)
                row.int(firstSentence[index])
                row.blob(startsBlob)
                row.int(Int(lengths[index]))
                row.text(section.map { q.chains[$0] } ?? "")
                // the paragraph's bytes as they are when it starts and ends on scalar boundaries
                // (as segmented text does); otherwise cut as `slice` cuts, repairing
                let start = max(0, min(p.start, utf8.count))
                let end = max(start, min(p.end, utf8.count))
                if Self.isScalarBoundary(utf8, start), Self.isScalarBoundary(utf8, end) {
                    // not copied: the document's bytes outlive the insert
                    row.textInPlace(UnsafeBufferPointer(rebasing: utf8[start..<end]))
                } else {
                    row.text(doc.slice(p.start, p.end))
                }
                try row.insert()
            }
        }
        try db.cachedStatement(sql: "INSERT INTO document_terms(doc, terms) VALUES (?, ?)").execute(arguments: [key, Data(Varint.encode(pairs))])
        try insertDocumentRow(db, q, tokens: documentTokens)
    }

    /// Does a UTF-8 cut at `offset` fall between scalars (not before a continuation byte)?
    static func isScalarBoundary(_ utf8: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        offset >= utf8.count || utf8[offset] & 0xC0 != 0x80
    }

    func removeDocument(_ db: Database, key: Int64, _ batch: inout PostingBatch) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE key = ?", arguments: [key]) == true else { return }
        let low = Self.paragraphRowID(document: key, index: 0)
        let high = Self.paragraphRowID(document: key + 1, index: 0) - 1
        try db.execute(sql: "DELETE FROM paragraphs WHERE id BETWEEN ? AND ?", arguments: [low, high])
        try db.execute(sql: "DELETE FROM fields WHERE rowid BETWEEN ? AND ?", arguments: [low, high])
        var pairs: [Int] = []
        if let blob = try Data.fetchOne(db, sql: "SELECT terms FROM document_terms WHERE doc = ?", arguments: [key]) {
            pairs = Varint.decode([UInt8](blob))
        }
        batch.removed(key: key, pairs: pairs)
        for table in ["sections", "notes", "citations"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE doc = ?", arguments: [key])
        }
        try db.execute(sql: "DELETE FROM document_terms WHERE doc = ?", arguments: [key])
        try db.execute(sql: "DELETE FROM documents WHERE key = ?", arguments: [key])
    }

    // MARK: - Structure helpers

    /// Paragraphs for a document the segmenter gave none: runs of text between blank lines.
    static func blankLineParagraphs(_ text: String) -> [Paragraph] {
        var out: [Paragraph] = []
        let bytes = Array(text.utf8)
        var start = 0
        var k = 0
        func close(_ end: Int) {
            var s = start
            var e = end
            while s < e, bytes[s] == 0x20 || bytes[s] == 0x0A || bytes[s] == 0x09 || bytes[s] == 0x0D { s += 1 }
            while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x0A || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D { e -= 1 }
            if e > s { out.append(Paragraph(start: s, end: e)) }
        }
        while k < bytes.count {
            if bytes[k] == 0x0A {
                var j = k + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
                if j < bytes.count, bytes[j] == 0x0A {
                    close(k)
                    while j < bytes.count, bytes[j] == 0x0A || bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
                    start = j
                    k = j
                    continue
                }
            }
            k += 1
        }
        close(bytes.count)
        return out
    }

    /// Titles from the innermost section outwards, " / " between them (what chapter: searches).
    static func sectionChain(_ sections: [Section], _ index: Int) -> String {
        var titles: [String] = []
        var i: Int? = index
        var guardCount = 0
        while let j = i, j >= 0, j < sections.count, guardCount < 64 {
            titles.append(sections[j].title)
            i = sections[j].parent
            guardCount += 1
        }
        return titles.joined(separator: " / ")
    }

    /// The nearest chapter, post, front or back matter holding a section, else its outermost ancestor.
    static func chapterTitle(_ sections: [Section], _ index: Int) -> String {
        var i: Int? = index
        var last = sections[index].title
        var guardCount = 0
        while let j = i, j >= 0, j < sections.count, guardCount < 64 {
            switch sections[j].kind {
            case .chapter, .post, .frontMatter, .backMatter: return sections[j].title
            default: break
            }
            last = sections[j].title
            i = sections[j].parent
            guardCount += 1
        }
        return last
    }
}

extension CorpusStore {
    /// Merges every posting segment into one, dropping the postings of deleted and replaced
    /// documents. Worth calling after a bulk load or many deletes; queries are correct without
    /// it. Runs in one write transaction, so writes wait for it.
    public func optimize() throws {
        try write { _, batch in batch.mergeAll = true }
    }

    /// Waits for the WAL's copy into the database file (which follows each write on a thread of
    /// its own), then truncates the WAL: the store is then one file of its final size.
    public func checkpoint() throws {
        if let checkpointer {
            try checkpointer.finish()
        } else {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }

    /// Why the last checkpoint after a write failed, once (nil: none failed since the last call).
    /// The writes stand; the WAL grows until a later checkpoint copies it.
    public func checkpointProblem() -> String? { checkpointer?.takeFailure() }

    /// Seconds the WAL checkpoints after writes have taken, all told (0 for a store in memory).
    public var checkpointSeconds: Double { checkpointer?.seconds ?? 0 }
}
