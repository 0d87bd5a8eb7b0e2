/// A note as a hit refers to it: a hit in a note's text names its marker's page; a hit in the
/// body names the notes whose markers stand in its paragraph.
public struct NoteReference: Codable, Sendable, Hashable {
    /// The note's index in its document.
    public var index: Int
    /// The marker as printed: "1", "*".
    public var label: String
    /// The printed page of the note's text.
    public var page: String?
    /// The printed page of its marker in the body (nil when the note has no marker).
    public var markerPage: String?

    public init(index: Int, label: String, page: String?, markerPage: String?) {
        self.index = index
        self.label = label
        self.page = page
        self.markerPage = markerPage
    }

    enum CodingKeys: String, CodingKey {
        case index, label, page
        case markerPage = "marker_page"
    }
}
