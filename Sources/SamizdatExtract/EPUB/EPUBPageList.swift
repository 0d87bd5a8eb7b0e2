/// The printed page labels an EPUB 3 navigation document gives in its `page-list` (`<nav
/// epub:type="page-list">` or `role="doc-pagelist"`): each label by the key (`path#id`, or a
/// whole document's path) of the place its page begins.
enum EPUBPageList {
    static func targets(navigation root: MarkupElement, path: String) -> [String: String] {
        let lists = root.all { element in
            element.name == "nav" && (element.semantics.contains("page-list") || element.semantics.contains("pagelist"))
        }
        var targets: [String: String] = [:]
        for list in lists {
            for link in list.all(where: { $0.name == "a" }) {
                guard let href = link.attributes["href"], let key = MarkupPath.target(of: href, from: path) else { continue }
                let label = MarkupPages.collapsed(link.textContent)
                guard !label.isEmpty, targets[key] == nil else { continue }
                targets[key] = label
            }
        }
        return targets
    }
}
