import Foundation
import GRDB
import SamizdatModel
import SamizdatReports
import SamizdatText
import Synchronization

/// Keeps the reports' view of the store (`AnalysisCorpus`) in step with its live documents.
///
/// A document is analysed once, the first time a report (or the refresh after a commit) needs
/// it after it was written: from the words the write's own analysis found (`keep`), else from
/// its stored paragraphs and notes; a deleted or replaced document leaves the corpus at the next
/// report. So every report counts exactly the documents committed when it started.
final class AnalysisCorpusCache: Sendable {
    private struct State {
        var vocabulary = AnalysisVocabularyBuilder()
        /// Analysed documents by store key.
        var documents: [Int64: AnalysisDocument] = [:]
        /// Their citations (`CitationRecord.document` set when a corpus is handed out).
        var citations: [Int64: [CitationRecord]] = [:]
        /// The words of committed documents not analysed yet, as their write found them.
        var written: [Int64: DocumentTokens] = [:]
        /// Documents analysed from their write's words.
        var analysedFromWrites = 0
        /// The last corpus handed out and the live keys it holds: handed out again while they
        /// are the same, so what reports cache in it (orders, counts) is reused.
        var last: (keys: [Int64], corpus: AnalysisCorpus, citations: [CitationRecord])?
    }

    private let state = Mutex(State())
    private let analyzer = Analyzer()
    /// What reports have asked to be kept ready (the n-gram tables), for every corpus handed out.
    private let demand = AnalysisDemand()
    /// A background refresh is running; another is asked for while it runs.
    private let refresh = Mutex((running: false, again: false))

    /// Analyses newly committed documents on another thread, and prepares the corpus's counts,
    /// ranked word list, postings (and its ranked bigrams and trigrams once an n-grams report
    /// has asked for them) under the default unit (`AnalysisCorpus.prepare`), so that
    /// the next report finds them ready. One refresh runs at a time; asking while one runs makes it go round once more.
    func refreshInBackground(_ reader: any DatabaseReader) {
        let start = refresh.withLock { flags -> Bool in
            if flags.running {
                flags.again = true
                return false
            }
            flags.running = true
            return true
        }
        guard start else {
            return
        }
        DispatchQueue.global(qos: .utility).async {
            while true {
                // the corpus, and what reports keep over it for the default unit
                if let corpus = try? reader.read({ db in try self.corpus(db) }) {
                    corpus.prepare(.word)
                }
                let more = self.refresh.withLock { flags -> Bool in
                    if flags.again {
                        flags.again = false
                        return true
                    }
                    flags.running = false
                    return false
                }
                if !more {
                    return
                }
            }
        }
    }

    /// The reports' form ids of folded forms, numbering those not seen yet (for the write's
    /// analysis, `DocumentTokens`).
    func formIDs(_ forms: ArraySlice<String>) -> [UInt32] {
        state.withLock { current in
            forms.map { current.vocabulary.id(ofForm: $0) }
        }
    }

    /// Documents analysed from the words their write found (the others were scanned again).
    var analysedFromWrites: Int { state.withLock { $0.analysedFromWrites } }
    /// Documents whose write's words wait for their analysis.
    var writtenWaiting: Int { state.withLock { $0.written.count } }

    /// Keeps the words of documents a write has just committed, for their analysis.
    func keep(_ written: [(key: Int64, tokens: DocumentTokens)]) {
        guard !written.isEmpty else {
            return
        }
        state.withLock { current in
            for document in written {
                current.written[document.key] = document.tokens
            }
        }
    }

    /// The corpus of the documents live in `db` (in order of document id), analysing those not yet
    /// seen and dropping those gone.
    func corpus(_ db: Database) throws -> AnalysisCorpus {
        try snapshot(db).corpus
    }

    /// The corpus, and every citation of its documents (each naming its document's place in the corpus).
    func snapshot(_ db: Database) throws -> (corpus: AnalysisCorpus, citations: [CitationRecord]) {
        let live = try Row.fetchAll(db, sql: "SELECT key, id, title, author, source, page_map FROM documents ORDER BY id")
        var missing: [Row] = []
        state.withLock { current in
            for row in live where current.documents[row["key"]] == nil {
                missing.append(row)
            }
        }
        for row in missing {
            try analyse(db, row)
        }
        let keys = live.map { row -> Int64 in row["key"] }
        return state.withLock { current in
            if let last = current.last, last.keys == keys {
                return (last.corpus, last.citations)
            }
            let liveKeys = Set(keys)
            current.documents = current.documents.filter { liveKeys.contains($0.key) }
            current.citations = current.citations.filter { liveKeys.contains($0.key) }
            current.written = current.written.filter { liveKeys.contains($0.key) }
            var documents: [AnalysisDocument] = []
            var citations: [CitationRecord] = []
            for row in live {
                let key: Int64 = row["key"]
                guard let document = current.documents[key] else {
                    continue
                }
                for var record in current.citations[key] ?? [] {
                    record.document = documents.count
                    citations.append(record)
                }
                documents.append(document)
            }
            let corpus = AnalysisCorpus(vocabulary: current.vocabulary.snapshot, documents: documents, demand: demand)
            current.last = (keys, corpus, citations)
            return (corpus, citations)
        }
    }

    /// The authors cited in a body paragraph of an analysed document (empty when none, or not analysed yet).
    func citedAuthors(document key: Int64, paragraph: Int) -> [String] {
        state.withLock { current in
            (current.citations[key] ?? []).filter { $0.paragraph == Int32(paragraph) }.flatMap(\.authors)
        }
    }

    /// The type id of a folded name under `unit`, else nil.
    func typeID(named name: String, unit: CountingUnit) -> UInt32? {
        state.withLock { $0.vocabulary.typeID(named: name, unit: unit) }
    }

    /// Analyses one stored document and keeps it.
    private func analyse(_ db: Database, _ row: Row) throws {
        let key: Int64 = row["key"]
        let pageData: Data = row["page_map"]
        let pages = (try? JSONDecoder().decode([PageSpan].self, from: pageData)) ?? []
        let sections = try Row.fetchAll(
            db,
            sql: "SELECT kind, level, title, parent, page FROM sections WHERE doc = ? ORDER BY idx",
            arguments: [key]
        ).map { section -> AnalysisSection in
            let kind: String = section["kind"]
            return AnalysisSection(
                title: section["title"],
                kind: SectionKind(rawValue: kind) ?? .section,
                level: section["level"],
                parent: section["parent"],
                page: section["page"]
            )
        }
        let low = CorpusStore.paragraphRowID(document: key, index: 0)
        let high = CorpusStore.paragraphRowID(document: key + 1, index: 0) - 1
        let paragraphs = try Row.fetchAll(
            db,
            sql: "SELECT \(StoredParagraph.columns) FROM paragraphs WHERE id BETWEEN ? AND ? ORDER BY id",
            arguments: [low, high]
        ).map(StoredParagraph.init)
        let notes = try Row.fetchAll(
            db,
            sql: "SELECT idx, text, marker, section, page FROM notes WHERE doc = ? ORDER BY idx",
            arguments: [key]
        )

        // the words the write found, when they cover these paragraphs and notes
        let written = state.withLock { current -> DocumentTokens? in
            guard let tokens = current.written.removeValue(forKey: key),
                tokens.paragraphCount == paragraphs.count, tokens.bodyParagraphs + notes.count == paragraphs.count
            else {
                return nil
            }
            current.analysedFromWrites += 1
            return tokens
        }
        var text = AnalysedText()
        for paragraph in paragraphs where paragraph.kind != .note {
            let tokenStart = text.forms.count
            if let written, let words = written.words(ofParagraph: paragraph.index) {
                text.append(written, words, base: paragraph.start)
            } else {
                scan(paragraph.text, base: paragraph.start, into: &text)
            }
            text.closeBlock(
                kind: .body,
                from: tokenStart,
                section: Int32(paragraph.section ?? -1),
                index: Int32(paragraph.index),
                sentenceOffsets: paragraph.sentenceStarts.map { paragraph.start + $0 }
            )
        }
        var notePages: [String?] = []
        var markerPages: [String?] = []
        for note in notes {
            let tokenStart = text.forms.count
            if let written, let words = written.words(ofParagraph: written.bodyParagraphs + notePages.count) {
                text.append(written, words, base: 0)
            } else {
                let noteText: String = note["text"]
                scan(noteText, base: 0, into: &text)
            }
            let marker: Int? = note["marker"]
            // a note counts with the section its marker stands in (an endnote is printed in the
            // back matter but belongs to the chapter that cites it)
            let printedIn: Int? = note["section"]
            let section = marker.flatMap { Self.section(at: $0, in: paragraphs) } ?? printedIn
            text.closeBlock(
                kind: .note,
                from: tokenStart,
                section: Int32(section ?? -1),
                index: Int32(notePages.count),
                sentenceOffsets: []
            )
            notePages.append(note["page"])
            markerPages.append(marker.flatMap { Self.page(at: $0, in: pages) })
        }
        let document = AnalysisDocument(
            id: row["id"],
            title: row["title"],
            author: row["author"],
            source: row["source"],
            order: key,
            forms: text.forms,
            offsets: text.offsets,
            blocks: text.blocks,
            sentenceStarts: text.sentenceStarts,
            sections: sections,
            pages: pages,
            notePages: notePages,
            noteMarkerPages: markerPages
        )
        let citations = try Row.fetchAll(
            db,
            sql: #"SELECT start, "end", authors, year, pages, ibid FROM citations WHERE doc = ? ORDER BY idx"#,
            arguments: [key]
        ).map { citation in
            self.record(citation, paragraphs: paragraphs, pages: pages)
        }
        state.withLock { current in
            current.documents[key] = document
            current.citations[key] = citations
        }
    }

    /// A stored citation with its paragraph, section, page and text.
    private func record(_ row: Row, paragraphs: [StoredParagraph], pages: [PageSpan]) -> CitationRecord {
        let start: Int = row["start"]
        let end: Int = row["end"]
        let authorsJSON: String = row["authors"]
        let authors = (try? JSONDecoder().decode([String].self, from: Data(authorsJSON.utf8))) ?? []
        let holder = Self.paragraph(at: start, in: paragraphs)
        var text = ""
        if let holder {
            let bytes = Array(holder.text.utf8)
            let from = max(0, min(bytes.count, start - holder.start))
            let to = max(from, min(bytes.count, end - holder.start))
            text = String(decoding: bytes[from..<to], as: UTF8.self)
        }
        return CitationRecord(
            document: -1,
            authors: authors,
            authorWords: authors.map { name in analyzer.tokens(name).filter { !$0.isCompound }.map(\.term) },
            year: row["year"],
            pages: row["pages"],
            ibid: row["ibid"],
            text: text,
            start: start,
            end: end,
            paragraph: Int32(holder?.index ?? -1),
            section: Int32(holder?.section ?? -1),
            page: Self.page(at: start, in: pages)
        )
    }

    /// The body paragraph holding a clean-text offset (the last starting at or before it).
    static func paragraph(at offset: Int, in paragraphs: [StoredParagraph]) -> StoredParagraph? {
        // the notes' paragraphs come last and start past the clean text
        let after = paragraphs.partitionPoint { $0.kind != .note && $0.start <= offset }
        return after > 0 ? paragraphs[after - 1] : nil
    }

    /// Appends the words of `source` (compounds as their parts) with their offsets plus `base`.
    private func scan(_ source: String, base: Int, into text: inout AnalysedText) {
        var source = source
        var folded: [(form: String, offset: Int)] = []
        source.withUTF8 { bytes in
            analyzer.scanFolded(utf8: bytes) { form, start, _, _, isCompound in
                guard !isCompound else {
                    return
                }
                folded.append((String(decoding: form, as: UTF8.self), base + start))
            }
        }
        state.withLock { current in
            for word in folded {
                text.forms.append(current.vocabulary.id(ofForm: word.form))
                text.offsets.append(UInt32(clamping: word.offset))
            }
        }
    }

    /// The section of the body paragraph holding a clean-text offset.
    static func section(at offset: Int, in paragraphs: [StoredParagraph]) -> Int? {
        paragraph(at: offset, in: paragraphs)?.section
    }

    /// The printed page holding a clean-text offset (the page that began last before it, between pages).
    static func page(at offset: Int, in pages: [PageSpan]) -> String? {
        let after = pages.partitionPoint { $0.start <= offset }
        return after > 0 ? pages[after - 1].label : pages.first?.label
    }
}

/// A document's token stream as it is assembled, block by block.
private struct AnalysedText {
    var forms: [UInt32] = []
    var offsets: [UInt32] = []
    var blocks: [TextBlock] = []
    var sentenceStarts: [UInt32] = []

    /// Appends the words `range` of `tokens` with their offsets plus `base`.
    mutating func append(_ tokens: DocumentTokens, _ range: Range<Int>, base: Int) {
        forms.append(contentsOf: tokens.forms[range])
        offsets.reserveCapacity(offsets.count + range.count)
        for offset in tokens.offsets[range] {
            offsets.append(UInt32(clamping: base + Int(offset)))
        }
    }

    /// Ends the block that began at token `start`; a sentence starts at the block's first token
    /// and at the first token at or after each of `sentenceOffsets`.
    mutating func closeBlock(kind: TextBlock.Kind, from start: Int, section: Int32, index: Int32, sentenceOffsets: [Int]) {
        let end = forms.count
        blocks.append(TextBlock(kind: kind, start: UInt32(start), end: UInt32(end), section: section, index: index))
        guard end > start else {
            return
        }
        var token = start
        var starts: [UInt32] = [UInt32(start)]
        for offset in sentenceOffsets {
            while token < end, Int(offsets[token]) < offset {
                token += 1
            }
            if token < end, starts.last != UInt32(token) {
                starts.append(UInt32(token))
            }
        }
        sentenceStarts.append(contentsOf: starts)
    }
}
