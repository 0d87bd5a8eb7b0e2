import Foundation
import GRDB
import SamizdatModel
import SamizdatText

extension CorpusStore {
    /// Term statistics: the vocabulary from the term counts kept at apply time, a term's counts per
    /// document and section from its postings.
    public func terms(_ request: TermsRequest) throws -> TermsResponse {
        let published = state.published
        return try writer.read { db in
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
            let entries = try self.vocabulary(db, published, key: key, stemmed: request.stemmed)
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
                out.append(try self.termStatistics(db, published, word: word, stemmed: request.stemmed, key: key,
                                                   perDocument: request.perDocument))
            }
            return TermsResponse(tokens: tokens, types: entries.count, documents: documents, total: out.count, terms: out)
        }
    }

    struct VocabularyEntry { var term: String; var forms: [String]; var frequency: Int; var documents: Int }

    /// The vocabulary in scope, by folded form or by stem.
    func vocabulary(_ db: Database, _ published: IndexState.Published, key: Int64?, stemmed: Bool) throws -> [VocabularyEntry] {
        let v = published.vocabulary, c = published.counts
        if let key {
            guard let blob = try Data.fetchOne(db, sql: "SELECT terms FROM document_terms WHERE doc = ?", arguments: [key]) else { return [] }
            let values = Varint.decode([UInt8](blob))
            var forms: [(String, String, Int, Int)] = []
            var i = 0
            while i + 1 < values.count {
                let f = values[i], n = values[i + 1]
                i += 2
                guard f < v.forms.count, v.stemOfForm[f] >= 0 else { continue }
                forms.append((v.forms[f], v.stems[Int(v.stemOfForm[f])], n, 1))
            }
            return Self.group(forms, stemmed: stemmed, documentFrequencies: nil)
        }
        var forms: [(String, String, Int, Int)] = []
        for f in 0..<min(v.forms.count, c.formFrequency.count) where c.formFrequency[f] > 0 {
            forms.append((v.forms[f], v.stems[Int(v.stemOfForm[f])], c.formFrequency[f], c.formDocuments[f]))
        }
        guard stemmed else { return Self.group(forms, stemmed: false, documentFrequencies: nil) }
        // document frequency of a stem: documents holding any of its forms
        var df: [String: Int] = [:]
        for s in 0..<min(v.stems.count, c.stemDocuments.count) where c.stemDocuments[s] > 0 { df[v.stems[s]] = c.stemDocuments[s] }
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

    /// One term's counts, from its postings: per document, and per section within each.
    func termStatistics(_ db: Database, _ published: IndexState.Published, word: Token, stemmed: Bool, key: Int64?,
                        perDocument: Bool) throws -> TermStatistics {
        let term = stemmed ? word.stem : word.term
        let postings = published.snapshot.postings(stemmed ? MatchExpression.stemMarker + term : term, positions: false)
        // per document: count, and per section (section index + 1; 0 = outside every section)
        var byDocument: [(key: Int64, count: Int, sections: [Int: Int])] = []
        var formsSeen = Set<String>()
        for i in 0..<postings.count {
            let id = postings.ids[i]
            let doc = Self.documentKey(paragraphRowID: id)
            if let key, doc != key { continue }
            if byDocument.last?.key != doc { byDocument.append((doc, 0, [:])) }
            let section = published.snapshot.documents[doc].map { Int($0.sections[Self.paragraphIndex(paragraphRowID: id)]) } ?? -1
            byDocument[byDocument.count - 1].count += Int(postings.tfs[i])
            byDocument[byDocument.count - 1].sections[section + 1, default: 0] += Int(postings.tfs[i])
        }
        if !byDocument.isEmpty {
            let v = published.vocabulary, c = published.counts
            if stemmed {
                for f in 0..<min(v.forms.count, c.formFrequency.count) where c.formFrequency[f] > 0 && v.stemOfForm[f] >= 0
                    && v.stems[Int(v.stemOfForm[f])] == term { formsSeen.insert(v.forms[f]) }
            } else {
                formsSeen.insert(term)
            }
        }
        var documents: [TermDocumentCount] = []
        if perDocument {
            for e in byDocument.sorted(by: { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }) {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, title, tokens FROM documents WHERE key = ?", arguments: [e.key]) else { continue }
                let sections = try Row.fetchAll(db, sql: "SELECT idx, title, kind FROM sections WHERE doc = ?", arguments: [e.key])
                var info: [Int: (String, SectionKind?)] = [:]
                for s in sections { let k: String = s[2]; info[s[0]] = (s[1], SectionKind(rawValue: k)) }
                let counts = e.sections.sorted { $0.key < $1.key }.map { (s, c) in
                    s == 0 ? TermSectionCount(section: nil, title: nil, kind: nil, count: c)
                        : TermSectionCount(section: s - 1, title: info[s - 1]?.0, kind: info[s - 1]?.1, count: c)
                }
                documents.append(TermDocumentCount(documentID: row[0], title: row[1], count: e.count, tokens: row[2], sections: counts))
            }
        }
        return TermStatistics(term: term, forms: formsSeen.sorted(), frequency: byDocument.reduce(0) { $0 + $1.count },
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
            let types = self.state.published.counts.formFrequency.reduce(0) { $1 > 0 ? $0 + 1 : $0 }
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
            let paragraphs = try Row.fetchAll(db, sql: """
                SELECT \(StoredParagraph.columns) FROM paragraphs WHERE id BETWEEN ? AND ? AND kind != 'note' ORDER BY id
                """,
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
