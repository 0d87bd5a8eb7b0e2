public struct TermsResponse: Codable, Sendable, Hashable {
    /// Running words in scope (the corpus, or the one document).
    public var tokens: Int
    /// Distinct terms in scope in the request's unit (forms, words or stems).
    public var types: Int
    /// Documents in scope.
    public var documents: Int
    /// For a vocabulary listing: entries before paging.
    public var total: Int
    public var terms: [TermStatistics]

    public init(tokens: Int, types: Int, documents: Int, total: Int, terms: [TermStatistics]) {
        self.tokens = tokens
        self.types = types
        self.documents = documents
        self.total = total
        self.terms = terms
    }
}

public struct TermStatistics: Codable, Sendable, Hashable {
    /// The term in the request's unit: the folded form, the word (its lemma) or the stem.
    public var term: String
    /// The folded forms counted (one for the unit form).
    public var forms: [String]
    public var frequency: Int
    public var documentFrequency: Int
    public var documents: [TermDocumentCount]

    public init(term: String, forms: [String], frequency: Int, documentFrequency: Int, documents: [TermDocumentCount]) {
        self.term = term
        self.forms = forms
        self.frequency = frequency
        self.documentFrequency = documentFrequency
        self.documents = documents
    }

    enum CodingKeys: String, CodingKey {
        case term, forms, frequency, documents
        case documentFrequency = "document_frequency"
    }
}

public struct TermDocumentCount: Codable, Sendable, Hashable {
    public var documentID: String
    public var title: String
    public var count: Int
    /// The document's running words, for relative frequencies.
    public var tokens: Int
    public var sections: [TermSectionCount]

    public init(documentID: String, title: String, count: Int, tokens: Int, sections: [TermSectionCount]) {
        self.documentID = documentID
        self.title = title
        self.count = count
        self.tokens = tokens
        self.sections = sections
    }

    enum CodingKeys: String, CodingKey {
        case title, count, tokens, sections
        case documentID = "document_id"
    }
}

/// Occurrences in one section; `section` is nil for text outside every section.
public struct TermSectionCount: Codable, Sendable, Hashable {
    public var section: Int?
    public var title: String?
    public var kind: SectionKind?
    public var count: Int

    public init(section: Int?, title: String?, kind: SectionKind?, count: Int) {
        self.section = section
        self.title = title
        self.kind = kind
        self.count = count
    }
}
