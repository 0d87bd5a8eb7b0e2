import Configuration
import Foundation
import SystemPackage
import Testing

@testable import SamizdatService

/// The operator's references — config/samizdat.yaml and the table in docs/OPERATIONS.md — name every
/// key that SamizdatConfig reads, with the right environment variable, flag and default.
@Suite("Configuration reference")
struct ConfigReferenceTests {
    static let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: repo.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every `forKey: "…"` in SamizdatConfig.swift, in order.
    static func keys() throws -> [String] {
        let source = try read("Sources/SamizdatService/SamizdatConfig.swift")
        let pattern = try NSRegularExpression(pattern: #"forKey: "([^"]+)""#)
        let range = NSRange(source.startIndex..., in: source)
        return pattern.matches(in: source, range: range).map { String(source[Range($0.range(at: 1), in: source)!]) }
    }

    /// swift-configuration's mapping: components joined by `_`, a boundary at each lower→Upper, upper-cased.
    static func environmentName(_ key: String) -> String {
        (["samizdat"] + key.split(separator: ".").map(String.init)).map { component in
            var out = ""
            var previous: Character?
            for c in component {
                if let p = previous, p.isLowercase, c.isUppercase { out += "_" }
                out.append(c)
                previous = c
            }
            return out.uppercased()
        }.joined(separator: "_")
    }

    static func flagName(_ key: String) -> String {
        "--"
            + key.split(separator: ".").map { component in
                var out = ""
                var previous: Character?
                for c in component {
                    if let p = previous, p.isLowercase, c.isUppercase { out += "-" }
                    out.append(c)
                    previous = c
                }
                return out.lowercased()
            }.joined(separator: "-")
    }

    @Test func namesFollowSwiftConfigurationsRules() async throws {
        #expect(Self.environmentName("ingest.maxTextBytes") == "SAMIZDAT_INGEST_MAX_TEXT_BYTES")
        #expect(Self.flagName("ingest.maxTextBytes") == "--ingest-max-text-bytes")
        // And the providers really answer to those names.
        let c = try await SamizdatConfig.load(
            arguments: ["x", Self.flagName("report.timeoutMs"), "1234"],
            environment: [Self.environmentName("ingest.heartbeatMs"): "321"]
        )
        #expect(c.requestTimeoutMs == 1234)
        #expect(c.heartbeatMs == 321)
    }

    @Test func sourceHasAllKeys() throws {
        let keys = try Self.keys()
        #expect(keys.count == 32)
        #expect(Set(keys).count == keys.count)
    }

    @Test func shippedYAMLSetsEveryKeyButInstance() async throws {
        let path = Self.repo.appendingPathComponent("config/samizdat.yaml").path
        let reader = ConfigReader(provider: try await FileProvider<YAMLSnapshot>(filePath: FilePath(path)))
        for key in try Self.keys() where key != "instance" {
            #expect(reader.string(forKey: ConfigKey(key.split(separator: ".").map(String.init))) != nil, "config/samizdat.yaml does not set \(key)")
        }
        // instance defaults to host-pid so replicas differ; the file only mentions it in a comment.
        #expect(reader.string(forKey: "instance") == nil)
    }

    @Test func operationsTableHasEveryKeyWithEnvironmentFlagAndDefault() async throws {
        let doc = try Self.read("docs/OPERATIONS.md")
        let path = Self.repo.appendingPathComponent("config/samizdat.yaml").path
        let yaml = ConfigReader(provider: try await FileProvider<YAMLSnapshot>(filePath: FilePath(path)))
        let rows = doc.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for key in try Self.keys() {
            let row = rows.first { $0.hasPrefix("| `\(key)` |") }
            try #require(row != nil, "docs/OPERATIONS.md has no row for \(key)")
            let cells = row!.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells[1] == "`\(Self.environmentName(key))`", "environment variable of \(key)")
            #expect(cells[2] == "`\(Self.flagName(key))`", "flag of \(key)")
            if key != "instance" {
                // The documented default is the value in config/samizdat.yaml, which another test holds to the code's default.
                // An empty default is written `""` in the table.
                let documented = cells[3].split(separator: "`").first.map { $0 == "\"\"" ? "" : String($0) }
                let shipped = yaml.string(forKey: ConfigKey(key.split(separator: ".").map(String.init)))
                #expect(documented == shipped, "default of \(key): docs say \(documented ?? "-"), config/samizdat.yaml says \(shipped ?? "-")")
            }
        }
    }
}
