/// The character set an HTML page declares in its first 2 KiB (`<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`), as libxml2 names it.
enum HTMLCharset {
    static func declared(in bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        var name = ""
        for character in head[range.upperBound...] {
            if character == "\"" || character == "'" {
                if name.isEmpty { continue }
                break
            }
            guard character.isLetter || character.isNumber || character == "-" || character == "_" else { break }
            name.append(character)
        }
        return name.isEmpty ? nil : name.uppercased()
    }
}
