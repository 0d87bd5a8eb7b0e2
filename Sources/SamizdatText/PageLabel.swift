/// A printed page number: arabic ("13") or lowercase roman ("vii").
struct PageLabel: Sendable, Hashable {
    var value: Int
    var roman: Bool

    var text: String { roman ? PageLabel.romanText(value) : String(value) }

    func offset(by k: Int) -> PageLabel? {
        let v = value + k
        return v >= 1 ? PageLabel(value: v, roman: roman) : nil
    }

    /// A bare page label: 1–4 digits, or a well-formed lowercase roman numeral.
    static func parse(_ b: [UInt8], _ start: Int, _ end: Int) -> PageLabel? {
        guard end > start, end - start <= 8 else { return nil }
        if TextBytes.isDigit(b[start]) {
            guard end - start <= 4, b[start] != 0x30, let v = TextBytes.integer(b, start, end) else { return nil }
            return PageLabel(value: v, roman: false)
        }
        var v = 0
        var prev = 0
        var i = end - 1
        while i >= start {
            let d: Int
            switch b[i] {
            case UInt8(ascii: "i"): d = 1
            case UInt8(ascii: "v"): d = 5
            case UInt8(ascii: "x"): d = 10
            case UInt8(ascii: "l"): d = 50
            case UInt8(ascii: "c"): d = 100
            default: return nil
            }
            if d < prev {
                v -= d
            } else {
                v += d
                prev = d
            }
            i -= 1
        }
        guard v > 0, v < 400, romanText(v).utf8.elementsEqual(b[start..<end]) else { return nil }
        return PageLabel(value: v, roman: true)
    }

    static func romanText(_ n: Int) -> String {
        let table: [(Int, String)] = [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var n = n
        var s = ""
        for (v, r) in table {
            while n >= v {
                s += r
                n -= v
            }
        }
        return s
    }
}
