import SamizdatModel
import SamizdatText

/// Turns a web page's bytes into laid-out pages: parsed as browsers parse HTML (libxml2's HTML
/// parser, linked), its main content chosen — `<main>` (or `role="main"`), else the longest
/// `<article>`, else `<body>` without its `header` (unless it holds the `h1`), `footer`, `nav`,
/// `aside` and forms — and
/// walked by `MarkupFlow` into headings, paragraphs, block quotations and notes (typed
/// `doc-footnote` / `doc-endnote` / `epub:type`, or what a superscript link such as
/// `<sup><a href="#fn1">1</a></sup>` points at, wherever on the page it sits). A page gives no
/// printed pages unless it marks them (`role="doc-pagebreak"`): then one page with no label.
public struct HTMLExtractor: Sendable {
    /// Elements never read as the page's content, wherever they are.
    static let boilerplate: Set<String> = ["nav", "footer", "aside", "form", "button", "select", "dialog", "menu"]
    /// ARIA landmarks that are not the content.
    static let boilerplateRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "form"]

    public init() {}

    /// Reads the page, to say whether it can be read: `damaged_document` when nothing can be
    /// parsed or its content holds no text (a page is small; reading it whole is the check).
    /// Returns how many lines its content makes.
    public func check(_ bytes: [UInt8]) throws(ExtractionError) -> Int {
        try extract(bytes).pages.reduce(0) { $0 + $1.lines.count }
    }

    /// The page's content as laid-out pages.
    ///
    /// - Throws: `ExtractionError.damagedDocument` when the bytes cannot be parsed or hold no text.
    public func extract(_ bytes: [UInt8]) throws(ExtractionError) -> ExtractedDocument {
        let root = try HTMLExtractor.parse(bytes)
        let path = ""
        let notes = MarkupNotes(documents: [(path, root)])
        let content = HTMLExtractor.mainContent(of: root)
        var flow = MarkupFlow(notes: notes, pageTargets: [:])
        flow.skipped = HTMLExtractor.boilerplate
        flow.skippedRoles = HTMLExtractor.boilerplateRoles
        flow.walk(document: content, path: path)
        // notes set outside the main content (a footnote list after the article) are still its notes
        var inside = Set<String>()
        for element in content.all(where: { $0.attributes["id"] != nil }) {
            inside.insert(MarkupPath.key(document: path, fragment: element.attributes["id"]!))
        }
        let body = root.first { $0.name == "body" } ?? root
        for element in HTMLExtractor.outermostNotes(in: body, notes: notes, path: path) {
            guard let id = element.attributes["id"], !inside.contains(MarkupPath.key(document: path, fragment: id)) else { continue }
            flow.note(element, path: path)
        }
        let pages = flow.finish()
        guard !pages.isEmpty else { throw ExtractionError.damagedDocument(reason: "the HTML holds no text") }
        return ExtractedDocument(format: .html, pages: pages)
    }

    /// The bytes parsed in the character set they declare (`<meta charset>`), else UTF-8.
    static func parse(_ bytes: [UInt8]) throws(ExtractionError) -> MarkupElement {
        let encoding = HTMLCharset.declared(in: bytes) ?? "UTF-8"
        return try MarkupParser.html(bytes, name: "the HTML", encoding: encoding)
    }

    /// The page's main content: `<main>` or `role="main"`, else its longest `<article>`, else its body.
    static func mainContent(of root: MarkupElement) -> MarkupElement {
        if let main = root.first(where: { $0.name == "main" || $0.tokens("role").contains("main") }) {
            return main
        }
        let articles = root.all { $0.name == "article" }
        if let longest = articles.max(by: { $0.textContent.utf8.count < $1.textContent.utf8.count }) {
            return longest
        }
        return HTMLExtractor.withoutSiteHeaders(root.first { $0.name == "body" } ?? root)
    }

    /// The body without its `<header>`s, but for one that holds an `<h1>` (a document's title
    /// block, as pandoc writes it): a site's banner is no content, a title is.
    static func withoutSiteHeaders(_ element: MarkupElement) -> MarkupElement {
        var kept = element
        kept.children = element.children.compactMap { child in
            guard case .element(let inner) = child else { return child }
            if inner.name == "header", inner.first(where: { $0.name == "h1" }) == nil { return nil }
            return .element(withoutSiteHeaders(inner))
        }
        return kept
    }

    /// The note elements of the page that are not inside another note, in document order.
    static func outermostNotes(in element: MarkupElement, notes: MarkupNotes, path: String) -> [MarkupElement] {
        var found: [MarkupElement] = []
        for child in element.childElements {
            let key = child.attributes["id"].map { MarkupPath.key(document: path, fragment: $0) }
            let isNote = key.map { notes.notes.contains($0) } == true || !child.semantics.isDisjoint(with: MarkupNotes.noteTypes)
            if isNote, child.name != "a" {
                found.append(child)
            } else {
                found += outermostNotes(in: child, notes: notes, path: path)
            }
        }
        return found
    }
}
