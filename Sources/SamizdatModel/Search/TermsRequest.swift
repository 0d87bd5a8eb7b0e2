/// Term statistics. With `terms` empty: the vocabulary with frequencies (paged, most frequent first).
/// With terms: frequency, document frequency, and counts per document and per section for each.
public struct TermsRequest: Codable, Sendable, Hashable {
    /// Words as a user types them; each is analyzed (folded, and stemmed when `stemmed`).
    public var terms: [String]
    /// Restrict counts to one document.
    public var documentID: String?
    /// Count by Porter2 stem (all forms of a word together) instead of by folded form.
    public var stemmed: Bool
    /// Include per-document (and per-section) counts for each asked term.
    public var perDocument: Bool
    /// Only vocabulary entries starting with this (folded) prefix.
    public var prefix: String?
    public var minFrequency: Int
    public var offset: Int
    public var limit: Int

    public init(terms: [String] = [], documentID: String? = nil, stemmed: Bool = false, perDocument: Bool = true,
                prefix: String? = nil, minFrequency: Int = 1, offset: Int = 0, limit: Int = 100) {
        self.terms = terms; self.documentID = documentID; self.stemmed = stemmed; self.perDocument = perDocument
        self.prefix = prefix; self.minFrequency = minFrequency; self.offset = offset; self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case terms, stemmed, prefix, offset, limit
        case documentID = "document_id"
        case perDocument = "per_document"
        case minFrequency = "min_frequency"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            terms: try c.decodeIfPresent([String].self, forKey: .terms) ?? [],
            documentID: try c.decodeIfPresent(String.self, forKey: .documentID),
            stemmed: try c.decodeIfPresent(Bool.self, forKey: .stemmed) ?? false,
            perDocument: try c.decodeIfPresent(Bool.self, forKey: .perDocument) ?? true,
            prefix: try c.decodeIfPresent(String.self, forKey: .prefix),
            minFrequency: try c.decodeIfPresent(Int.self, forKey: .minFrequency) ?? 1,
            offset: try c.decodeIfPresent(Int.self, forKey: .offset) ?? 0,
            limit: try c.decodeIfPresent(Int.self, forKey: .limit) ?? 100
        )
    }
}
