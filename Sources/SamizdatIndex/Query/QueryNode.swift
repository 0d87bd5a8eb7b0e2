import SamizdatModel

/// Where a query leaf looks.
public enum QueryField: String, Sendable, Hashable, CaseIterable {
    /// The paragraph text (the default).
    case body
    case title, author
    /// The document id and its source (file name).
    case doc
    /// The titles of the sections holding the paragraph, innermost to outermost.
    case chapter
    /// The authors of the in-text citations in the paragraph (`cites:agamben`).
    case cites
}

/// A stretch of text within which a sub-query must be satisfied as a whole.
public enum QueryScope: String, Sendable, Hashable {
    case sentence, paragraph
}

/// A term, phrase or prefix after analysis.
public struct QueryLeaf: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case term, phrase, prefix }
    public var kind: Kind
    /// Folded words (a phrase or a hyphenated compound gives several).
    public var words: [String]
    /// Their stems.
    public var stems: [String]
    /// Their lemmas (the word each is an inflection of, `EnglishLemmatizer`).
    public var lemmas: [String]
    /// What a body word matches: its folded form (`exact:`, and prefixes), any inflection of its
    /// word (the default), or any form with its Porter2 stem (`stem:`). Metadata fields match
    /// by stem for `.word` as for `.stem`.
    public var unit: CountingUnit
    public var field: QueryField
    /// Offset in the query, in Unicode scalars (errors thrown by the parser count Characters).
    public var position: Int

    public init(
        kind: Kind,
        words: [String],
        stems: [String],
        lemmas: [String],
        unit: CountingUnit,
        field: QueryField,
        position: Int
    ) {
        self.kind = kind
        self.words = words
        self.stems = stems
        self.lemmas = lemmas
        self.unit = unit
        self.field = field
        self.position = position
    }

    /// No stemming, no lemmas: the folded forms only.
    public var exact: Bool { unit == .form }

    /// The unit a leaf on a metadata field matches by: `.word` falls back to stems there (the
    /// field table holds folded forms and stems only).
    public var fieldUnit: CountingUnit { unit == .word ? .stem : unit }
}

/// A parsed query. `.not` only appears as a child of `.and`, beside at least one positive child.
public indirect enum QueryNode: Sendable, Hashable {
    case leaf(QueryLeaf)
    case and([QueryNode])
    case or([QueryNode])
    case not(QueryNode)
    /// Leaves within `distance` words of each other (words between neighbours, as FTS5 counts them).
    case near([QueryLeaf], distance: Int)
    case scope(QueryScope, QueryNode)

    /// Positive leaves, for highlighting and concordances.
    public var positiveLeaves: [QueryLeaf] {
        switch self {
        case .leaf(let l): return [l]
        case .and(let c), .or(let c): return c.flatMap(\.positiveLeaves)
        case .not: return []
        case .near(let leaves, _): return leaves
        case .scope(_, let n): return n.positiveLeaves
        }
    }

    /// True when some leaf looks outside the paragraph text (title:, author:, doc:, chapter:).
    public var usesFields: Bool {
        switch self {
        case .leaf(let l): return l.field != .body
        case .and(let c), .or(let c): return c.contains(where: \.usesFields)
        case .not(let n), .scope(_, let n): return n.usesFields
        case .near(let l, _): return l.contains { $0.field != .body }
        }
    }

    public var hasScope: Bool {
        switch self {
        case .leaf, .near: return false
        case .and(let c), .or(let c): return c.contains(where: \.hasScope)
        case .not(let n): return n.hasScope
        case .scope(let s, let n): return s == .sentence || n.hasScope
        }
    }
}
