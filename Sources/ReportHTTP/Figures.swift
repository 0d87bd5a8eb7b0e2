import Foundation

/// Numbers as people read them in the workbench: thousands grouped, rates with one decimal.
enum Figures {
    /// 1234567 as "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 {
                out += ","
            }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// 2.345 as "2.3".
    static func rate(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// A query string of the given pairs, percent-encoded, the empty ones left out.
    static func query(_ pairs: [(String, String)]) -> String {
        let parts = pairs.filter { !$0.1.isEmpty }.map { pair in
            let value = pair.1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
            return "\(pair.0)=\(value)"
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// A document's id as a path component.
    static func path(_ identifier: String) -> String {
        identifier.addingPercentEncoding(withAllowedCharacters: unreserved) ?? identifier
    }

    /// What a query value or a path component keeps as it is: letters, digits and `-._~`
    /// (built once: a `CharacterSet` is costly to make).
    static let unreserved: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()
}
