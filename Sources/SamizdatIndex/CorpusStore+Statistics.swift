import Foundation
import GRDB
import SamizdatModel
import SamizdatText

extension CorpusStore {
    /// Term statistics from the tables kept at apply time.
    public func terms(_ request: TermsRequest) throws -> TermsResponse {
        try writer.read { db in
            var key: Int64?
            if let id = request.documentID {
                guard let k = try Int64.fetchOne(db, sql: "SELECT key FROM documents WHERE id = ?", arguments: [id]) else {
                    return TermsResponse(tokens: 0, types: 0, documents: 0, total: 0, terms: [])
                }
                key = k
            }
            let tokens: Int, documents: Int
            if let key {
                tokens = try Int.fetchOne(db, sql: "SELECT tokens FROM documents WHERE key = ?", arguments: [key]) ?? 0
                documents = 1
            } else {
                tokens = try Int.fetchOne(db, sql: "SELECT coalesce(sum(tokens), 0) FROM documents") ?? 0
                documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
            }
            let entries = try self.vocabulary(db, key: key, stemmed: request.stemmed)
            if request.terms.isEmpty {
                let prefix = request.prefix.map(TermFolding.fold)
                var listed = entries.filter { e in e.frequency >= request.minFrequency && (prefix.map { e.term.hasPrefix($0) } ?? true) }
                listed.sort { $0.frequency != $1.frequency ? $0.frequency > $1.frequency : $0.term < $1.term }
                let page = listed.dropFirst(max(0, request.offset)).prefix(max(0, request.limit))
                return TermsResponse(tokens: tokens, types: entries.count, documents: documents, total: listed.count,
                                     terms: page.map { TermStatistics(term: $0.term, forms: $0.forms, frequency: $0.frequency,
                                                                      documentFrequency: $0.documents, documents: []) })
            }
            var out: [TermStatistics] = []
            for asked in request.terms {
                let words = self.analyzer.tokens(asked).filter { !$0.isCompound }
                guard let word = words.first else { continue }
                let term = request.stemmed ? word.stem : word.term
                let ids: [(Int64, String)] = try Row.fetchAll(db, sql: request.stemmed
                    ? "SELECT id, term FROM vocabulary WHERE stem = ? AND frequency > 0"
                    : "SELECT id, term FROM vocabulary WHERE term = ? AND frequency > 0", arguments: [term]).map { ($0[0], $0[1]) }
                out.append(try self.termStatistics(db, term: term, ids: ids, key: key, perDocument: request.perDocument))
            }
            return TermsResponse(tokens: tokens, types: entries.count, documents: documents, total: out.count, terms: out)
        }
    }

    struct VocabularyEntry { var term: String; var forms: [String]; var frequency: Int; var documents: Int }

    /// The vocabulary in scope, by folded form or by stem.
    func vocabulary(_ db: Database, key: Int64?, stemmed: Bool) throws -> [VocabularyEntry] {
        if let key {
            guard let blob = try Data.fetchOne(db, sql: "SELECT terms FROM document_terms WHERE doc = ?", arguments: [key]) else { return [] }
            let values = Varint.decode([UInt8](blob))
            var counts: [Int64: Int] = [:]
            var i = 0
            while i + 1 < values.count { counts[Int64(values[i])] = values[i + 1]; i += 2 }
            var forms: [(String, String, Int)] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, term, stem FROM vocabulary WHERE id IN (SELECT value FROM json_each(?))",
                                             arguments: [String(decoding: try JSONEncoder().encode(Array(counts.keys)), as: UTF8.self)])
            while let row = try cursor.next() { forms.append((row[1], row[2], counts[row[0]] ?? 0)) }
            return Self.group(forms.map { ($0.0, $0.1, $0.2, 1) }, stemmed: stemmed, documentFrequencies: nil)
        }
        let rows = try Row.fetchAll(db, sql: "SELECT term, stem, frequency, documents FROM vocabulary WHERE frequency > 0")
        let forms: [(String, String, Int, Int)] = rows.map { ($0[0], $0[1], $0[2], $0[3]) }
        if !stemmed { return forms.map { VocabularyEntry(term: $0.0, forms: [$0.0], frequency: $0.2, documents: $0.3) } }
        // document frequency of a stem: documents holding any of its forms
        var df: [String: Int] = [:]
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT v.stem, count(DISTINCT td.doc) FROM term_documents td JOIN vocabulary v ON v.id = td.term
            WHERE v.frequency > 0 GROUP BY v.stem
            """)
        while let row = try cursor.next() { df[row[0]] = row[1] }
        return Self.group(forms, stemmed: true, documentFrequencies: df)
    }

    static func group(_ forms: [(String, String, Int, Int)], stemmed: Bool, documentFrequencies: [String: Int]?) -> [VocabularyEntry] {
        guard stemmed else { return forms.map { VocabularyEntry(term: $0.0, forms: [$0.0], frequency: $0.2, documents: $0.3) } }
        var byStem: [String: VocabularyEntry] = [:]
        for f in forms {
            var e = byStem[f.1] ?? VocabularyEntry(term: f.1, forms: [], frequency: 0, documents: documentFrequencies?[f.1] ?? 1)
            e.forms.append(f.0)
            e.frequency += f.2
            byStem[f.1] = e
        }
        return byStem.values.map { var e = $0; e.forms.sort(); return e }
    }

    func termStatistics(_ db: Database, term: String, ids: [(Int64, String)], key: Int64?, perDocument: Bool) throws -> TermStatistics {
        guard !ids.isEmpty else { return TermStatistics(term: term, forms: [], frequency: 0, documentFrequency: 0, documents: []) }
        var sql = """
            SELECT td.doc, td.count, td.sections, d.id, d.title, d.tokens FROM term_documents td
            JOIN documents d ON d.key = td.doc WHERE td.term = ?
            """
        if key != nil { sql += " AND td.doc = ?" }
        var byDocument: [Int64: (id: String, title: String, tokens: Int, count: Int, sections: [Int: Int])] = [:]
        for (id, _) in ids {
            let arguments: StatementArguments = key.map { [id, $0] } ?? [id]
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let doc: Int64 = row[0]
                var e = byDocument[doc] ?? (row[3], row[4], row[5], 0, [:])
                e.count += row[1] as Int
                let blob: Data = row[2]
                let v = Varint.decode([UInt8](blob))
                var i = 0
                while i + 1 < v.count { e.sections[v[i], default: 0] += v[i + 1]; i += 2 }
                byDocument[doc] = e
            }
        }
        var documents: [TermDocumentCount] = []
        if perDocument {
            for (doc, e) in byDocument.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
                let sections = try Row.fetchAll(db, sql: "SELECT idx, title, kind FROM sections WHERE doc = ?", arguments: [doc])
                var info: [Int: (String, SectionKind?)] = [:]
                for s in sections { let k: String = s[2]; info[s[0]] = (s[1], SectionKind(rawValue: k)) }
                let counts = e.sections.sorted { $0.key < $1.key }.map { (s, c) in
                    s == 0 ? TermSectionCount(section: nil, title: nil, kind: nil, count: c)
                        : TermSectionCount(section: s - 1, title: info[s - 1]?.0, kind: info[s - 1]?.1, count: c)
                }
                documents.append(TermDocumentCount(documentID: e.id, title: e.title, count: e.count, tokens: e.tokens, sections: counts))
            }
        }
        return TermStatistics(term: term, forms: ids.map(\.1).sorted(), frequency: byDocument.values.reduce(0) { $0 + $1.count },
                              documentFrequency: byDocument.count, documents: documents)
    }

    /// Totals over the store.
    public func stats() throws -> IndexStats {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), coalesce(sum(paragraphs),0), coalesce(sum(sentences),0), coalesce(sum(tokens),0),
                    coalesce(sum(notes),0), coalesce(sum(citations),0), coalesce(sum(sections),0), coalesce(sum(pages),0),
                    coalesce(sum(bytes),0) FROM documents
                """)!
            let versions = try Int.fetchOne(db, sql: "SELECT count(*) FROM versions WHERE id IN (SELECT id FROM documents)") ?? 0
            let types = try Int.fetchOne(db, sql: "SELECT count(*) FROM vocabulary WHERE frequency > 0") ?? 0
            return IndexStats(documents: row[0], versions: versions, paragraphs: row[1], sentences: row[2], tokens: row[3],
                              types: types, notes: row[4], citations: row[5], sections: row[6], pages: row[7], bytes: row[8])
        }
    }

    /// Every stored document, in order of id.
    public func documents() throws -> [DocumentSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.summaryColumns) FROM documents ORDER BY id").map(Self.summary)
        }
    }

    /// One document with its structure and paragraphs, or nil.
    public func document(id: String) throws -> DocumentView? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns), key FROM documents WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let key: Int64 = row["key"]
            guard let stored = try StoredDocument.fetch(db, key: key) else { return nil }
            let sections = try Row.fetchAll(db, sql: """
                SELECT kind, level, title, start, "end", parent, page FROM sections WHERE doc = ? ORDER BY idx
                """, arguments: [key]).map { r -> Section in
                let kind: String = r[0]
                return Section(kind: SectionKind(rawValue: kind) ?? .section, level: r[1], title: r[2], start: r[3], end: r[4], parent: r[5], page: r[6])
            }
            let paragraphs = try Row.fetchAll(db, sql: "SELECT \(StoredParagraph.columns) FROM paragraphs WHERE id BETWEEN ? AND ? ORDER BY id",
                                              arguments: [Self.paragraphRowID(document: key, index: 0), Self.paragraphRowID(document: key + 1, index: 0) - 1])
                .map(StoredParagraph.init).map { p in
                    ParagraphView(index: p.index, kind: p.kind, text: p.text, start: p.start, end: p.end, page: p.page,
                                  lastPage: p.lastPage, section: p.section, sectionTitle: p.section.flatMap { stored.sections[$0]?.title })
                }
            let notes = try Row.fetchAll(db, sql: "SELECT label, text, marker, section, page FROM notes WHERE doc = ? ORDER BY idx", arguments: [key])
                .map { Note(label: $0[0], text: $0[1], marker: $0[2], section: $0[3], page: $0[4]) }
            return DocumentView(summary: Self.summary(row), sections: sections, pages: stored.pages, paragraphs: paragraphs, notes: notes)
        }
    }

    static let summaryColumns = """
        id, version, content_hash, title, author, source, paragraphs, sentences, tokens, pages, sections, notes, citations, bytes
        """

    static func summary(_ r: Row) -> DocumentSummary {
        DocumentSummary(id: r[0], version: r[1], contentHash: r[2], title: r[3], author: r[4], source: r[5], paragraphs: r[6],
                        sentences: r[7], tokens: r[8], pages: r[9], sections: r[10], notes: r[11], citations: r[12], bytes: r[13])
    }
}
