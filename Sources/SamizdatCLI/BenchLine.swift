import Foundation
import SamizdatModel

/// One JSON object of the bench output, keys in the order they were added (like the peers'
/// `json.dumps`), printed as one line.
struct BenchLine {
    enum Value {
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case null
        case object(BenchLine)
        case array([Value])
    }

    private(set) var fields: [(String, Value)] = []

    init(bench: String) { self["bench"] = .string(bench) }
    init() {}

    subscript(key: String) -> Value? {
        get { fields.first { $0.0 == key }?.1 }
        set {
            let v = newValue ?? .null
            if let i = fields.firstIndex(where: { $0.0 == key }) { fields[i].1 = v } else { fields.append((key, v)) }
        }
    }

    mutating func set(_ key: String, _ value: String?) { self[key] = value.map { .string($0) } ?? .null }
    mutating func set(_ key: String, _ value: Int?) { self[key] = value.map { .int($0) } ?? .null }
    mutating func set(_ key: String, _ value: Bool) { self[key] = .bool(value) }
    /// A double rounded to `places` decimals, as the peers round theirs.
    mutating func set(_ key: String, _ value: Double?, places: Int = 3) {
        guard let value, value.isFinite else {
            self[key] = .null
            return
        }
        let f = pow(10.0, Double(places))
        self[key] = .double((value * f).rounded() / f)
    }

    var json: String {
        "{" + fields.map { Self.quote($0.0) + ": " + Self.render($0.1) }.joined(separator: ", ") + "}"
    }

    static func render(_ v: Value) -> String {
        switch v {
        case .string(let s): return quote(s)
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .object(let o): return o.json
        case .array(let a): return "[" + a.map(render).joined(separator: ", ") + "]"
        }
    }

    static func quote(_ s: String) -> String { JSONText.quote(s) }

    /// Prints the line to standard output and flushes, so a pipe sees it at once.
    func emit() {
        FileHandle.standardOutput.write(Data((json + "\n").utf8))
    }
}
