import SamizdatModel

/// One line of a page whose layout is known (read from a PDF's positions and type sizes, or from
/// an EPUB's or a web page's markup): its text and what it is on the page.
public struct LaidOutLine: Sendable, Hashable {
    /// What the line is.
    public enum Role: Sendable, Hashable {
        /// Running text.
        case body
        /// A heading line; level 1 is the largest type (a chapter), 2 a section, 3 a subsection.
        case heading(level: Int)
        /// A line of a note printed at the foot of its page.
        case note
        /// A running head, page number or printer's slug: removed from the text, kept as an artifact.
        case artifact(ArtifactKind)
    }

    /// A note marker whose note the markup names (an EPUB `noteref`, a link to `#fn3`): where it
    /// stood in the line's `text` (a UTF-8 offset; the marker itself is not in the text), its label
    /// as printed, and the key of its note (`NoteStart.key`).
    public struct NoteMarker: Sendable, Hashable {
        public var offset: Int
        public var label: String
        public var note: String

        public init(offset: Int, label: String, note: String) {
            self.offset = offset
            self.label = label
            self.note = note
        }
    }

    /// A note line that opens a note the markup names: its key (what markers point at) and its label.
    public struct NoteStart: Sendable, Hashable {
        public var key: String
        public var label: String

        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    public var text: String
    public var role: Role
    /// The line begins a paragraph (or, among notes, a note), as its indent or the space above it shows.
    public var startsParagraph: Bool
    /// Note markers known from the markup. When any line of a document carries one, or any note
    /// line a `noteStart`, the segmenter links notes by these alone and guesses no marker from the text.
    public var noteMarkers: [NoteMarker]
    /// For a note line: the note it opens, when the markup names it.
    public var noteStart: NoteStart?
    /// For a body line that starts a paragraph: whether the paragraph is a block quotation, when
    /// the markup says (`<blockquote>`); nil to judge it by the layout.
    public var blockQuotation: Bool?

    public init(
        text: String,
        role: Role,
        startsParagraph: Bool,
        noteMarkers: [NoteMarker] = [],
        noteStart: NoteStart? = nil,
        blockQuotation: Bool? = nil
    ) {
        self.text = text
        self.role = role
        self.startsParagraph = startsParagraph
        self.noteMarkers = noteMarkers
        self.noteStart = noteStart
        self.blockQuotation = blockQuotation
    }
}
