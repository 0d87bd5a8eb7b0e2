import SamizdatModel

/// A report's parameters as they come in a URL's query string, read strictly: a value that is
/// not a number, not one of the names allowed, or a parameter the report does not take is a
/// `bad_parameter` error naming it — never a silent default.
public struct ReportQuery: Sendable {
    public var values: [String: String]
    /// The parameters read so far (the rest are unknown to the report).
    private var read: Set<String> = []

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// A string, or nil when absent (an empty value counts as absent).
    public mutating func string(_ name: String) -> String? {
        read.insert(name)
        guard let value = values[name], !value.isEmpty else {
            return nil
        }
        return value
    }

    /// An integer, `fallback` when absent.
    public mutating func integer(_ name: String, _ fallback: Int) throws(ProtocolError) -> Int {
        guard let text = string(name) else {
            return fallback
        }
        guard let value = Int(text) else {
            throw ProtocolError.badParameter(name, "'\(text)' is not a whole number")
        }
        return value
    }

    /// A finite number, `fallback` when absent.
    public mutating func number(_ name: String, _ fallback: Double) throws(ProtocolError) -> Double {
        guard let text = string(name) else {
            return fallback
        }
        guard let value = Double(text), value.isFinite else {
            throw ProtocolError.badParameter(name, "'\(text)' is not a number")
        }
        return value
    }

    /// A boolean (true, false, 1, 0, yes, no), `fallback` when absent.
    public mutating func boolean(_ name: String, _ fallback: Bool) throws(ProtocolError) -> Bool {
        guard let text = string(name) else {
            return fallback
        }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ProtocolError.badParameter(name, "'\(text)' is not true or false")
        }
    }

    /// One of an enumeration's raw values, `fallback` when absent.
    public mutating func choice<Value: RawRepresentable & CaseIterable>(_ name: String, _ fallback: Value) throws(ProtocolError) -> Value
    where Value.RawValue == String {
        guard let text = string(name) else {
            return fallback
        }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw ProtocolError.badParameter(name, "'\(text)' is not one of \(allowed)")
        }
        return value
    }

    /// The scope parameters: `doc`, `chapter`, `subcorpus`, `in` (body, notes, all), each with
    /// `prefix` before its name (`ref_doc` for a keyword report's reference).
    public mutating func scope(prefix: String = "") throws(ProtocolError) -> ReportScope {
        ReportScope(
            document: string(prefix + "doc"),
            chapter: string(prefix + "chapter"),
            subcorpus: string(prefix + "subcorpus"),
            region: try choice(prefix + "in", TextRegion.all)
        )
    }

    /// True when some scope parameter with `prefix` is given.
    public func hasScope(prefix: String) -> Bool {
        ["doc", "chapter", "subcorpus", "in"].contains { values[prefix + $0] != nil }
    }

    /// Throws for a parameter the report did not read (`format` is the route's own).
    public func rejectUnknown() throws(ProtocolError) {
        let unknown = Set(values.keys).subtracting(read).subtracting(["format"]).sorted()
        if let first = unknown.first {
            throw ProtocolError.badParameter(first, "this report takes no parameter '\(first)'")
        }
    }
}
