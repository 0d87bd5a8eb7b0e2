import SamizdatModel
import Synchronization

/// One document as the reports see it: its running text as a stream of form ids, cut into
/// blocks (body paragraphs, then notes) that no n-gram or collocation window crosses.
///
/// The index builds one per live document (`SamizdatIndex.AnalysisCorpusCache`) from the same
/// analyzer that indexes and parses queries; reports only read it. A class, so that a corpus
/// shares its documents rather than copying their arrays.
public final class AnalysisDocument: Sendable {
    /// The document id.
    public let id: String
    public let title: String
    public let author: String
    public let source: String
    /// Ingest order (the store's document key, which only grows): trends "by ingest time".
    public let order: Int64
    /// The form id (`AnalysisVocabulary.forms`) of every token in text order: the body's
    /// paragraphs, then the notes. A hyphenated compound counts as its parts only.
    public let forms: [UInt32]
    /// The UTF-8 byte offset of every token: into the clean text for a body token, into its
    /// note's text for a note token.
    public let offsets: [UInt32]
    /// The blocks, in token order, covering `forms` without gaps or overlaps.
    public let blocks: [TextBlock]
    /// Token indices where a sentence starts, ascending. Every block starts a sentence.
    public let sentenceStarts: [UInt32]
    /// The heading tree (index = section index of `TextBlock.section`).
    public let sections: [AnalysisSection]
    /// The printed pages of the clean text (body offsets map to them).
    public let pages: [PageSpan]
    /// For each note (index = `TextBlock.index` of a note block): the page it is printed on, and
    /// the page of its marker in the body (nil when unknown or unmatched).
    public let notePages: [String?]
    public let noteMarkerPages: [String?]
    /// Type indexes built so far, by unit (see `typeIndex(_:)`).
    private let typeIndexes = Mutex<[CountingUnit: TypeIndex]>([:])
    /// Block maps of the whole document built so far, by region (see `blockMap(_:)`).
    private let blockMaps = Mutex<[TextRegion: BlockMap]>([:])

    public init(
        id: String,
        title: String,
        author: String,
        source: String,
        order: Int64,
        forms: [UInt32],
        offsets: [UInt32],
        blocks: [TextBlock],
        sentenceStarts: [UInt32],
        sections: [AnalysisSection],
        pages: [PageSpan],
        notePages: [String?],
        noteMarkerPages: [String?]
    ) {
        self.id = id
        self.title = title
        self.author = author
        self.source = source
        self.order = order
        self.forms = forms
        self.offsets = offsets
        self.blocks = blocks
        self.sentenceStarts = sentenceStarts
        self.sections = sections
        self.pages = pages
        self.notePages = notePages
        self.noteMarkerPages = noteMarkerPages
    }

    /// The number of tokens.
    public var tokenCount: Int { forms.count }

    /// The document's tokens grouped by type under `table`'s unit, built on first use and kept
    /// (a form's word and stem never change, so neither does this).
    public func typeIndex(_ table: UnitTable) -> TypeIndex {
        if let built = typeIndexes.withLock({ $0[table.unit] }) {
            return built
        }
        let built = TypeIndex(forms: forms, typeOfForm: table.typeOfForm, typeCount: table.count)
        typeIndexes.withLock { $0[table.unit] = built }
        return built
    }

    /// Where the whole document's tokens in `region` stand, built on first use and kept.
    func blockMap(_ region: TextRegion) -> BlockMap {
        if let built = blockMaps.withLock({ $0[region] }) {
            return built
        }
        let built = BlockMap(self, region: region, sections: nil)
        blockMaps.withLock { $0[region] = built }
        return built
    }
}

/// A stretch of running text that nothing crosses: a body paragraph (heading and block
/// quotation paragraphs included) or a note.
public struct TextBlock: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable {
        case body
        case note
    }

    public var kind: Kind
    /// Its tokens: `start..<end` of the document's `forms`.
    public var start: UInt32
    public var end: UInt32
    /// The innermost section holding it (index into `AnalysisDocument.sections`), −1 for none.
    public var section: Int32
    /// The paragraph index (body) or the note index (note) in the document.
    public var index: Int32

    public init(kind: Kind, start: UInt32, end: UInt32, section: Int32, index: Int32) {
        self.kind = kind
        self.start = start
        self.end = end
        self.section = section
        self.index = index
    }
}

/// A heading of the document's tree, as reports need it.
public struct AnalysisSection: Sendable, Hashable {
    public var title: String
    public var kind: SectionKind
    public var level: Int
    /// The enclosing section's index, nil at the top.
    public var parent: Int?
    /// The printed page where it starts.
    public var page: String?

    public init(title: String, kind: SectionKind, level: Int, parent: Int?, page: String?) {
        self.title = title
        self.kind = kind
        self.level = level
        self.parent = parent
        self.page = page
    }
}
