import Foundation

/// The Prometheus text exposition format (0.0.4) as values: families of samples that can be read,
/// labelled, merged and written again. report merges the services' expositions with it and
/// `samizdat status --watch` reads them; swift-prometheus writes each service's own.
public struct PrometheusExposition: Sendable, Equatable {
    public var families: [Family]

    public init(families: [Family] = []) {
        self.families = families
    }

    /// One metric family: its name, type, help and every sample of it.
    public struct Family: Sendable, Equatable {
        public var name: String
        public var type: String
        public var help: String
        public var samples: [Sample]

        public init(name: String, type: String, help: String = "", samples: [Sample] = []) {
            self.name = name
            self.type = type
            self.help = help
            self.samples = samples
        }
    }

    /// One line of values: the full sample name (a histogram's `…_bucket`, `…_sum`, `…_count`),
    /// its labels in order, and its value.
    public struct Sample: Sendable, Equatable {
        public var name: String
        public var labels: [Label]
        public var value: Double

        public init(name: String, labels: [Label] = [], value: Double) {
            self.name = name
            self.labels = labels
            self.value = value
        }

        public func label(_ name: String) -> String? {
            labels.first { $0.name == name }?.value
        }
    }

    public struct Label: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    // MARK: reading

    /// Reads an exposition. Every line must be a `# HELP`, a `# TYPE`, another comment, a blank line
    /// or a sample of the family its `# TYPE` line opened; anything else is an error naming the line.
    public init(parsing text: String) throws(ExpositionError) {
        var families: [Family] = []
        var helps: [String: String] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                continue
            }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
                guard words.count >= 3, words[0] == "#", words[1] == "HELP" || words[1] == "TYPE" else {
                    continue
                }
                let name = String(words[2])
                let rest = words.count > 3 ? String(words[3]) : ""
                if words[1] == "HELP" {
                    helps[name] = Self.unescapeHelp(rest)
                    if let index = families.firstIndex(where: { $0.name == name }) {
                        families[index].help = helps[name] ?? ""
                    }
                    continue
                }
                guard Self.types.contains(rest) else {
                    throw ExpositionError(line: lineNumber, "unknown metric type '\(rest)' for '\(name)'")
                }
                guard !families.contains(where: { $0.name == name }) else {
                    throw ExpositionError(line: lineNumber, "a second TYPE line for '\(name)'")
                }
                families.append(Family(name: name, type: rest, help: helps[name] ?? ""))
                continue
            }
            let sample = try Self.parseSample(line, lineNumber: lineNumber)
            guard var family = families.last, Self.belongs(sample.name, to: family) else {
                throw ExpositionError(line: lineNumber, "sample '\(sample.name)' is not of the family its TYPE line opened")
            }
            family.samples.append(sample)
            families[families.count - 1] = family
        }
        self.families = families
    }

    static let types: Set<String> = ["counter", "gauge", "histogram", "summary", "untyped"]

    static func belongs(_ sampleName: String, to family: Family) -> Bool {
        if sampleName == family.name {
            return true
        }
        switch family.type {
        case "histogram":
            return [family.name + "_bucket", family.name + "_sum", family.name + "_count"].contains(sampleName)
        case "summary":
            return [family.name + "_sum", family.name + "_count"].contains(sampleName)
        default:
            return false
        }
    }

    static func parseSample(_ line: String, lineNumber: Int) throws(ExpositionError) -> Sample {
        let characters = Array(line.unicodeScalars)
        var position = 0
        var name = ""
        while position < characters.count, isNameCharacter(characters[position], first: name.isEmpty) {
            name.unicodeScalars.append(characters[position])
            position += 1
        }
        guard !name.isEmpty else {
            throw ExpositionError(line: lineNumber, "a sample line must start with a metric name")
        }
        var labels: [Label] = []
        if position < characters.count, characters[position] == "{" {
            position += 1
            while true {
                guard position < characters.count else {
                    throw ExpositionError(line: lineNumber, "labels of '\(name)' are not closed")
                }
                if characters[position] == "}" {
                    position += 1
                    break
                }
                var labelName = ""
                while position < characters.count, isNameCharacter(characters[position], first: labelName.isEmpty), characters[position] != ":" {
                    labelName.unicodeScalars.append(characters[position])
                    position += 1
                }
                guard !labelName.isEmpty, position + 1 < characters.count, characters[position] == "=", characters[position + 1] == "\"" else {
                    throw ExpositionError(line: lineNumber, "a label of '\(name)' is not name=\"value\"")
                }
                position += 2
                var value = ""
                var closed = false
                while position < characters.count {
                    let character = characters[position]
                    position += 1
                    if character == "\"" {
                        closed = true
                        break
                    }
                    if character == "\\" {
                        guard position < characters.count else {
                            break
                        }
                        let escaped = characters[position]
                        position += 1
                        switch escaped {
                        case "n": value.append("\n")
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        default:
                            throw ExpositionError(line: lineNumber, "unknown escape '\\\(escaped)' in label '\(labelName)'")
                        }
                        continue
                    }
                    value.unicodeScalars.append(character)
                }
                guard closed else {
                    throw ExpositionError(line: lineNumber, "the value of label '\(labelName)' is not closed")
                }
                guard !labels.contains(where: { $0.name == labelName }) else {
                    throw ExpositionError(line: lineNumber, "label '\(labelName)' appears twice in '\(name)'")
                }
                labels.append(Label(labelName, value))
                if position < characters.count, characters[position] == "," {
                    position += 1
                }
            }
        }
        let rest = String(String.UnicodeScalarView(characters[position...])).split(separator: " ", omittingEmptySubsequences: true)
        guard rest.count == 1 || rest.count == 2 else {
            throw ExpositionError(line: lineNumber, "'\(name)' needs one value (and at most a timestamp)")
        }
        guard let value = parseValue(String(rest[0])) else {
            throw ExpositionError(line: lineNumber, "'\(rest[0])' is not a number (value of '\(name)')")
        }
        if rest.count == 2, Int64(rest[1]) == nil {
            throw ExpositionError(line: lineNumber, "'\(rest[1])' is not a timestamp in milliseconds")
        }
        return Sample(name: name, labels: labels, value: value)
    }

    static func isNameCharacter(_ character: Unicode.Scalar, first: Bool) -> Bool {
        switch character {
        case "a"..."z", "A"..."Z", "_", ":":
            return true
        case "0"..."9":
            return !first
        default:
            return false
        }
    }

    static func parseValue(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return Double(text)
        }
    }

    static func unescapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\\\", with: "\\")
    }

    // MARK: changing

    /// Puts `labels` first on every sample that does not have a label of that name already.
    public func labelled(_ labels: [Label]) -> PrometheusExposition {
        var copy = self
        for familyIndex in copy.families.indices {
            for sampleIndex in copy.families[familyIndex].samples.indices {
                let existing = copy.families[familyIndex].samples[sampleIndex].labels
                let added = labels.filter { label in !existing.contains { $0.name == label.name } }
                copy.families[familyIndex].samples[sampleIndex].labels = added + existing
            }
        }
        return copy
    }

    /// Fills in each family's help text from `help` where it has none.
    public func withHelp(_ help: (String) -> String?) -> PrometheusExposition {
        var copy = self
        for index in copy.families.indices where copy.families[index].help.isEmpty {
            copy.families[index].help = help(copy.families[index].name) ?? ""
        }
        return copy
    }

    /// Every family of every part, one family per name (samples appended in order), sorted by name.
    /// A name with two different types is an error: the merged text would not be valid.
    public static func merging(_ parts: [PrometheusExposition]) throws(ExpositionError) -> PrometheusExposition {
        var byName: [String: Family] = [:]
        for part in parts {
            for family in part.families {
                guard var merged = byName[family.name] else {
                    byName[family.name] = family
                    continue
                }
                guard merged.type == family.type else {
                    throw ExpositionError(line: 0, "'\(family.name)' is a \(merged.type) in one part and a \(family.type) in another")
                }
                if merged.help.isEmpty {
                    merged.help = family.help
                }
                merged.samples += family.samples
                byName[family.name] = merged
            }
        }
        return PrometheusExposition(families: byName.keys.sorted().compactMap { byName[$0] })
    }

    // MARK: writing

    /// The text form: `# HELP`, `# TYPE` and the samples of each family in turn.
    public var text: String {
        var out = ""
        for family in families {
            if !family.help.isEmpty {
                out += "# HELP \(family.name) \(Self.escapeHelp(family.help))\n"
            }
            out += "# TYPE \(family.name) \(family.type)\n"
            for sample in family.samples {
                out += sample.name
                if !sample.labels.isEmpty {
                    out += "{" + sample.labels.map { "\($0.name)=\"\(Self.escapeLabel($0.value))\"" }.joined(separator: ",") + "}"
                }
                out += " \(Self.format(sample.value))\n"
            }
        }
        return out
    }

    static func format(_ value: Double) -> String {
        if value.isNaN {
            return "NaN"
        }
        if value.isInfinite {
            return value > 0 ? "+Inf" : "-Inf"
        }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeLabel(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    // MARK: looking up

    public func family(_ name: String) -> Family? {
        families.first { $0.name == name }
    }

    /// The sum of every sample named `name` whose labels include `matching`.
    public func sum(_ name: String, matching: [String: String] = [:]) -> Double {
        var total = 0.0
        for family in families where name.hasPrefix(family.name) {
            for sample in family.samples where sample.name == name {
                if matching.allSatisfy({ sample.label($0.key) == $0.value }) {
                    total += sample.value
                }
            }
        }
        return total
    }
}
