/// An element: its local name, attributes and children.
public struct MarkupElement: Sendable {
    public var name: String
    public var attributes: [String: String]
    public var children: [MarkupNode]

    public init(name: String, attributes: [String: String] = [:], children: [MarkupNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// All the text under the element, in document order.
    public var textContent: String {
        var text = ""
        appendText(to: &text)
        return text
    }

    func appendText(to text: inout String) {
        for child in children {
            switch child {
            case .text(let run): text += run
            case .element(let element): element.appendText(to: &text)
            }
        }
    }

    /// The element's child elements.
    public var childElements: [MarkupElement] {
        children.compactMap { child in
            if case .element(let element) = child { return element }
            return nil
        }
    }

    /// The first element at or under this one (depth first, document order) that `matches`.
    public func first(where matches: (MarkupElement) -> Bool) -> MarkupElement? {
        if matches(self) { return self }
        for child in childElements {
            if let found = child.first(where: matches) { return found }
        }
        return nil
    }

    /// Every element at or under this one (document order) that `matches`.
    public func all(where matches: (MarkupElement) -> Bool) -> [MarkupElement] {
        var found: [MarkupElement] = []
        collect(where: matches, into: &found)
        return found
    }

    private func collect(where matches: (MarkupElement) -> Bool, into found: inout [MarkupElement]) {
        if matches(self) { found.append(self) }
        for child in childElements { child.collect(where: matches, into: &found) }
    }

    /// The words of a space-separated attribute (`epub:type="footnote rearnote"`), lower case.
    public func tokens(_ attribute: String) -> Set<String> {
        guard let value = attributes[attribute] else { return [] }
        return Set(value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
    }

    /// The structural semantics the element declares, from `epub:type` and the ARIA `role`
    /// (`doc-footnote` read as `footnote`).
    public var semantics: Set<String> {
        var names = tokens("epub:type")
        for role in tokens("role") {
            names.insert(role.hasPrefix("doc-") ? String(role.dropFirst(4)) : role)
        }
        return names
    }
}
