import SamizdatModel
import SamizdatText

/// Turns an EPUB's bytes into laid-out pages: the ZIP container (ZIPFoundation), its package
/// (`META-INF/container.xml` → the OPF → the spine in reading order), each content document's
/// XHTML through libxml2 walked by `MarkupFlow` — headings as the structure, paragraphs, block
/// quotations, footnotes and endnotes by their `epub:type` (or ARIA role) and the links that
/// call them — and the printed page labels of the navigation document's `page-list` (else the
/// NCX's `pageList`) and of `pagebreak` markers. An EPUB that gives no printed pages yields one page with no label: no
/// label is invented. No I/O beyond the bytes it is given.
public struct EPUBExtractor: Sendable {
    public init() {}

    /// Opens the container and the package only, to say whether the EPUB can be read:
    /// `unsupported_format` (no EPUB), `encrypted_document` (DRM), `damaged_document` (a broken
    /// ZIP, no container file, no package document or spine). Returns the spine's length.
    public func check(_ bytes: [UInt8]) throws(ExtractionError) -> Int {
        try EPUBExtractor.requireSignature(bytes)
        let archive = try EPUBArchive(bytes)
        let package = try EPUBPackage(archive: archive)
        for path in package.spine where !archive.contains(path) {
            throw ExtractionError.damagedDocument(reason: "the spine names \(path), which the container lacks")
        }
        return package.spine.count
    }

    /// The EPUB's pages with their labels and lines.
    ///
    /// - Throws: `ExtractionError`: as `check`, and `damaged_document` when a content document
    ///   is missing or cannot be parsed.
    public func extract(_ bytes: [UInt8]) throws(ExtractionError) -> ExtractedDocument {
        try EPUBExtractor.requireSignature(bytes)
        let archive = try EPUBArchive(bytes)
        let package = try EPUBPackage(archive: archive)
        var documents: [(path: String, root: MarkupElement)] = []
        for path in package.spine {
            let content = try archive.require(path, what: "content document named in the spine")
            documents.append((path, try MarkupParser.html(content, name: path)))
        }
        var pageTargets: [String: String] = [:]
        if let navigation = package.navigation, let navigationBytes = try archive.read(navigation) {
            let root = try MarkupParser.html(navigationBytes, name: navigation)
            pageTargets = EPUBPageList.targets(navigation: root, path: navigation)
        }
        if pageTargets.isEmpty, let ncx = package.ncx, let ncxBytes = try archive.read(ncx) {
            pageTargets = EPUBPageList.targets(ncx: try MarkupParser.xml(ncxBytes, name: ncx), path: ncx)
        }
        var flow = MarkupFlow(notes: MarkupNotes(documents: documents), pageTargets: pageTargets)
        for document in documents {
            flow.walk(document: document.root, path: document.path)
        }
        let pages = flow.finish()
        guard !pages.isEmpty else { throw ExtractionError.damagedDocument(reason: "the EPUB's content documents hold no text") }
        return ExtractedDocument(format: .epub, pages: pages)
    }

    static func requireSignature(_ bytes: [UInt8]) throws(ExtractionError) {
        guard DocumentFormat.sniff(bytes) == .epub else {
            throw ExtractionError.unsupportedFormat(
                reason: "declared an EPUB, but the bytes are not a ZIP container opening with its mimetype application/epub+zip"
            )
        }
    }
}
