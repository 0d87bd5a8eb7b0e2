import GRDB
import SamizdatModel

extension CorpusStore {
    /// Every matching passage of a query counted by document and chapter, from its matches
    /// alone: a passage's chapter comes from its paragraph's section in the snapshot's layout and
    /// the document's section titles (cached), its being in a note from its index (a note's
    /// paragraphs follow the body's). No paragraph is read and no hit is built.
    ///
    /// The same counts as the search page made from the hits of a second search listing every
    /// passage (`PassageCounts` says which passages and documents are counted).
    func passageCounts(
        _ db: Database,
        _ snapshot: IndexSnapshot,
        _ matches: ScoredMatches,
        documentCount: Int,
        withinDocument: Bool,
        limits: PassageCounts.Limits = .standard
    ) throws -> PassageCounts {
        var documents: [Int64: StoredDocument] = [:]
        func document(_ key: Int64) throws -> StoredDocument? {
            if let known = documents[key] {
                return known
            }
            let loaded = try storedDocuments.document(db, key: key)
            documents[key] = loaded
            return loaded
        }
        guard PassageCounts.countsChapters(withinDocument: withinDocument, totalPassages: matches.count, limits: limits) else {
            return try countsByDocument(matches, documentCount: documentCount, documentLimit: limits.documents, document: document)
        }
        let ids = matches.count > limits.passages ? Self.top(matches, limits.passages).map(\.id) : matches.ids
        var passages: [PassageCounts.Passage] = []
        passages.reserveCapacity(ids.count)
        for id in ids {
            let key = Self.documentKey(paragraphRowID: id)
            guard let stored = try document(key) else {
                continue
            }
            let index = Self.paragraphIndex(paragraphRowID: id)
            let inNote = index >= stored.bodyParagraphs
            passages.append(
                PassageCounts.Passage(
                    documentID: stored.id,
                    title: stored.title,
                    chapter: try chapter(db, snapshot, stored, paragraph: id),
                    paragraph: inNote ? index - stored.bodyParagraphs : index,
                    inNote: inNote
                )
            )
        }
        return PassageCounts.byChapter(passages, totalPassages: matches.count, totalDocuments: documentCount)
    }

    /// A row per document (the first `documentLimit` by best passage, ties by key): its count of
    /// passages and its best passage (the first of the best score).
    private func countsByDocument(
        _ matches: ScoredMatches,
        documentCount: Int,
        documentLimit: Int,
        document: (Int64) throws -> StoredDocument?
    ) throws -> PassageCounts {
        var ranked: [RankedDocument] = []
        Self.forEachDocumentRun(matches) { key, run, bestAt in
            let best = matches.scores[bestAt]
            ranked.append(RankedDocument(key: key, best: best, count: run.count, top: [ScoredPassage(id: matches.ids[bestAt], score: best)]))
        }
        if ranked.count > documentLimit {
            ranked.sort { $0.best != $1.best ? $0.best > $1.best : $0.key < $1.key }
            ranked.removeLast(ranked.count - documentLimit)
        }
        var rows: [PassageCounts.Row] = []
        rows.reserveCapacity(ranked.count)
        for entry in ranked {
            guard let stored = try document(entry.key), let best = entry.top.first else {
                continue
            }
            let index = Self.paragraphIndex(paragraphRowID: best.id)
            let inNote = index >= stored.bodyParagraphs
            rows.append(
                PassageCounts.Row(
                    documentID: stored.id,
                    title: stored.title,
                    chapter: "",
                    passages: entry.count,
                    firstParagraph: inNote ? index - stored.bodyParagraphs : index,
                    inNote: inNote
                )
            )
        }
        return PassageCounts.byDocument(rows, totalPassages: matches.count, totalDocuments: documentCount)
    }

    /// The chapter of a paragraph as a hit names it (its section's chapter, else the section's
    /// title; empty outside every section): its section from the snapshot's layout, or read
    /// back for a document the snapshot does not hold.
    private func chapter(_ db: Database, _ snapshot: IndexSnapshot, _ stored: StoredDocument, paragraph id: Int64) throws -> String {
        let index = Self.paragraphIndex(paragraphRowID: id)
        let section: Int?
        if let layout = snapshot.layout(stored.key), index < layout.sections.count {
            section = layout.sections[index] >= 0 ? Int(layout.sections[index]) : nil
        } else {
            section = try StoredParagraph.fetch(db, id: id)?.section
        }
        guard let section, let entry = stored.sections[section] else {
            return ""
        }
        return entry.chapter ?? entry.title
    }
}
