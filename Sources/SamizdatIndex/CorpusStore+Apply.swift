import Foundation
import GRDB
import SamizdatModel
import SamizdatText

extension CorpusStore {
    /// Applies one segmented document in one transaction. Idempotent per (id, version): the stored
    /// version again changes nothing; a newer version replaces the old one everywhere (paragraphs,
    /// passages, term statistics); an older one is ignored.
    public func apply(_ doc: SegmentedDocument) throws -> ApplyOutcome {
        do {
            return try writer.write { db in try applyDocument(db, doc) }
        } catch {
            vocabularyIDs.invalidate()
            throw error
        }
    }

    /// Applies several documents in one transaction (one commit, one fsync): each as `apply(_:)`
    /// would, in order. All or none are stored.
    public func apply(_ docs: [SegmentedDocument]) throws -> [ApplyOutcome] {
        do {
            return try writer.write { db in try docs.map { try applyDocument(db, $0) } }
        } catch {
            vocabularyIDs.invalidate()
            throw error
        }
    }

    func applyDocument(_ db: Database, _ doc: SegmentedDocument) throws -> ApplyOutcome {
        do {
            if let row = try Row.fetchOne(db, sql: "SELECT key, version FROM documents WHERE id = ?", arguments: [doc.id]) {
                let stored: Int = row["version"]
                if stored == doc.version { return .alreadyApplied }
                if stored > doc.version { return .superseded }
                try removeDocument(db, key: row["key"])
            }
            try insertDocument(db, doc)
            try db.execute(sql: "INSERT OR REPLACE INTO versions(id, version, content_hash) VALUES (?, ?, ?)",
                           arguments: [doc.id, doc.version, doc.contentHash])
            return .applied
        }
    }

    /// Removes a document, its versions and its share of every statistic. False when unknown.
    public func delete(documentID: String) throws -> Bool {
        do {
            return try deleteDocument(documentID)
        } catch {
            vocabularyIDs.invalidate()
            throw error
        }
    }

    func deleteDocument(_ documentID: String) throws -> Bool {
        try writer.write { db in
            guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM documents WHERE id = ?", arguments: [documentID]) else {
                return false
            }
            try removeDocument(db, key: key)
            try db.execute(sql: "DELETE FROM versions WHERE id = ?", arguments: [documentID])
            return true
        }
    }

    // MARK: - Writing

    /// A term's count in one document, and per section (section index + 1; 0 = outside every section).
    struct TermTally {
        var stem: String
        var count = 0
        var sections: [(Int, Int)] = []
        mutating func add(section: Int) {
            count += 1
            if let last = sections.indices.last, sections[last].0 == section { sections[last].1 += 1; return }
            if let i = sections.firstIndex(where: { $0.0 == section }) { sections[i].1 += 1 } else { sections.append((section, 1)) }
        }
    }

    func insertDocument(_ db: Database, _ doc: SegmentedDocument) throws {
        let paragraphs = doc.paragraphs.isEmpty ? Self.blankLineParagraphs(doc.text) : doc.paragraphs
        guard paragraphs.count < Self.maxParagraphs else {
            throw DatabaseError(message: "document \(doc.id) has \(paragraphs.count) paragraphs, more than the store allows")
        }
        let chains = doc.sections.indices.map { Self.sectionChain(doc.sections, $0) }
        let chapters = doc.sections.indices.map { Self.chapterTitle(doc.sections, $0) }
        let docField = doc.metadata.source.isEmpty ? doc.id : doc.id + " " + doc.metadata.source
        let pageMap = try JSONEncoder().encode(doc.pages)

        try db.execute(sql: """
            INSERT INTO documents(id, version, content_hash, title, author, source, external_id, paragraphs, sentences,
                tokens, pages, sections, notes, citations, bytes, page_map, doc_field)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [doc.id, doc.version, doc.contentHash, doc.metadata.title, doc.metadata.author,
                             doc.metadata.source, doc.metadata.externalID, paragraphs.count,
                             max(doc.sentences.count, doc.sentences.isEmpty ? paragraphs.count : 0),
                             doc.pages.count, doc.sections.count, doc.notes.count, doc.citations.count,
                             doc.text.utf8.count, pageMap, docField])
        let key = db.lastInsertedRowID

        let sectionStatement = try db.cachedStatement(sql: """
            INSERT INTO sections(doc, idx, kind, level, title, start, "end", parent, page, chapter) VALUES (?,?,?,?,?,?,?,?,?,?)
            """)
        for (i, s) in doc.sections.enumerated() {
            try sectionStatement.execute(arguments: [key, i, s.kind.rawValue, s.level, s.title, s.start, s.end, s.parent, s.page, chapters[i]])
        }
        let noteStatement = try db.cachedStatement(sql: "INSERT INTO notes(doc, idx, label, text, marker, section, page) VALUES (?,?,?,?,?,?,?)")
        for (i, n) in doc.notes.enumerated() {
            try noteStatement.execute(arguments: [key, i, n.label, n.text, n.marker, n.section, n.page])
        }
        let citationStatement = try db.cachedStatement(sql: """
            INSERT INTO citations(doc, idx, start, "end", authors, year, pages, ibid) VALUES (?,?,?,?,?,?,?,?)
            """)
        for (i, c) in doc.citations.enumerated() {
            let authors = String(decoding: try JSONEncoder().encode(c.authors), as: UTF8.self)
            try citationStatement.execute(arguments: [key, i, c.start, c.end, authors, c.year, c.pages, c.ibid])
        }

        // Sentences grouped by paragraph.
        var firstSentence = [Int](repeating: -1, count: paragraphs.count)
        var sentenceStarts = [[Int]](repeating: [], count: paragraphs.count)
        for (i, s) in doc.sentences.enumerated() where s.paragraph >= 0 && s.paragraph < paragraphs.count {
            if firstSentence[s.paragraph] < 0 { firstSentence[s.paragraph] = i }
            sentenceStarts[s.paragraph].append(max(0, s.start - paragraphs[s.paragraph].start))
        }

        let paragraphStatement = try db.cachedStatement(sql: """
            INSERT INTO paragraphs(id, kind, start, "end", section, page, last_page, first_sentence, sentence_starts,
                tokens, chapter_field, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let passageStatement = try db.cachedStatement(sql: """
            INSERT INTO passages(rowid, body, chapter, title, author, doc) VALUES (?,?,?,?,?,?)
            """)
        let capture = TokenCapture.of(db)
        var tallies: [String: TermTally] = [:]
        var documentTokens = 0
        // Ordinary rows first, passages (FTS5) last: once FTS5 holds pending data in this
        // transaction, every statement needing a statement journal makes it flush.
        var passages: [(id: Int64, text: String, chain: String, tokens: [Token])] = []
        passages.reserveCapacity(paragraphs.count)
        for (index, p) in paragraphs.enumerated() {
            let text = doc.slice(p.start, p.end)
            let section = p.section.flatMap { $0 >= 0 && $0 < doc.sections.count ? $0 : nil }
            let sectionKey = (section ?? -1) + 1
            let chain = section.map { chains[$0] } ?? ""
            let id = Self.paragraphRowID(document: key, index: index)
            let tokens = analyzer.tokens(text, cache: capture.stems)
            var paragraphTokens = 0
            for token in tokens {
                if !token.isCompound { paragraphTokens += 1 }
                tallies[token.term, default: TermTally(stem: token.stem)].add(section: sectionKey)
            }
            documentTokens += paragraphTokens
            let starts = sentenceStarts[index].isEmpty ? [0] : sentenceStarts[index]
            try paragraphStatement.execute(arguments: [
                id, p.kind.rawValue, p.start, p.end, section, p.page ?? doc.page(at: p.start), p.lastPage,
                firstSentence[index], Data(Varint.encode(starts)), paragraphTokens, chain, text,
            ])
            passages.append((id, text, chain, tokens))
        }

        // Term statistics.
        let vocabularyStatement = try db.cachedStatement(sql: """
            UPDATE vocabulary SET frequency = frequency + ?, documents = documents + 1 WHERE id = ?
            """)
        let termDocumentStatement = try db.cachedStatement(sql: """
            INSERT INTO term_documents(term, doc, count, sections) VALUES (?, ?, ?, ?)
            """)
        var documentTerms: [Int] = []
        documentTerms.reserveCapacity(tallies.count * 2)
        let entries = Array(tallies)
        let ids = try vocabularyIDs.ids(for: entries.lazy.map { ($0.key, $0.value.stem) }, in: db)
        var rows: [(Int64, TermTally)] = []
        rows.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() { rows.append((ids[i], entry.value)) }
        rows.sort { $0.0 < $1.0 }
        for (id, tally) in rows { try vocabularyStatement.execute(arguments: [tally.count, id]) }
        for (id, tally) in rows {
            var blob: [UInt8] = []
            for (s, c) in tally.sections { Varint.append(s, to: &blob); Varint.append(c, to: &blob) }
            try termDocumentStatement.execute(arguments: [id, key, tally.count, Data(blob)])
            documentTerms.append(Int(id)); documentTerms.append(tally.count)
        }
        try db.execute(sql: "INSERT INTO document_terms(doc, terms) VALUES (?, ?)", arguments: [key, Data(Varint.encode(documentTerms))])
        try db.execute(sql: "UPDATE documents SET tokens = ? WHERE key = ?", arguments: [documentTokens, key])

        defer { capture.supplied = nil }
        for p in passages {
            capture.supplied = p.tokens
            capture.suppliedBytes = p.text.utf8.count
            try passageStatement.execute(arguments: [p.id, p.text, p.chain, doc.metadata.title, doc.metadata.author, docField])
            capture.supplied = nil
        }
    }

    func removeDocument(_ db: Database, key: Int64) throws {
        guard let doc = try Row.fetchOne(db, sql: "SELECT title, author, doc_field FROM documents WHERE key = ?", arguments: [key]) else { return }
        let title: String = doc["title"], author: String = doc["author"], docField: String = doc["doc_field"]
        let low = Self.paragraphRowID(document: key, index: 0), high = Self.paragraphRowID(document: key + 1, index: 0) - 1
        let deletePassage = try db.cachedStatement(sql: """
            INSERT INTO passages(passages, rowid, body, chapter, title, author, doc) VALUES ('delete', ?, ?, ?, ?, ?, ?)
            """)
        let paragraphs = try Row.fetchAll(db, sql: "SELECT id, chapter_field, text FROM paragraphs WHERE id BETWEEN ? AND ?", arguments: [low, high])
        for p in paragraphs {
            let id: Int64 = p["id"], chapter: String = p["chapter_field"], text: String = p["text"]
            try deletePassage.execute(arguments: [id, text, chapter, title, author, docField])
        }
        try db.execute(sql: "DELETE FROM paragraphs WHERE id BETWEEN ? AND ?", arguments: [low, high])
        if let blob = try Data.fetchOne(db, sql: "SELECT terms FROM document_terms WHERE doc = ?", arguments: [key]) {
            let values = Varint.decode([UInt8](blob))
            let update = try db.cachedStatement(sql: "UPDATE vocabulary SET frequency = frequency - ?, documents = documents - 1 WHERE id = ?")
            let remove = try db.cachedStatement(sql: "DELETE FROM term_documents WHERE term = ? AND doc = ?")
            var i = 0
            while i + 1 < values.count {
                try update.execute(arguments: [values[i + 1], values[i]])
                try remove.execute(arguments: [values[i], key])
                i += 2
            }
        }
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
        var start = 0, k = 0
        func close(_ end: Int) {
            var s = start, e = end
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
                    start = j; k = j
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
    /// Merges the passage index's segments into one (FTS5 'optimize') and checkpoints the WAL.
    /// Worth calling after a bulk load; queries are correct without it, only slower while many
    /// small segments remain. Runs in one write transaction, so writes wait for it.
    public func optimize() throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO passages(passages) VALUES ('optimize')")
        }
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
