import Foundation

/// Paths inside a publication (an EPUB's container) and the links between its documents: an
/// `href` resolved against the document it is written in, to a key `path#fragment`.
enum MarkupPath {
    /// The folder part of a path: "OEBPS/text/ch1.xhtml" → "OEBPS/text".
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `reference` (percent-encoded, relative) resolved against `folder`, with "." and ".." undone.
    /// Nil for a link out of the publication (a scheme, or ".." above its root).
    static func resolve(_ reference: String, against folder: String) -> String? {
        guard !reference.contains(":") else { return nil }
        let decoded = reference.removingPercentEncoding ?? reference
        var parts: [Substring] = reference.hasPrefix("/") || folder.isEmpty ? [] : folder.split(separator: "/")
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// The key a link points at: "path#fragment" (or "path" for a whole document), resolved from
    /// the document at `path`. Nil for a link out of the publication.
    static func target(of href: String, from path: String) -> String? {
        let trimmed = href.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let pieces = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let documentPart = String(pieces[0])
        let fragment = pieces.count > 1 ? String(pieces[1]).removingPercentEncoding ?? String(pieces[1]) : nil
        let document: String
        if documentPart.isEmpty {
            document = path
        } else {
            guard let resolved = resolve(documentPart, against: folder(of: path)) else { return nil }
            document = resolved
        }
        return key(document: document, fragment: fragment)
    }

    static func key(document: String, fragment: String?) -> String {
        guard let fragment, !fragment.isEmpty else { return document }
        return "\(document)#\(fragment)"
    }
}
