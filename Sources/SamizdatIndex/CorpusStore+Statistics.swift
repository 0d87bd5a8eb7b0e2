import Foundation
import GRDB
import SamizdatModel
import SamizdatText

extension CorpusStore {
    /// Term statistics: the vocabulary from the term counts kept at apply time, a term's counts per
    /// document and section from its postings.
    public func terms(_ request: TermsRequest) throws -> TermsResponse {
        let published = state.published
        let lemmas = state.lemmas
        return try writer.read { db in
            var key: Int64?
            if let name = request.documentID {
                key = try Self.documentKey(db, named: name)
            }
            let tokens: Int
            let documents: Int
            if let key {
                tokens = try Int.fetchOne(db, sql: "SELECT tokens FROM documents WHERE key = ?", arguments: [key]) ?? 0
                documents = 1
            } else {
                tokens = try Int.fetchOne(db, sql: "SELECT coalesce(sum(tokens), 0) FROM documents") ?? 0
                documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
            }
            let entries = try self.vocabulary(db, published, lemmas, key: key, unit: request.unit)
            if request.terms.isEmpty {
                let prefix = request.prefix.map(TermFolding.fold)
                var listed = entries.filter { e in e.frequency >= request.minFrequency && (prefix.map { e.term.hasPrefix($0) } ?? true) }
                listed.sort { $0.frequency != $1.frequency ? $0.frequency > $1.frequency : $0.term < $1.term }
                let page = listed.dropFirst(max(0, request.offset)).prefix(max(0, request.limit))
                return TermsResponse(
                    tokens: tokens,
                    types: entries.count,
                    documents: documents,
                    total: listed.count,
                    terms: page.map {
                        TermStatistics(
                            term: $0.term,
                            forms: $0.forms,
                            frequency: $0.frequency,
                            documentFrequency: $0.documents,
                            documents: []
                        )
                    }
                )
            }
            var out: [TermStatistics] = []
            for asked in request.terms {
                let words = self.analyzer.tokens(asked).filter { !$0.isCompound }
                guard let word = words.first else { continue }
                out.append(
                    try self.termStatistics(
                        db,
                        published,
                        lemmas,
                        word: word,
                        unit: request.unit,
                        key: key,
                        perDocument: request.perDocument
                    )
                )
            }
            return TermsResponse(tokens: tokens, types: entries.count, documents: documents, total: out.count, terms: out)
        }
    }

    struct VocabularyEntry {
        var term: String
        var forms: [String]
        var frequency: Int
        var documents: Int
    }

    /// The vocabulary in scope, in `unit`: by folded form, by word (the forms of one lemma
    /// together) or by stem.
    func vocabulary(
        _ db: Database,
        _ published: IndexState.Published,
        _ lemmas: LemmaIndex,
        key: Int64?,
        unit: CountingUnit
    ) throws -> [VocabularyEntry] {
        let v = published.vocabulary
        let c = published.counts
        let table = unit == .word ? lemmas.table(for: v) : nil
        /// The name of the entry a form counts towards.
        func group(_ formID: Int) -> String {
            switch unit {
            case .form: return v.forms[formID]
            case .stem: return v.stems[Int(v.stemOfForm[formID])]
            case .word:
                let lemma = table?.lemmaOfForm[formID] ?? -1
                return lemma >= 0 ? table!.lemmas[Int(lemma)] : v.forms[formID]
            }
        }
        if let key {
            guard let blob = try Data.fetchOne(db, sql: "SELECT terms FROM document_terms WHERE doc = ?", arguments: [key]) else { return [] }
            let values = Varint.decode([UInt8](blob))
            var forms: [(String, String, Int, Int)] = []
            var i = 0
            while i + 1 < values.count {
                let f = values[i]
                let n = values[i + 1]
                i += 2
                guard f < v.forms.count, v.stemOfForm[f] >= 0 else { continue }
                forms.append((v.forms[f], group(f), n, 1))
            }
            return Self.group(forms, unit: unit, documentFrequencies: nil)
        }
        var forms: [(String, String, Int, Int)] = []
        for f in 0..<min(v.forms.count, c.formFrequency.count) where c.formFrequency[f] > 0 {
            forms.append((v.forms[f], group(f), c.formFrequency[f], c.formDocuments[f]))
        }
        switch unit {
        case .form:
            return Self.group(forms, unit: .form, documentFrequencies: nil)
        case .stem:
            // document frequency of a stem: documents holding any of its forms
            var df: [String: Int] = [:]
            for s in 0..<min(v.stems.count, c.stemDocuments.count) where c.stemDocuments[s] > 0 { df[v.stems[s]] = c.stemDocuments[s] }
            return Self.group(forms, unit: .stem, documentFrequencies: df)
        case .word:
            return Self.group(forms, unit: .word, documentFrequencies: try wordDocumentFrequencies(db, published, table!))
        }
    }

    /// Per lemma, the documents holding any of its forms: each document's stored form counts
    /// (`document_terms`) read once, its lemmas marked (the term counts keep per-form and
    /// per-stem document frequencies only).
    func wordDocumentFrequencies(_ db: Database, _ published: IndexState.Published, _ table: LemmaIndex.Table) throws -> [String: Int] {
        var documents = [Int](repeating: 0, count: table.lemmas.count)
        var marks = [Int](repeating: -1, count: table.lemmas.count)
        var document = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT terms FROM document_terms")
        while let row = try rows.next() {
            let blob: Data = row[0]
            let values = Varint.decode([UInt8](blob))
            var i = 0
            while i + 1 < values.count {
                let formID = values[i]
                i += 2
                guard formID >= 0, formID < table.lemmaOfForm.count else { continue }
                let lemma = Int(table.lemmaOfForm[formID])
                guard lemma >= 0, marks[lemma] != document else { continue }
                marks[lemma] = document
                documents[lemma] += 1
            }
            document += 1
        }
        var out: [String: Int] = [:]
        for (lemma, count) in documents.enumerated() where count > 0 { out[table.lemmas[lemma]] = count }
        return out
    }

    /// Entries from (form, entry name, frequency, documents) tuples: one per form for the unit
    /// form, else the forms of each name added together.
    static func group(_ forms: [(String, String, Int, Int)], unit: CountingUnit, documentFrequencies: [String: Int]?) -> [VocabularyEntry] {
        guard unit != .form else { return forms.map { VocabularyEntry(term: $0.0, forms: [$0.0], frequency: $0.2, documents: $0.3) } }
        var byName: [String: VocabularyEntry] = [:]
        for f in forms {
            var e = byName[f.1] ?? VocabularyEntry(term: f.1, forms: [], frequency: 0, documents: documentFrequencies?[f.1] ?? 1)
            e.forms.append(f.0)
            e.frequency += f.2
            byName[f.1] = e
        }
        return byName.values.map {
            var e = $0
            e.forms.sort()
            return e
        }
    }

    /// One term's counts, from its postings: per document, and per section within each.
    func termStatistics(
        _ db: Database,
        _ published: IndexState.Published,
        _ lemmas: LemmaIndex,
        word: Token,
        unit: CountingUnit,
        key: Int64?,
        perDocument: Bool
    ) throws -> TermStatistics {
        let v = published.vocabulary
        let c = published.counts
        let term: String
        let ids: [Int64]
        let tfs: [Int32]
        var formsCounted: [String]
        switch unit {
        case .form:
            term = word.term
            let postings = published.snapshot.postings(term, positions: false)
            (ids, tfs) = (postings.ids, postings.tfs)
            formsCounted = [term]
        case .stem:
            term = word.stem
            let postings = published.snapshot.postings(MatchExpression.stemMarker + term, positions: false)
            (ids, tfs) = (postings.ids, postings.tfs)
            formsCounted = []
            for f in 0..<min(v.forms.count, c.formFrequency.count)
            where c.formFrequency[f] > 0 && v.stemOfForm[f] >= 0
                && v.stems[Int(v.stemOfForm[f])] == term
            { formsCounted.append(v.forms[f]) }
        case .word:
            term = EnglishLemmatizer.lemma(word.term)
            let lookup = WordLookup(vocabulary: v, counts: c, lemmas: lemmas)
            switch lookup.source(lemma: term, form: word.term) {
            case .key(let key):
                let postings = published.snapshot.postings(key, positions: false)
                (ids, tfs) = (postings.ids, postings.tfs)
            case .forms(let forms):
                let hits = WordMerge.merge(published.snapshot, forms, positions: false)
                (ids, tfs) = (hits.ids, hits.tfs)
            }
            formsCounted = lookup.presentForms(ofLemma: term).map { v.forms[Int($0)] }
        }
        // per document: count, and per section (section index + 1; 0 = outside every section)
        var byDocument: [(key: Int64, count: Int, sections: [Int: Int])] = []
        for i in 0..<ids.count {
            let id = ids[i]
            let doc = Self.documentKey(paragraphRowID: id)
            if let key, doc != key { continue }
            if byDocument.last?.key != doc { byDocument.append((doc, 0, [:])) }
            let section = published.snapshot.documents[doc].map { Int($0.sections[Self.paragraphIndex(paragraphRowID: id)]) } ?? -1
            byDocument[byDocument.count - 1].count += Int(tfs[i])
            byDocument[byDocument.count - 1].sections[section + 1, default: 0] += Int(tfs[i])
        }
        if byDocument.isEmpty { formsCounted = [] }
        var documents: [TermDocumentCount] = []
        if perDocument {
            for e in byDocument.sorted(by: { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }) {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, title, tokens FROM documents WHERE key = ?", arguments: [e.key]) else {
                    continue
                }
                let sections = try Row.fetchAll(db, sql: "SELECT idx, title, kind FROM sections WHERE doc = ?", arguments: [e.key])
                var info: [Int: (String, SectionKind?)] = [:]
                for s in sections {
                    let k: String = s[2]
                    info[s[0]] = (s[1], SectionKind(rawValue: k))
                }
                let counts = e.sections.sorted { $0.key < $1.key }.map { (s, c) in
                    s == 0
                        ? TermSectionCount(section: nil, title: nil, kind: nil, count: c)
                        : TermSectionCount(section: s - 1, title: info[s - 1]?.0, kind: info[s - 1]?.1, count: c)
                }
                documents.append(TermDocumentCount(documentID: row[0], title: row[1], count: e.count, tokens: row[2], sections: counts))
            }
        }
        return TermStatistics(
            term: term,
            forms: formsCounted.sorted(),
            frequency: byDocument.reduce(0) { $0 + $1.count },
            documentFrequency: byDocument.count,
            documents: documents
        )
    }

    /// Totals over the store.
    public func stats() throws -> IndexStats {
        try writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), coalesce(sum(paragraphs),0), coalesce(sum(sentences),0), coalesce(sum(tokens),0),
                        coalesce(sum(notes),0), coalesce(sum(citations),0), coalesce(sum(sections),0), coalesce(sum(pages),0),
                        coalesce(sum(bytes),0) FROM documents
                    """
            )!
            let versions = try Int.fetchOne(db, sql: "SELECT count(*) FROM versions WHERE id IN (SELECT id FROM documents)") ?? 0
            let types = self.state.published.counts.formFrequency.reduce(0) { $1 > 0 ? $0 + 1 : $0 }
            return IndexStats(
                documents: row[0],
                versions: versions,
                paragraphs: row[1],
                sentences: row[2],
                tokens: row[3],
                types: types,
                notes: row[4],
                citations: row[5],
                sections: row[6],
                pages: row[7],
                bytes: row[8]
            )
        }
    }

    /// Every stored document, in order of id.
    public func documents() throws -> [DocumentSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.summaryColumns) FROM documents ORDER BY id").map(Self.summary)
        }
    }

    /// `documents()` as JSON (`WireCoding`), encoded again only when the list changed.
    public func documentsJSON() throws -> Data {
        try documentList.json(try documents())
    }

    /// One document with its structure and paragraphs, or nil.
    public func document(id: String) throws -> DocumentView? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns), key FROM documents WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let key: Int64 = row["key"]
            guard let stored = try StoredDocument.fetch(db, key: key) else { return nil }
            let sections = try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, level, title, start, "end", parent, page FROM sections WHERE doc = ? ORDER BY idx
                    """,
                arguments: [key]
            ).map { r -> Section in
                let kind: String = r[0]
                return Section(
                    kind: SectionKind(rawValue: kind) ?? .section,
                    level: r[1],
                    title: r[2],
                    start: r[3],
                    end: r[4],
                    parent: r[5],
                    page: r[6]
                )
            }
            let paragraphs = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(StoredParagraph.columns) FROM paragraphs WHERE id BETWEEN ? AND ? AND kind != 'note' ORDER BY id
                    """,
                arguments: [Self.paragraphRowID(document: key, index: 0), Self.paragraphRowID(document: key + 1, index: 0) - 1]
            )
            .map(StoredParagraph.init).map { p in
                ParagraphView(
                    index: p.index,
                    kind: p.kind,
                    text: p.text,
                    start: p.start,
                    end: p.end,
                    page: p.page,
                    lastPage: p.lastPage,
                    section: p.section,
                    sectionTitle: p.section.flatMap { stored.sections[$0]?.title }
                )
            }
            let notes = try Row.fetchAll(db, sql: "SELECT label, text, marker, section, page FROM notes WHERE doc = ? ORDER BY idx", arguments: [key])
                .map { Note(label: $0[0], text: $0[1], marker: $0[2], section: $0[3], page: $0[4]) }
            let citations = try Row.fetchAll(
                db,
                sql: #"SELECT start, "end", authors, year, pages, ibid FROM citations WHERE doc = ? ORDER BY idx"#,
                arguments: [key]
            )
            .map { citation in
                let authorsJSON: String = citation["authors"]
                return Citation(
                    start: citation["start"],
                    end: citation["end"],
                    authors: (try? JSONDecoder().decode([String].self, from: Data(authorsJSON.utf8))) ?? [],
                    year: citation["year"],
                    pages: citation["pages"],
                    ibid: citation["ibid"]
                )
            }
            return DocumentView(
                summary: Self.summary(row),
                sections: sections,
                pages: stored.pages,
                paragraphs: paragraphs,
                notes: notes,
                citations: citations
            )
        }
    }

    static let summaryColumns = """
        id, version, content_hash, title, author, source, paragraphs, sentences, tokens, pages, sections, notes, citations, bytes,
        indexed_at
        """

    static func summary(_ r: Row) -> DocumentSummary {
        DocumentSummary(
            id: r[0],
            version: r[1],
            contentHash: r[2],
            title: r[3],
            author: r[4],
            source: r[5],
            paragraphs: r[6],
            sentences: r[7],
            tokens: r[8],
            pages: r[9],
            sections: r[10],
            notes: r[11],
            citations: r[12],
            bytes: r[13],
            indexedAt: r[14]
        )
    }
}
