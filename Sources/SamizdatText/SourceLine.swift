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
    static func scan(_ bytes: [UInt8]) -> [SourceLine] {
        var lines: [SourceLine] = []
        lines.reserveCapacity(bytes.count / 48 + 1)
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i <= n {
                let start = i
                var indent = 0
                var j = i
                while j < n, b[j] == TextBytes.space || b[j] == TextBytes.tab {
                    indent += b[j] == TextBytes.tab ? 4 : 1
                    j += 1
                }
                let contentStart = j
                var continuation = 0
                while j < n {
                    let c = b[j]
                    if c == TextBytes.newline { break }
                    continuation &+= (c & 0xC0 == 0x80) ? 1 : 0
                    j += 1
                }
                var contentEnd = j
                while contentEnd > contentStart, b[contentEnd - 1] == TextBytes.space || b[contentEnd - 1] == TextBytes.tab { contentEnd -= 1 }
                let width = contentEnd - contentStart - continuation
                lines.append(
                    SourceLine(
                        start: start,
                        end: j,
                        contentStart: contentStart,
                        contentEnd: contentEnd,
                        indent: contentEnd > contentStart ? indent : 0,
                        width: max(0, width)
                    )
                )
                if j >= n { break }
                i = j + 1
            }
        }
        return lines
    }
}
