/// The format of a document's bytes, as a client declares it (`format` in an ingest header) or as
/// its first bytes show.
public enum DocumentFormat: String, Codable, Sendable, Hashable, CaseIterable {
    /// UTF-8 plain text (the default, and all protocol v1 knew).
    case text
    case pdf
    case epub
    case html

    /// Whether the document travels as its original bytes (kept beside the text) rather than as text.
    public var isBinary: Bool { self != .text }

    /// The format the bytes show: `%PDF-` at the start (after up to 1 KiB of junk, as readers
    /// allow), a ZIP whose first entry is `mimetype` holding `application/epub+zip`, or markup
    /// opening with `<!doctype html` or `<html` (after a BOM, white space and an XML declaration). Anything else is text
    /// for the text checks to judge.
    public static func sniff(_ bytes: some Collection<UInt8>) -> DocumentFormat {
        let head = Array(bytes.prefix(1024))
        if DocumentFormat.find(Array("%PDF-".utf8), in: head) != nil { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]), head.count >= 58 {
            // local file header: name at 30, content after the name (stored, so readable as is)
            let nameLength = Int(head[26]) | Int(head[27]) << 8
            let extraLength = Int(head[28]) | Int(head[29]) << 8
            let nameEnd = 30 + nameLength
            let contentStart = nameEnd + extraLength
            let mimetype = Array("application/epub+zip".utf8)
            if nameEnd <= head.count, Array(head[30..<nameEnd]) == Array("mimetype".utf8), contentStart + mimetype.count <= head.count,
                Array(head[contentStart..<(contentStart + mimetype.count)]) == mimetype
            {
                return .epub
            }
            return .text
        }
        var start = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < head.count, head[start] == 0x20 || head[start] == 0x0A || head[start] == 0x0D || head[start] == 0x09 { start += 1 }
        if head[start...].starts(with: Array("<?xml".utf8)), let close = DocumentFormat.find(Array("?>".utf8), in: Array(head[start...])) {
            // an XHTML page: its XML declaration, then the doctype or the html element
            start += close + 2
            while start < head.count, head[start] == 0x20 || head[start] == 0x0A || head[start] == 0x0D || head[start] == 0x09 { start += 1 }
        }
        let opening = String(decoding: head[start..<min(head.count, start + 15)], as: UTF8.self).lowercased()
        if opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html") { return .html }
        return .text
    }

    /// The format a file name's extension names, if any (`.pdf`, `.epub`, `.html`/`.htm`/`.xhtml`, `.txt`).
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "pdf": self = .pdf
        case "epub": self = .epub
        case "html", "htm", "xhtml": self = .html
        case "txt", "text": self = .text
        default: return nil
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
