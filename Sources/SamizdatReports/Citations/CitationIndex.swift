import SamizdatModel

/// The citation index of a selection: authors by citations, their works, and the places that
/// cite an author.
public enum CitationIndex {
    /// - Parameters:
    ///   - citations: every citation of the corpus (the index keeps them with the documents).
    ///   - authorWords: the asked author's name as folded words, nil for every author.
    public static func compute(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        citations: [CitationRecord],
        authorWords: [String]?,
        _ request: CitationsRequest
    ) -> CitationsResponse {
        var chosenSections: [Int: Set<Int32>?] = [:]
        for part in selection.parts {
            chosenSections[part.document] = .some(part.sections)
        }
        // citations stand in the body: a selection of the notes alone holds none
        let inScope = citations.filter { record in
            guard selection.region != .notes, let sections = chosenSections[record.document] else {
                return false
            }
            return sections.map { $0.contains(record.section) } ?? true
        }
        var byAuthor: [String: AuthorTally] = [:]
        var matching: [CitationRecord] = []
        for record in inScope {
            var matched = false
            for (position, name) in record.authors.enumerated() {
                if let authorWords, !authorWords.allSatisfy(record.authorWords[position].contains) {
                    continue
                }
                matched = true
                byAuthor[name, default: AuthorTally()].add(record)
            }
            if matched {
                matching.append(record)
            }
        }
        var authors = byAuthor.map { name, tally in
            CitedAuthor(
                name: name,
                citations: tally.citations,
                documents: tally.documents.count,
                works: tally.works.map { work, count in CitedWork(work: work.name, year: work.year, citations: count) }
                    .sorted { ($1.citations, $0.work) < ($0.citations, $1.work) }
            )
        }
        switch request.sort {
        case .citations:
            authors.sort { ($1.citations, $0.name) < ($0.citations, $1.name) }
        case .name:
            authors.sort { ($0.name, $1.citations) < ($1.name, $0.citations) }
        }
        let page = Array(authors.dropFirst(request.offset).prefix(request.limit))
        var places: [CitationPlace] = []
        if authorWords != nil {
            places = matching.dropFirst(request.offset).prefix(request.limit).map { record in
                let document = corpus.documents[record.document]
                return CitationPlace(
                    documentID: document.id,
                    title: document.title,
                    chapter: chapterTitle(record.section, in: document),
                    page: record.page,
                    paragraph: Int(record.paragraph),
                    text: record.text,
                    authors: record.authors,
                    year: record.year,
                    pages: record.pages,
                    ibid: record.ibid
                )
            }
        }
        let counted = authorWords == nil ? inScope.count : matching.count
        return CitationsResponse(
            citations: counted,
            authorCount: authors.count,
            offset: request.offset,
            authors: page,
            places: places
        )
    }

    /// The title of the nearest chapter, post, front or back matter holding a section, else of
    /// its outermost ancestor; nil outside every section.
    public static func chapterTitle(_ section: Int32, in document: AnalysisDocument) -> String? {
        var current = Int(section)
        var last: String?
        var steps = 0
        while current >= 0, current < document.sections.count, steps < 64 {
            let heading = document.sections[current]
            switch heading.kind {
            case .chapter, .post, .frontMatter, .backMatter:
                return heading.title
            default:
                last = heading.title
            }
            current = heading.parent ?? -1
            steps += 1
        }
        return last
    }

    /// An author's citations, documents and works as they are counted.
    struct AuthorTally {
        struct Work: Hashable {
            var name: String
            var year: String?
        }

        var citations = 0
        var documents: Set<Int> = []
        var works: [Work: Int] = [:]

        mutating func add(_ record: CitationRecord) {
            citations += 1
            documents.insert(record.document)
            works[Work(name: record.work, year: record.year), default: 0] += 1
        }
    }

    /// The index as CSV: one row per author (name, citations, documents, works), or with places
    /// one row per place.
    public static func csv(_ response: CitationsResponse) -> CSVTable {
        if !response.places.isEmpty {
            var table = CSVTable(header: ["document_id", "title", "chapter", "page", "paragraph", "citation", "authors", "year", "pages", "ibid"])
            for place in response.places {
                table.append([
                    place.documentID, place.title, place.chapter ?? "", place.page ?? "", String(place.paragraph), place.text,
                    place.authors.joined(separator: "; "), place.year ?? "", place.pages ?? "", place.ibid ? "true" : "false",
                ])
            }
            return table
        }
        var table = CSVTable(header: ["author", "citations", "documents", "works"])
        for author in response.authors {
            let works = author.works.map { "\($0.work) (\($0.citations))" }.joined(separator: "; ")
            table.append([author.name, String(author.citations), String(author.documents), works])
        }
        return table
    }
}
