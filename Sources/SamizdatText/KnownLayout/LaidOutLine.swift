import SamizdatModel

/// One line of a page whose layout is known (read from a PDF's positions and type sizes, or from
/// an EPUB's markup): its text and what it is on the page.
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

    public var text: String
    public var role: Role
    /// The line begins a paragraph (or, among notes, a note), as its indent or the space above it shows.
    public var startsParagraph: Bool

    public init(text: String, role: Role, startsParagraph: Bool) {
        self.text = text
        self.role = role
        self.startsParagraph = startsParagraph
    }
}
