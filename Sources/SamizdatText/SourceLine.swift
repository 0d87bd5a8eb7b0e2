/// One line of the normalised input, as byte offsets into it.
struct SourceLine: Sendable {
    /// First byte of the line and the byte index of its newline (or the text end).
    var start: Int
    var end: Int
    /// The line with leading and trailing spaces and tabs trimmed.
    var contentStart: Int
    var contentEnd: Int
    /// Leading spaces (a tab counts as four).
    var indent: Int
    /// Scalars in the trimmed content.
    var width: Int

    var isBlank: Bool { contentStart >= contentEnd }

    /// Splits UTF-8 bytes into lines.
    static func scan(_ b: [UInt8]) -> [SourceLine] {
        var lines: [SourceLine] = []
        lines.reserveCapacity(b.count / 48 + 1)
        var i = 0
        let n = b.count
        while i <= n {
            let start = i
            var indent = 0
            var j = i
            while j < n, b[j] == TextBytes.space || b[j] == TextBytes.tab {
                indent += b[j] == TextBytes.tab ? 4 : 1
                j += 1
            }
            let contentStart = j
            var width = 0
            var lastNonSpace = j
            while j < n, b[j] != TextBytes.newline {
                let c = b[j]
                if c & 0xC0 != 0x80 { width += 1 }
                if c != TextBytes.space && c != TextBytes.tab { lastNonSpace = j + 1 }
                j += 1
            }
            let contentEnd = max(contentStart, lastNonSpace)
            if contentEnd < j {
                // trailing spaces counted in width: recount cheaply
                width -= j - contentEnd
            }
            lines.append(SourceLine(start: start, end: j, contentStart: contentStart, contentEnd: contentEnd,
                                    indent: contentEnd > contentStart ? indent : 0, width: max(0, width)))
            if j >= n { break }
            i = j + 1
        }
        return lines
    }
}
