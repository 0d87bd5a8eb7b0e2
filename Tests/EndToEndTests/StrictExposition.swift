import Foundation

/// A strict reader of the Prometheus text format (0.0.4), written for the tests apart from the
/// services' own code: it checks what a scrape must hold and throws a message naming the line.
/// - every sample follows the `# TYPE` of its family, and a family's lines are contiguous;
/// - names and label names are valid, label values correctly escaped, no label twice;
/// - values are numbers (`+Inf`, `-Inf`, `NaN` allowed), no sample line (name with labels) twice;
/// - counters end in `_total` and are not negative; histograms end in `_seconds` or `_bytes`, have
///   increasing `le` bounds ending with `+Inf`, cumulative counts, and `_count` equal to `+Inf`.
struct StrictExposition {
    struct Sample: Hashable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    var types: [String: String] = [:]
    var samples: [Sample] = []

    /// Sample values by name and labels, for comparing two scrapes.
    var values: [String: Double] {
        Dictionary(samples.map { (Self.key($0.name, $0.labels), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    static func key(_ name: String, _ labels: [String: String]) -> String {
        name + "{" + labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ",") + "}"
    }

    init(_ text: String) throws {
        var finished: Set<String> = []
        var current: String?
        var seen: Set<String> = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            func failure(_ message: String) -> StrictExpositionError { StrictExpositionError(line: number, text: String(line), message: message) }
            if line.isEmpty {
                continue
            }
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ", maxSplits: 3)
                guard parts.count >= 3, Self.validName(String(parts[2])) else { throw failure("bad HELP/TYPE line") }
                let name = String(parts[2])
                if line.hasPrefix("# TYPE ") {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        throw failure("bad type")
                    }
                    guard types[name] == nil, !finished.contains(name) else { throw failure("family \(name) typed twice") }
                    if let current { finished.insert(current) }
                    current = name
                    types[name] = String(parts[3])
                }
                continue
            }
            if line.hasPrefix("#") {
                continue
            }
            let sample = try Self.sample(String(line), failure: failure)
            guard let family = current, let type = types[family] else { throw failure("sample before any TYPE line") }
            let suffixes = type == "histogram" ? ["_bucket", "_sum", "_count"] : [""]
            guard suffixes.contains(where: { sample.name == family + $0 }) else { throw failure("sample outside its family \(family)") }
            let key = Self.key(sample.name, sample.labels)
            guard seen.insert(key).inserted else { throw failure("sample \(key) twice") }
            if type == "counter", sample.value < 0 { throw failure("negative counter") }
            samples.append(sample)
        }
        try checkConventionsAndHistograms()
    }

    private func checkConventionsAndHistograms() throws {
        for (name, type) in types {
            if type == "counter", !name.hasSuffix("_total") { throw StrictExpositionError(line: 0, text: name, message: "counter without _total") }
            if type == "histogram", !(name.hasSuffix("_seconds") || name.hasSuffix("_bytes")) {
                throw StrictExpositionError(line: 0, text: name, message: "histogram without a unit suffix")
            }
            guard type == "histogram" else { continue }
            var series: [String: [(Double, Double)]] = [:]
            var counts: [String: Double] = [:]
            for sample in samples where sample.name == name + "_bucket" || sample.name == name + "_count" {
                var labels = sample.labels
                let bound = labels.removeValue(forKey: "le")
                let key = Self.key(name, labels)
                if sample.name.hasSuffix("_count") {
                    counts[key] = sample.value
                } else {
                    guard let bound, let upper = bound == "+Inf" ? Double.infinity : Double(bound) else {
                        throw StrictExpositionError(line: 0, text: key, message: "bucket without a valid le")
                    }
                    series[key, default: []].append((upper, sample.value))
                }
            }
            for (key, buckets) in series {
                guard buckets.last?.0 == .infinity else { throw StrictExpositionError(line: 0, text: key, message: "no +Inf bucket last") }
                for (previous, next) in zip(buckets, buckets.dropFirst()) where !(previous.0 < next.0 && previous.1 <= next.1) {
                    throw StrictExpositionError(line: 0, text: key, message: "buckets not increasing and cumulative")
                }
                guard counts[key] == buckets.last?.1 else { throw StrictExpositionError(line: 0, text: key, message: "_count differs from +Inf") }
            }
        }
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*` for a metric, the same without `:` for a label.
    static func validName(_ name: String, label: Bool = false) -> Bool {
        let letters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_" + (label ? "" : ":"))
        guard let first = name.first, letters.contains(first) else {
            return false
        }
        return name.allSatisfy { letters.contains($0) || ("0"..."9").contains($0) }
    }

    static func sample(_ line: String, failure: (String) -> StrictExpositionError) throws -> Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0 != "{" && $0 != " " })
        guard validName(name) else { throw failure("bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let labelName = String(rest.prefix { $0 != "=" })
                guard validName(labelName, label: true) else { throw failure("bad label name '\(labelName)'") }
                rest = rest.dropFirst(labelName.count)
                guard rest.hasPrefix("=\"") else { throw failure("label without =\"") }
                rest = rest.dropFirst(2)
                var value = ""
                while true {
                    guard let character = rest.first else { throw failure("unterminated label value") }
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    if character == "\\" {
                        guard let escaped = rest.first, ["\\", "\"", "n"].contains(escaped) else { throw failure("bad escape") }
                        rest = rest.dropFirst()
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                }
                guard labels.updateValue(value, forKey: labelName) == nil else { throw failure("label \(labelName) twice") }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw failure("labels not separated by ,") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw failure("no space before the value") }
        let fields = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 1 || (fields.count == 2 && Int64(fields[1]) != nil) else { throw failure("value and timestamp malformed") }
        let text = String(fields[0])
        guard let value = ["+Inf": Double.infinity, "-Inf": -Double.infinity, "NaN": Double.nan][text] ?? Double(text),
            !text.hasPrefix("+") || text == "+Inf"
        else {
            throw failure("'\(text)' is not a value")
        }
        return Sample(name: name, labels: labels, value: value)
    }
}

struct StrictExpositionError: Error, CustomStringConvertible {
    let line: Int
    let text: String
    let message: String
    var description: String { "line \(line): \(message): \(text)" }
}
