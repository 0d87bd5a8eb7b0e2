import Foundation

/// What every chart needs to write SVG safely: escaping, numbers written the same way on every
/// machine, identifiers, links that cannot run script, and labels shortened to fit.
///
/// Numbers are written by hand rather than through a locale-aware formatter so that a coordinate
/// is always `12.5`, never `12,5`, and a value that is not finite is written as `0`: no chart ever
/// carries `nan` or `inf`. Text is escaped for both element content and attribute values, and the
/// characters XML 1.0 forbids (control characters other than tab, line feed and carriage return)
/// are dropped, so any label a person can type yields a well-formed document.
public enum ChartSupport {
    /// The text with `&`, `<`, `>`, `"` and `'` escaped and the characters XML cannot carry removed;
    /// safe inside element content and inside quoted attribute values.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&":
                escaped += "&amp;"
            case "<":
                escaped += "&lt;"
            case ">":
                escaped += "&gt;"
            case "\"":
                escaped += "&quot;"
            case "'":
                escaped += "&#39;"
            default:
                if isAllowedInXML(scalar) {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// The value written with at most `fractionDigits` digits after the point, trailing zeros
    /// dropped (`2.50` is `2.5`, `3.00` is `3`); `0` for a value that is not finite.
    public static func decimal(_ value: Double, fractionDigits: Int) -> String {
        guard value.isFinite else {
            return "0"
        }
        let digits = min(max(fractionDigits, 0), 6)
        var factor = 1
        for _ in 0..<digits {
            factor *= 10
        }
        let limited = min(abs(value), 1e12)
        let scaled = Int((limited * Double(factor)).rounded())
        let integerPart = scaled / factor
        var fractionPart = scaled % factor
        var fractionWidth = digits
        while fractionWidth > 0 && fractionPart % 10 == 0 {
            fractionPart /= 10
            fractionWidth -= 1
        }
        var written = value < 0 && scaled != 0 ? "-" : ""
        written += String(integerPart)
        if fractionWidth > 0 {
            let fractionText = String(fractionPart)
            written += "." + String(repeating: "0", count: fractionWidth - fractionText.count) + fractionText
        }
        return written
    }

    /// A coordinate for an SVG attribute: at most two decimals, `0` when not finite.
    public static func coordinate(_ value: Double) -> String {
        decimal(value, fractionDigits: 2)
    }

    /// A count for people, thousands grouped with commas: `12,345`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 {
                grouped += ","
            }
            grouped.append(character)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A measured value for people, such as a frequency per 10,000 words: two decimals, or as many
    /// as needed (up to four) to show a small value is not zero; thousands grouped.
    public static func measure(_ value: Double) -> String {
        guard value.isFinite else {
            return "0"
        }
        let magnitude = abs(value)
        let digits: Int
        if magnitude == 0 || magnitude >= 0.1 {
            digits = 2
        } else if magnitude >= 0.01 {
            digits = 3
        } else {
            digits = 4
        }
        let written = decimal(magnitude, fractionDigits: digits)
        let parts = written.split(separator: ".", maxSplits: 1)
        let integerText = count(Int(parts[0]) ?? 0)
        let fractionText = parts.count > 1 ? "." + parts[1] : ""
        let sign = value < 0 && written != "0" ? "-" : ""
        return sign + integerText + fractionText
    }

    /// An identifier usable in `id` attributes: letters, digits, `-` and `_` kept, anything else
    /// turned into `-`; starts with a letter (`chart-` is put in front when it would not).
    public static func identifier(_ proposed: String) -> String {
        var cleaned = ""
        for scalar in proposed.unicodeScalars {
            let isLetter = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
            let isDigit = scalar >= "0" && scalar <= "9"
            if isLetter || isDigit || scalar == "-" || scalar == "_" {
                cleaned.unicodeScalars.append(scalar)
            } else {
                cleaned += "-"
            }
        }
        let startsWithLetter = cleaned.unicodeScalars.first.map { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") } ?? false
        return startsWithLetter ? cleaned : "chart-" + cleaned
    }

    /// The link target if it is safe to put in a chart: a relative reference, or an absolute one
    /// with the `http` or `https` scheme. `nil` for an empty link and for any other scheme
    /// (`javascript:`, `data:`…), so a chart never carries script.
    public static func safeLink(_ href: String?) -> String? {
        guard let href else {
            return nil
        }
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return nil
        }
        let beforeDelimiter = trimmed.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let colon = beforeDelimiter.firstIndex(of: ":") else {
            return trimmed
        }
        let scheme = beforeDelimiter[..<colon].lowercased()
        return scheme == "http" || scheme == "https" ? trimmed : nil
    }

    /// The label cut to at most `maximumCharacters` characters, the cut marked by `…`.
    public static func abbreviate(_ label: String, to maximumCharacters: Int) -> String {
        let limit = max(maximumCharacters, 2)
        guard label.count > limit else {
            return label
        }
        return String(label.prefix(limit - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// How many characters of text at the given font size fit in a width, estimated generously
    /// (an average glyph taken as 0.6 of the font size) so a label does not spill over.
    public static func charactersFitting(width: Double, fontSize: Double) -> Int {
        guard width.isFinite, fontSize > 0 else {
            return 2
        }
        return max(Int(width / (fontSize * 0.6)), 2)
    }

    /// The opening `<svg>` tag every chart starts with, its `<title>` and `<desc>`, and a white
    /// background so a downloaded chart reads on any viewer.
    static func header(identifier: String, kind: String, width: Double, height: Double, title: String, description: String) -> String {
        let titleID = identifier + "-title"
        let descriptionID = identifier + "-desc"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(coordinate(width)) \(coordinate(height))\""
        svg += " role=\"img\" aria-labelledby=\"\(titleID) \(descriptionID)\" id=\"\(identifier)\" class=\"chart \(kind)\""
        svg += " font-family=\"sans-serif\" font-size=\"\(coordinate(fontSize))\">\n"
        svg += "<title id=\"\(titleID)\">\(escape(title))</title>\n"
        svg += "<desc id=\"\(descriptionID)\">\(escape(description))</desc>\n"
        svg += "<rect class=\"chart-background\" x=\"0\" y=\"0\" width=\"\(coordinate(width))\" height=\"\(coordinate(height))\" fill=\"#fff\"/>\n"
        svg +=
            "<text class=\"chart-title\" x=\"\(coordinate(margin))\" y=\"\(coordinate(margin + titleSize))\" font-size=\"\(coordinate(titleSize))\" font-weight=\"bold\" fill=\"#000\">"
        svg += escape(title) + "</text>\n"
        return svg
    }

    /// The font size of ordinary chart text, in viewBox units.
    static let fontSize = 13.0
    /// The font size of a chart's visible heading.
    static let titleSize = 15.0
    /// The space left around a chart.
    static let margin = 8.0
    /// Where a chart's drawing may start below its heading.
    static let headerHeight = margin + titleSize + 14

    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD:
            return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
            return true
        default:
            return false
        }
    }

    /// The summary line under a chart's heading (`D = 0.81, DP = 0.14`), or nothing when it is empty.
    static func summaryLine(_ summary: String, x: Double) -> String {
        guard !summary.isEmpty else {
            return ""
        }
        return "<text class=\"chart-summary\" x=\"\(coordinate(x))\" y=\"\(coordinate(headerHeight + 4))\" fill=\"#000\">"
            + escape(summary) + "</text>\n"
    }
}
