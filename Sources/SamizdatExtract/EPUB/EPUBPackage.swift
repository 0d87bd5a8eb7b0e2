/// What an EPUB's package says: where its package document is (`META-INF/container.xml`), its
/// title, its spine (the content documents in reading order: the linear ones, then the others,
/// which hold notes more often than not), its navigation document and its EPUB 2 NCX. Whether its content is
/// encrypted (`META-INF/encryption.xml` naming anything but font obfuscation) is checked first.
struct EPUBPackage {
    /// The algorithms that obfuscate embedded fonts (IDPF's and Adobe's): not DRM, the text is clear.
    static let fontObfuscation: Set<String> = ["http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#rc"]

    var packagePath: String
    var title: String?
    var spine: [String]
    var navigation: String?
    /// The NCX (EPUB 2's navigation, kept by many EPUB 3 books too): the spine's `toc`, else the
    /// manifest's `application/x-dtbncx+xml` item.
    var ncx: String?

    init(archive: EPUBArchive) throws(ExtractionError) {
        try EPUBPackage.refuseEncrypted(archive)
        let containerBytes = try archive.require("META-INF/container.xml", what: "container file")
        let container = try MarkupParser.xml(containerBytes, name: "META-INF/container.xml")
        let rootfiles = container.all { $0.name == "rootfile" }
        let rootfile =
            rootfiles.first { $0.attributes["media-type"] == "application/oebps-package+xml" } ?? rootfiles.first
        guard let fullPath = rootfile?.attributes["full-path"], !fullPath.isEmpty else {
            throw ExtractionError.damagedDocument(reason: "META-INF/container.xml names no package document (rootfile full-path)")
        }
        packagePath = MarkupPath.resolve(fullPath, against: "") ?? fullPath
        let package = try MarkupParser.xml(try archive.require(packagePath, what: "package document"), name: packagePath)
        guard package.name == "package" else {
            throw ExtractionError.damagedDocument(reason: "\(packagePath) is not an OPF package document (its root is <\(package.name)>)")
        }
        let folder = MarkupPath.folder(of: packagePath)
        title = package.first { $0.name == "title" }.map { MarkupPages.collapsed($0.textContent) }.flatMap { $0.isEmpty ? nil : $0 }
        var manifest: [String: (path: String, mediaType: String)] = [:]
        navigation = nil
        for item in package.all(where: { $0.name == "item" }) {
            guard let id = item.attributes["id"], let href = item.attributes["href"],
                let path = MarkupPath.resolve(href, against: folder)
            else { continue }
            let mediaType = (item.attributes["media-type"] ?? "").lowercased()
            manifest[id] = (path, mediaType)
            if item.tokens("properties").contains("nav") { navigation = path }
        }
        guard let spineElement = package.first(where: { $0.name == "spine" }) else {
            throw ExtractionError.damagedDocument(reason: "\(packagePath) has no spine")
        }
        ncx =
            spineElement.attributes["toc"].flatMap { manifest[$0]?.path }
            ?? manifest.values.first { $0.mediaType == "application/x-dtbncx+xml" }?.path
        var linear: [String] = []
        var nonLinear: [String] = []
        for itemref in spineElement.childElements where itemref.name == "itemref" {
            guard let idref = itemref.attributes["idref"], let item = manifest[idref] else {
                throw ExtractionError.damagedDocument(
                    reason: "the spine of \(packagePath) names '\(itemref.attributes["idref"] ?? "")', which the manifest lacks"
                )
            }
            guard item.mediaType == "application/xhtml+xml" || item.mediaType == "text/html" else { continue }
            guard item.path != navigation else { continue }
            if itemref.attributes["linear"]?.lowercased() == "no" { nonLinear.append(item.path) } else { linear.append(item.path) }
        }
        spine = linear + nonLinear
        guard !spine.isEmpty else { throw ExtractionError.damagedDocument(reason: "the spine of \(packagePath) holds no content document") }
    }

    /// `encrypted_document` when `META-INF/encryption.xml` encrypts anything with an algorithm
    /// other than font obfuscation (DRM: Adobe ADEPT, Readium LCP, …).
    static func refuseEncrypted(_ archive: EPUBArchive) throws(ExtractionError) {
        guard let bytes = try archive.read("META-INF/encryption.xml") else { return }
        let encryption = try MarkupParser.xml(bytes, name: "META-INF/encryption.xml")
        for data in encryption.all(where: { $0.name == "encrypteddata" }) {
            let method = data.first { $0.name == "encryptionmethod" }?.attributes["algorithm"]?.lowercased() ?? ""
            if !fontObfuscation.contains(method) { throw ExtractionError.encryptedDocument }
        }
    }
}
