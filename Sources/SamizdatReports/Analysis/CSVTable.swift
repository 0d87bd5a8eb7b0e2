import Foundation

/// A table as CSV (RFC 4180): a header row, then one row per entry; fields that hold a comma,
/// a quote or a line break are quoted, quotes doubled; lines end with CRLF.
public struct CSVTable: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The CSV text.
    public var text: String {
        var out = ""
        Self.appendLine(header, to: &out)
        for row in rows {
            Self.appendLine(row, to: &out)
        }
        return out
    }

    static func appendLine(_ fields: [String], to out: inout String) {
        for (position, field) in fields.enumerated() {
            if position > 0 {
                out += ","
            }
            out += quoted(field)
        }
        out += "\r\n"
    }

    static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { character in
            character == "," || character == "\"" || character == "\n" || character == "\r"
        }
        guard needsQuotes else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as CSV shows it: integers plainly, others with up to 6 significant decimals;
    /// infinities and NaN by name.
    public static func number(_ value: Double) -> String {
        if value.isNaN {
            return "NaN"
        }
        if value.isInfinite {
            return value > 0 ? "Infinity" : "-Infinity"
        }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(format: "%.6g", value)
    }
}
