/// The printed page labels an EPUB gives: its EPUB 3 navigation document's `page-list` (`<nav
/// epub:type="page-list">` or `role="doc-pagelist"`), else its NCX's `pageList` (EPUB 2): each
/// label by the key (`path#id`, or a whole document's path) of the place its page begins.
enum EPUBPageList {
    /// The NCX's `<pageList>`: each `<pageTarget>`'s `<navLabel>` text by its `<content src>`.
    static func targets(ncx root: MarkupElement, path: String) -> [String: String] {
        var targets: [String: String] = [:]
        for list in root.all(where: { $0.name == "pagelist" }) {
            for target in list.all(where: { $0.name == "pagetarget" }) {
                guard let source = target.first(where: { $0.name == "content" })?.attributes["src"],
                    let key = MarkupPath.target(of: source, from: path)
                else { continue }
                let label = MarkupPages.collapsed(target.first { $0.name == "navlabel" }?.textContent ?? "")
                guard !label.isEmpty, targets[key] == nil else { continue }
                targets[key] = label
            }
        }
        return targets
    }

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
