import Foundation
import GRDB
import SamizdatModel
import SamizdatReports
import SamizdatText

extension CorpusStore {
    /// The corpus as the reports read it, exact for the documents committed when it is asked for.
    public func analysisCorpus() throws -> AnalysisCorpus {
        try writer.read { db in try self.analysisCache.corpus(db) }
    }

    /// Analyses newly committed documents for the reports on another thread (see
    /// `AnalysisCorpusCache.refreshInBackground`).
    public func refreshAnalysisInBackground() {
        analysisCache.refreshInBackground(writer)
    }

    /// A type of `unit` as a user typed it: its name (folded, then lemmatized or stemmed as the
    /// unit says) and its id in the analysis vocabulary, nil when the corpus does not hold it.
    public func analysisType(_ text: String, unit: CountingUnit, parameter: String) throws -> (name: String, id: UInt32?) {
        let words = analyzer.tokens(text).filter { !$0.isCompound }
        guard words.count == 1, let word = words.first else {
            let reason = words.isEmpty ? "holds no word" : "holds \(words.count) words; give one"
            throw ProtocolError.badParameter(parameter, "'\(text)' \(reason)")
        }
        let name: String
        switch unit {
        case .form: name = word.term
        case .word: name = EnglishLemmatizer.lemma(word.term)
        case .stem: name = word.stem
        }
        return (name, analysisCache.typeID(named: name, unit: unit))
    }

    /// The citation index of a scope (see `CitationIndex`).
    public func citations(_ request: CitationsRequest) throws -> CitationsResponse {
        try request.validate()
        let (corpus, records) = try writer.read { db in try self.analysisCache.snapshot(db) }
        let selection = try self.selection(request.scope, in: corpus)
        let words = request.author.map { name in analyzer.tokens(name).filter { !$0.isCompound }.map(\.term) }
        return CitationIndex.compute(corpus, selection, citations: records, authorWords: words, request)
    }

    /// The documents, chapters and region a scope covers in `corpus`. An unknown document, a
    /// document name that several documents share, a subcorpus query that is not a field query
    /// or that matches nothing, and a chapter that matches nothing are named errors.
    public func selection(_ scope: ReportScope, in corpus: AnalysisCorpus, prefix: String = "") throws -> CorpusSelection {
        var parts: [Int: Set<Int32>?] = [:]
        if let document = scope.document {
            let index = try documentIndex(document, in: corpus, parameter: prefix + "doc")
            parts = [index: nil]
        } else {
            for index in corpus.documents.indices {
                parts[index] = .some(nil)
            }
        }
        if let subcorpus = scope.subcorpus {
            let chosen = try subcorpusParts(subcorpus, in: corpus, parameter: prefix + "subcorpus")
            parts = Self.intersect(parts, chosen)
            guard !parts.isEmpty else {
                throw ProtocolError(
                    .notFound,
                    "the subcorpus '\(subcorpus)' holds none of the documents in scope",
                    parameter: prefix + "subcorpus"
                )
            }
        }
        if let chapter = scope.chapter {
            var chosen: [Int: Set<Int32>?] = [:]
            for index in parts.keys {
                let sections = chapterSections(chapter, in: corpus.documents[index])
                if !sections.isEmpty {
                    chosen[index] = .some(sections)
                }
            }
            parts = Self.intersect(parts, chosen)
            guard !parts.isEmpty else {
                throw ProtocolError(.notFound, "no chapter matches '\(chapter)'", parameter: prefix + "chapter")
            }
        }
        let ordered = parts.keys.sorted().map { index in CorpusSelection.Part(document: index, sections: parts[index] ?? nil) }
        return CorpusSelection(parts: ordered, region: scope.region)
    }

    /// Everything of `corpus` outside `selection`, in the same region: a keyword report's default reference.
    public func complement(of selection: CorpusSelection, in corpus: AnalysisCorpus) -> CorpusSelection {
        var chosen: [Int: Set<Int32>?] = [:]
        for part in selection.parts {
            chosen[part.document] = .some(part.sections)
        }
        var parts: [CorpusSelection.Part] = []
        for (index, document) in corpus.documents.enumerated() {
            guard let taken = chosen[index] else {
                parts.append(CorpusSelection.Part(document: index))
                continue
            }
            guard let sections = taken else {
                continue
            }
            var rest = Set((-1..<Int32(document.sections.count)).map { $0 })
            rest.subtract(sections)
            if !rest.isEmpty {
                parts.append(CorpusSelection.Part(document: index, sections: rest))
            }
        }
        return CorpusSelection(parts: parts, region: selection.region)
    }

    /// The corpus index of a document named by id or by the file name it was ingested from.
    func documentIndex(_ name: String, in corpus: AnalysisCorpus, parameter: String) throws -> Int {
        if let index = corpus.documents.firstIndex(where: { $0.id == name }) {
            return index
        }
        let bySource = corpus.documents.indices.filter { corpus.documents[$0].source == name }
        if bySource.count > 1 {
            throw ProtocolError.badParameter(parameter, "'\(name)' is the file name of \(bySource.count) documents: give a document id")
        }
        guard let index = bySource.first else {
            throw ProtocolError(.notFound, "no document '\(name)' (neither a document id nor a file name)", parameter: parameter)
        }
        return index
    }

    /// The documents and sections a field query (`title:`, `author:`, `doc:`, `chapter:`) matches.
    func subcorpusParts(_ query: String, in corpus: AnalysisCorpus, parameter: String) throws -> [Int: Set<Int32>?] {
        let node: QueryNode
        do {
            node = try parser.parse(query)
        } catch {
            throw ProtocolError(.badParameter, "\(parameter): \(error.message)", offset: error.position, parameter: parameter)
        }
        guard Self.onlyFields(node) else {
            throw ProtocolError.badParameter(parameter, "'\(query)' must choose by fields only (title:, author:, doc:, chapter:)")
        }
        let rows = try writer.read { db in
            do {
                return try self.fieldRows(db, node)
            } catch let error as QueryError {
                throw ProtocolError(.badParameter, "\(parameter): \(error.message)", offset: error.position, parameter: parameter)
            }
        }
        var indexOfKey: [Int64: Int] = [:]
        for (index, document) in corpus.documents.enumerated() {
            indexOfKey[document.order] = index
        }
        var matched: [Int: Set<Int32>] = [:]
        for row in rows {
            guard let index = indexOfKey[Self.documentKey(paragraphRowID: row)] else {
                continue
            }
            // field row 0 is the text outside every section, row s + 1 is section s
            matched[index, default: []].insert(Int32(Self.paragraphIndex(paragraphRowID: row)) - 1)
        }
        var parts: [Int: Set<Int32>?] = [:]
        for (index, sections) in matched {
            let whole = sections.count == corpus.documents[index].sections.count + 1
            parts[index] = whole ? .some(nil) : .some(sections)
        }
        return parts
    }

    static func onlyFields(_ node: QueryNode) -> Bool {
        switch node {
        case .leaf(let leaf): leaf.field != .body
        case .and(let children), .or(let children): children.allSatisfy(onlyFields)
        case .not(let child), .scope(_, let child): onlyFields(child)
        case .near(let leaves, _): leaves.allSatisfy { $0.field != .body }
        }
    }

    /// The sections of the chapters of `document` that `chapter` names — a number ("3": the third
    /// chapter, or the third top-level section where the document has no chapters) or words all
    /// found in a section's title — each with every section under it. Empty when none matches.
    func chapterSections(_ chapter: String, in document: AnalysisDocument) -> Set<Int32> {
        let sections = document.sections
        var heads: [Int] = []
        if let number = Int(chapter.trimmingCharacters(in: .whitespaces)) {
            var chapters = sections.indices.filter { sections[$0].kind == .chapter }
            if chapters.isEmpty {
                chapters = sections.indices.filter { sections[$0].parent == nil }
            }
            if number >= 1, number <= chapters.count {
                heads = [chapters[number - 1]]
            }
        } else {
            let wanted = Set(analyzer.tokens(chapter).filter { !$0.isCompound }.map(\.term))
            guard !wanted.isEmpty else {
                return []
            }
            heads = sections.indices.filter { index in
                wanted.isSubset(of: Set(analyzer.tokens(sections[index].title).map(\.term)))
            }
        }
        var chosen = Set(heads.map { Int32($0) })
        // every section under a chosen one (parents come before their children)
        for index in sections.indices {
            if let parent = sections[index].parent, chosen.contains(Int32(parent)) {
                chosen.insert(Int32(index))
            }
        }
        return chosen
    }

    /// The parts both maps choose: a document in both, with the sections both allow.
    static func intersect(_ first: [Int: Set<Int32>?], _ second: [Int: Set<Int32>?]) -> [Int: Set<Int32>?] {
        var result: [Int: Set<Int32>?] = [:]
        for (index, sections) in first {
            guard let other = second[index] else {
                continue
            }
            switch (sections, other) {
            case (nil, let allowed), (let allowed, nil):
                result[index] = .some(allowed)
            case (let some?, let more?):
                let both = some.intersection(more)
                if !both.isEmpty {
                    result[index] = .some(both)
                }
            }
        }
        return result
    }
}
