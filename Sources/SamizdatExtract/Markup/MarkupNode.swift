/// A node of a parsed XML or HTML document: an element with its children, or a run of text.
/// Element and attribute names are lower case; a namespaced attribute keeps its prefix
/// (`epub:type`), as XHTML writes it.
public indirect enum MarkupNode: Sendable {
    case element(MarkupElement)
    case text(String)

    /// All the text under the node, in document order.
    public var textContent: String {
        switch self {
        case .text(let text): text
        case .element(let element): element.textContent
        }
    }
}
