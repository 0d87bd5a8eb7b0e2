import SamizdatModel
import SamizdatText

/// A window of a paragraph around its first match, matches marked « ».
///
/// `text` is the window with line breaks made spaces and "… " / " …" where it was cut;
/// `matches` are UTF-8 ranges of `text`; `marked` is `text` with « before and » after each match.
struct Snippet {
    static let open = "«", close = "»"
    var text: String
    var marked: String
    var matches: [TextRange]

    init(text paragraph: String, tokens: [Token], matches: [TextRangeValue], words: Int) {
        let bytes = Array(paragraph.utf8)
        let plain = tokens.filter { !$0.isCompound }
        var windowStart = 0
        var windowEnd = bytes.count
        if !plain.isEmpty {
            let anchor = matches.first?.start ?? 0
            let fi = plain.firstIndex { $0.end > anchor } ?? 0
            let from = max(0, fi - words)
            let to = min(plain.count - 1, fi + 2 * words)
            windowStart = from == 0 ? 0 : plain[from].start
            windowEnd = to == plain.count - 1 ? bytes.count : plain[to].end
            if let m = matches.first { windowEnd = max(windowEnd, m.end) }
        }
        let prefix = windowStart > 0 ? "… " : ""
        let suffix = windowEnd < bytes.count ? " …" : ""
        let shift = prefix.utf8.count - windowStart
        let window = bytes[windowStart..<windowEnd].map { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 ? 0x20 : $0 }
        text = prefix + String(decoding: window, as: UTF8.self) + suffix
        let inside = matches.filter { $0.start >= windowStart && $0.end <= windowEnd }
        self.matches = inside.map { TextRange(start: $0.start + shift, end: $0.end + shift) }
        // marked text: merge overlapping ranges, then insert markers
        var merged: [TextRange] = []
        for m in self.matches.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, m.start <= last.end { merged[merged.count - 1].end = max(last.end, m.end) } else { merged.append(m) }
        }
        let tb = Array(text.utf8)
        var out: [UInt8] = []
        var k = 0
        for m in merged {
            out += tb[k..<m.start]
            out += Array(Self.open.utf8)
            out += tb[m.start..<m.end]
            out += Array(Self.close.utf8)
            k = m.end
        }
        out += tb[k...]
        marked = String(decoding: out, as: UTF8.self)
    }
}
