import SamizdatText

/// Walks markup documents in reading order into laid-out pages: headings (`h1`–`h6`) as the
/// structure, paragraphs (`p`, `li`, … and text standing in a block of its own), block
/// quotations (`blockquote`), notes taken out of the body and linked to their markers by the
/// links between them (`MarkupNotes`), and page breaks with their printed labels — an element a
/// page list points at (`pageTargets`), or one typed `pagebreak` with its `title`,
/// `aria-label` or text. Scripts, styles and navigation are skipped, as are the elements named
/// in `skipped`.
struct MarkupFlow {
    /// Elements whose content is never text to read.
    static let neverRead: Set<String> = ["head", "script", "style", "template", "noscript", "nav", "svg", "math", "img", "object", "iframe"]
    /// Elements that stand as a paragraph of their own.
    static let paragraphElements: Set<String> = [
        "p", "li", "dt", "dd", "figcaption", "pre", "address", "caption", "td", "th", "summary", "legend",
    ]
    /// Inline elements: their text runs on in the paragraph around them.
    static let inlineElements: Set<String> = [
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
        "kbd", "label", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
        "time", "tt", "u", "var", "wbr",
    ]
    static let headingLevels: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]

    let notes: MarkupNotes
    /// Printed page labels by the key of the element (or document) their page begins at.
    let pageTargets: [String: String]
    var skipped: Set<String> = []
    /// ARIA roles whose elements are skipped (`navigation`, `banner`, …), unless they are notes.
    var skippedRoles: Set<String> = []
    private(set) var pages = MarkupPages()
    private var quotationDepth = 0
    private var unnamedNotes = 0

    init(notes: MarkupNotes, pageTargets: [String: String]) {
        self.notes = notes
        self.pageTargets = pageTargets
    }

    /// The document at `path` (its `body`, or the element given) walked onto the pages.
    mutating func walk(document root: MarkupElement, path: String) {
        pages.closeParagraph()
        if let label = pageTargets[path] { pages.pageBreak(label: label) }
        let body = root.first { $0.name == "body" } ?? root
        walk(body, path: path)
        pages.closeParagraph()
    }

    /// The pages walked so far.
    mutating func finish() -> [LaidOutPage] { pages.finish() }

    private mutating func walk(_ element: MarkupElement, path: String) {
        let name = element.name
        let key = element.attributes["id"].map { MarkupPath.key(document: path, fragment: $0) }
        let semantics = element.semantics
        if semantics.contains("pagebreak") {
            if let label = pageLabel(element, key: key) { pages.pageBreak(label: label) }
            return
        }
        let isNote = key.map { notes.notes.contains($0) } == true || !semantics.isDisjoint(with: MarkupNotes.noteTypes)
        if MarkupFlow.neverRead.contains(name) { return }
        if !isNote, skipped.contains(name) || !element.tokens("role").isDisjoint(with: skippedRoles) { return }
        if let key, let label = pageTargets[key] { pages.pageBreak(label: label) }
        if isNote, name != "a" {
            takeNote(element, path: path)
            return
        }
        if name == "a", let target = MarkupNotes.markerTarget(element, path: path, inSuperscript: true), notes.notes.contains(target) {
            if !pages.isParagraphOpen { pages.openParagraph(quotation: quotationDepth > 0) }
            pages.marker(label: notes.labels[target] ?? MarkupNotes.label(of: element), note: target)
            return
        }
        if let level = MarkupFlow.headingLevels[name] {
            for label in pageLabels(inside: element, path: path) { pages.pageBreak(label: label) }
            let text = readableText(element, path: path, lineBreak: "\u{2028}")
            for line in text.split(separator: "\u{2028}") { pages.heading(level: level, text: String(line)) }
            return
        }
        if name == "br" {
            if pages.isParagraphOpen { pages.append(text: " ") }
            return
        }
        if MarkupFlow.inlineElements.contains(name) {
            walkChildren(element, path: path)
            return
        }
        pages.closeParagraph()
        let isQuotation = name == "blockquote"
        if isQuotation { quotationDepth += 1 }
        if MarkupFlow.paragraphElements.contains(name) { pages.openParagraph(quotation: quotationDepth > 0) }
        walkChildren(element, path: path)
        pages.closeParagraph()
        if isQuotation { quotationDepth -= 1 }
    }

    private mutating func walkChildren(_ element: MarkupElement, path: String) {
        for child in element.children {
            switch child {
            case .element(let inner):
                walk(inner, path: path)
            case .text(let text):
                if !pages.isParagraphOpen {
                    guard text.unicodeScalars.contains(where: { !MarkupPages.isSpace($0) }) else { continue }
                    pages.openParagraph(quotation: quotationDepth > 0)
                }
                pages.append(text: text)
            }
        }
    }

    /// A note element set apart from the content walked (a web page's footnotes outside its
    /// article), taken as a note where the walk now is.
    mutating func note(_ element: MarkupElement, path: String) {
        takeNote(element, path: path)
    }

    /// A note's text, out of the body: its label (its marker's, else the number it opens with)
    /// and its words without the link back to the marker. A page that begins inside it begins
    /// after it.
    private mutating func takeNote(_ element: MarkupElement, path: String) {
        let key: String
        if let id = element.attributes["id"] {
            key = MarkupPath.key(document: path, fragment: id)
        } else {
            unnamedNotes += 1
            key = "\(path)#unnamed-note-\(unnamedNotes)"
        }
        var text = MarkupPages.collapsed(readableText(element, path: path))
        let label = notes.labels[key] ?? MarkupFlow.leadingLabel(text) ?? ""
        text = MarkupFlow.removingLeadingLabel(label, from: text)
        pages.note(key: key, label: label, text: text)
        for pageLabel in pageLabels(inside: element, path: path) { pages.pageBreak(label: pageLabel) }
    }

    /// The text under an element as a reader reads it: no page-break labels, note markers or
    /// backlinks, and no script.
    /// A `br` is `lineBreak` (a heading set over two lines), else a space.
    private func readableText(_ element: MarkupElement, path: String, lineBreak: String = " ") -> String {
        var text = ""
        appendReadable(element, path: path, lineBreak: lineBreak, to: &text)
        return text
    }

    private func appendReadable(_ element: MarkupElement, path: String, lineBreak: String, to text: inout String) {
        for child in element.children {
            switch child {
            case .text(let run):
                text += run
            case .element(let inner):
                if MarkupFlow.neverRead.contains(inner.name) || inner.semantics.contains("pagebreak") { continue }
                if inner.name == "a", notes.isBacklink(inner, path: path) { continue }
                if inner.name == "a", let target = MarkupNotes.markerTarget(inner, path: path, inSuperscript: true),
                    notes.notes.contains(target)
                {
                    continue
                }
                if inner.name == "br" {
                    text += lineBreak
                    continue
                }
                if !MarkupFlow.inlineElements.contains(inner.name) { text += " " }
                appendReadable(inner, path: path, lineBreak: lineBreak, to: &text)
                if !MarkupFlow.inlineElements.contains(inner.name) { text += " " }
            }
        }
    }

    /// The labels of the pages that begin inside an element (a page break in a heading or a note).
    private func pageLabels(inside element: MarkupElement, path: String) -> [String] {
        var labels: [String] = []
        for inner in element.all(where: { _ in true }).dropFirst() {
            let key = inner.attributes["id"].map { MarkupPath.key(document: path, fragment: $0) }
            if inner.semantics.contains("pagebreak") {
                if let label = pageLabel(inner, key: key) { labels.append(label) }
            } else if let key, let label = pageTargets[key] {
                labels.append(label)
            }
        }
        return labels
    }

    /// A page break's printed label: the page list's, else its `title`, `aria-label` or text.
    private func pageLabel(_ element: MarkupElement, key: String?) -> String? {
        if let key, let label = pageTargets[key] { return label }
        for candidate in [element.attributes["title"], element.attributes["aria-label"], element.textContent] {
            if let candidate {
                let label = MarkupPages.collapsed(candidate)
                if !label.isEmpty { return label }
            }
        }
        return nil
    }

    /// "3. The text" → "3": a note's own number, when no marker names it.
    static func leadingLabel(_ text: String) -> String? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        return String(digits)
    }

    /// The note's text without the label it opens with ("3.", "[3]", "3)").
    static func removingLeadingLabel(_ label: String, from text: String) -> String {
        guard !label.isEmpty else { return text }
        for form in ["[\(label)]", "\(label).", "\(label))", label] where text.hasPrefix(form) {
            let rest = text.dropFirst(form.count)
            guard rest.isEmpty || rest.first == " " else { continue }
            return String(rest).trimmingSpaces()
        }
        return text
    }
}
