/// The notes of a publication and the links to them, found before its text is walked (an
/// endnote may sit in a document after its marker's): which elements are notes, the label each
/// note's first marker prints, and which elements are markers (so a link back to one is a backlink).
struct MarkupNotes {
    /// The `epub:type` (or `role="doc-…"`) values that make an element a note.
    static let noteTypes: Set<String> = ["footnote", "endnote", "rearnote", "note"]

    /// Keys (`path#id`) of the elements that are notes.
    var notes: Set<String> = []
    /// The label each note's first marker prints, by the note's key.
    var labels: [String: String] = [:]
    /// Keys of the markers (`path#id` of a noteref with an id).
    var markers: Set<String> = []

    /// Reads every document (`path`, root) for notes and the links that call them: a link is a
    /// note marker when it says so (`epub:type="noteref"`, `role="doc-noteref"`) or is set as a
    /// superscript (`<sup><a href="#fn1">1</a></sup>`, `<a href="#fn1"><sup>1</sup></a>`) and
    /// points into the publication; what it points at is then a note, as is every element
    /// typed a footnote, endnote or rearnote.
    init(documents: [(path: String, root: MarkupElement)]) {
        for document in documents {
            scan(document.root, path: document.path, inSuperscript: false)
        }
    }

    private mutating func scan(_ element: MarkupElement, path: String, inSuperscript: Bool) {
        let semantics = element.semantics
        if let id = element.attributes["id"], !semantics.isDisjoint(with: MarkupNotes.noteTypes) {
            notes.insert(MarkupPath.key(document: path, fragment: id))
        }
        if element.name == "a", let target = MarkupNotes.markerTarget(element, path: path, inSuperscript: inSuperscript) {
            notes.insert(target)
            if labels[target] == nil { labels[target] = MarkupNotes.label(of: element) }
            if let id = element.attributes["id"] { markers.insert(MarkupPath.key(document: path, fragment: id)) }
            return
        }
        let superscript = inSuperscript || element.name == "sup"
        for child in element.childElements { scan(child, path: path, inSuperscript: superscript) }
    }

    /// Where a link that is a note marker points, or nil when it is no marker.
    static func markerTarget(_ link: MarkupElement, path: String, inSuperscript: Bool) -> String? {
        guard let href = link.attributes["href"], href.contains("#"), let target = MarkupPath.target(of: href, from: path) else {
            return nil
        }
        let semantics = link.semantics
        if semantics.contains("noteref") { return target }
        if semantics.contains("backlink") { return nil }
        let holdsSuperscript = link.first { $0.name == "sup" } != nil
        guard inSuperscript || holdsSuperscript else { return nil }
        let label = MarkupNotes.label(of: link)
        guard !label.isEmpty, label.count <= 6 else { return nil }
        return target
    }

    /// A marker's label as printed, without brackets: "[3]" → "3".
    static func label(of link: MarkupElement) -> String {
        var label = MarkupPages.collapsed(link.textContent)
        let brackets: Set<Character> = ["[", "]", "(", ")"]
        while let first = label.first, brackets.contains(first) { label.removeFirst() }
        while let last = label.last, brackets.contains(last) { label.removeLast() }
        return label.trimmingSpaces()
    }

    /// A link inside a note that leads back to its marker (not part of the note's text).
    func isBacklink(_ link: MarkupElement, path: String) -> Bool {
        let semantics = link.semantics
        if semantics.contains("backlink") { return true }
        guard let href = link.attributes["href"], let target = MarkupPath.target(of: href, from: path) else { return false }
        if markers.contains(target) { return true }
        let text = MarkupPages.collapsed(link.textContent)
        return text == "↩" || text == "↩︎" || text == "^"
    }
}
