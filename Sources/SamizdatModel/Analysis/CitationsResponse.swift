/// The citation index of a scope.
public struct CitationsResponse: Codable, Sendable, Hashable {
    /// Citations in the scope (with `author`: of that author), "ibid." included.
    public var citations: Int
    /// Distinct authors cited (with `author`: matching it).
    public var authorCount: Int
    public var offset: Int
    /// A page of the authors.
    public var authors: [CitedAuthor]
    /// With `author`: every citation of a matching author, in corpus order (paged with `offset`
    /// and `limit` as well).
    public var places: [CitationPlace]

    public init(citations: Int, authorCount: Int, offset: Int, authors: [CitedAuthor], places: [CitationPlace]) {
        self.citations = citations
        self.authorCount = authorCount
        self.offset = offset
        self.authors = authors
        self.places = places
    }

    enum CodingKeys: String, CodingKey {
        case citations, offset, authors, places
        case authorCount = "author_count"
    }
}

/// An author as the citation index counts them.
public struct CitedAuthor: Codable, Sendable, Hashable {
    public var name: String
    public var citations: Int
    /// Documents citing them.
    public var documents: Int
    /// Their works cited (by the authors and year of each citation), most cited first.
    public var works: [CitedWork]

    public init(name: String, citations: Int, documents: Int, works: [CitedWork]) {
        self.name = name
        self.citations = citations
        self.documents = documents
        self.works = works
    }
}

/// A work: the authors and year of a citation.
public struct CitedWork: Codable, Sendable, Hashable {
    public var work: String
    public var year: String?
    public var citations: Int

    public init(work: String, year: String?, citations: Int) {
        self.work = work
        self.year = year
        self.citations = citations
    }
}

/// One place that cites: the document, chapter and printed page, and the citation as printed.
public struct CitationPlace: Codable, Sendable, Hashable {
    public var documentID: String
    public var title: String
    public var chapter: String?
    public var page: String?
    /// The body paragraph holding the citation.
    public var paragraph: Int
    public var text: String
    public var authors: [String]
    public var year: String?
    public var pages: String?
    public var ibid: Bool

    public init(
        documentID: String,
        title: String,
        chapter: String?,
        page: String?,
        paragraph: Int,
        text: String,
        authors: [String],
        year: String?,
        pages: String?,
        ibid: Bool
    ) {
        self.documentID = documentID
        self.title = title
        self.chapter = chapter
        self.page = page
        self.paragraph = paragraph
        self.text = text
        self.authors = authors
        self.year = year
        self.pages = pages
        self.ibid = ibid
    }

    enum CodingKeys: String, CodingKey {
        case title, chapter, page, paragraph, text, authors, year, pages, ibid
        case documentID = "document_id"
    }
}
