/// The marker that opens an item of a list: a number or a lower-case letter with ".", ")" or ".)"
/// ("1.", "2)", "3.)", "a."), a bullet ("•", "⁃", "◦", "▪", "‣", "●") or a bullet before a number
/// ("• 9.", "⁃10."), followed by a space and the item's text.
///
/// A list run into one paragraph — "1) The first item 2) The second item" — has its items found
/// by `next`: the same form with the following number or letter (or the same bullet), after a
/// space and before a capitalised word.
struct ListMarker: Equatable {
    enum Ordinal: Equatable {
        case none
        case number(Int)
        case letter(UInt8)
    }
    enum Delimiter: Equatable {
        case none
        case period
        case parenthesis
        case periodParenthesis
    }

    /// The bullet before the ordinal, or nil.
    let bullet: UInt32?
    let ordinal: Ordinal
    let delimiter: Delimiter
    /// Where the marker begins.
    let start: Int
    /// Where the item's text begins, after the marker and its spaces.
    let textStart: Int

    static let bullets: Set<UInt32> = [0x2022, 0x2043, 0x25E6, 0x25AA, 0x2023, 0x25CF]

    /// The marker beginning at `start`, or nil if none begins there.
    init?(_ bytes: [UInt8], at start: Int, end: Int) {
        var position = start
        var bullet: UInt32? = nil
        var bulletEnd = start
        if bytes[position] >= 0xE2 {
            let (value, length) = TextBytes.scalar(bytes, position)
            guard ListMarker.bullets.contains(value) else { return nil }
            bullet = value
            position += length
            bulletEnd = position
            while position < end, bytes[position] == TextBytes.space { position += 1 }
        }
        let ordinalStart = position
        var ordinal = Ordinal.none
        while position < end, TextBytes.isDigit(bytes[position]), position - ordinalStart < 4 { position += 1 }
        if position > ordinalStart {
            guard position - ordinalStart <= 3, let number = TextBytes.integer(bytes, ordinalStart, position) else { return nil }
            ordinal = .number(number)
        } else if position + 1 < end, TextBytes.isLowerASCII(bytes[position]),
            bytes[position + 1] == UInt8(ascii: ".") || bytes[position + 1] == UInt8(ascii: ")")
        {
            ordinal = .letter(bytes[position])
            position += 1
        }
        var delimiter = Delimiter.none
        if ordinal != .none {
            if position < end, bytes[position] == UInt8(ascii: ".") {
                position += 1
                delimiter = .period
                if position < end, bytes[position] == UInt8(ascii: ")") {
                    position += 1
                    delimiter = .periodParenthesis
                }
            } else if position < end, bytes[position] == UInt8(ascii: ")") {
                position += 1
                delimiter = .parenthesis
            } else {
                return nil
            }
        }
        // a bullet may stand right before its number ("⁃9."), but the item's text needs a space before it
        let markerEnd = ordinal == .none ? bulletEnd : position
        guard bullet != nil || ordinal != .none else { return nil }
        position = markerEnd
        while position < end, bytes[position] == TextBytes.space { position += 1 }
        guard position > markerEnd, position < end else { return nil }
        self.bullet = bullet
        self.ordinal = ordinal
        self.delimiter = delimiter
        self.start = start
        self.textStart = position
    }

    /// The ordinal the next item of the same list carries.
    var nextOrdinal: Ordinal {
        switch ordinal {
        case .none: return .none
        case .number(let number): return .number(number + 1)
        case .letter(let letter): return .letter(letter + 1)
        }
    }

    /// The next item's marker in bytes[from..<end]: the same bullet and delimiter with the next
    /// ordinal, after a space and before a capitalised word or an opening quote.
    func next(in bytes: [UInt8], from: Int, end: Int) -> ListMarker? {
        let wanted = nextOrdinal
        let firstByte: UInt8
        if bullet != nil {
            firstByte = 0xE2  // every bullet of `bullets` lies in U+2000…U+2FFF, whose UTF-8 begins so
        } else {
            switch wanted {
            case .number(let number): firstByte = Array(String(number).utf8)[0]
            case .letter(let letter): firstByte = letter
            case .none: return nil
            }
        }
        var position = max(from, 1)
        while position < end {
            if bytes[position] == firstByte, bytes[position - 1] == TextBytes.space,
                let marker = ListMarker(bytes, at: position, end: end),
                marker.bullet == bullet, marker.ordinal == wanted, marker.delimiter == delimiter
            {
                let (value, _) = TextBytes.scalar(bytes, marker.textStart)
                if TextBytes.isUpper(value) || TextBytes.isOpeningQuote(value) { return marker }
            }
            position += 1
        }
        return nil
    }
}
