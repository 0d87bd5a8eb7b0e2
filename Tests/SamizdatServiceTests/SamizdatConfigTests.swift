import Configuration
import Foundation
import Logging
import Testing

@testable import SamizdatService

@Suite("SamizdatConfig")
struct SamizdatConfigTests {
    @Test func defaultsAreThoseOfTheDesign() {
        let c = SamizdatConfig(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        #expect(c.dataDir == "./data")
        #expect(c.logLevel == "info")
        #expect(c.logLevelValue == .info)
        #expect(c.statsIntervalSeconds == 10)
        #expect(c.ingestClient == "tcp://*:5550")
        #expect(c.ingestWork == "tcp://*:5551")
        #expect(c.ingestAcks == "tcp://*:5552")
        #expect(c.maxTextBytes == 64 * 1024 * 1024)
        #expect(c.maxBacklog == 10_000)
        #expect(c.ackTimeoutSeconds == 120)
        #expect(c.maxAttempts == 5)
        #expect(c.heartbeatMs == 1000)
        #expect(c.segmentIngest == "tcp://localhost:5551")
        #expect(c.segmentIndex == "tcp://localhost:5553")
        #expect(c.segmentAcks == "tcp://localhost:5552")
        #expect(c.segmentCredit == 2)
        #expect(c.indexIntake == "tcp://*:5553")
        #expect(c.indexQueries == "tcp://*:5554")
        #expect(c.indexEvents == "tcp://*:5555")
        #expect(c.indexAcks == "tcp://localhost:5552")
        #expect(c.reportClient == "tcp://*:5556")
        #expect(c.httpHost == "127.0.0.1")
        #expect(c.httpPort == 8080)
        #expect(c.reportIngest == "tcp://localhost:5550")
        #expect(c.reportIndex == "tcp://localhost:5554")
        #expect(c.reportEvents == "tcp://localhost:5555")
        #expect(c.requestTimeoutMs == 10_000)
        #expect(c.requestsPerSecond == 100)
        #expect(c.requestBurst == 200)
        // An empty reader gives exactly the memberwise defaults.
        var expected = SamizdatConfig()
        expected.instance = c.instance
        #expect(c == expected)
        #expect(c.instance.hasSuffix("-\(getpid())"))
    }

    @Test func everyKeyIsReadFromItsDottedPath() {
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "dataDir": "/var/lib/samizdat",
            "log.level": "DEBUG",
            "instance": "ingest-7",
            "statsIntervalSeconds": 2.5,
            "ingest.client": "tcp://*:6000",
            "ingest.work": "tcp://*:6001",
            "ingest.acks": "tcp://*:6002",
            "ingest.maxTextBytes": 1024,
            "ingest.maxBacklog": 3,
            "ingest.ackTimeoutSeconds": 7.5,
            "ingest.maxAttempts": 9,
            "ingest.heartbeatMs": 250,
            "segment.ingest": "tcp://ingest:6001",
            "segment.index": "tcp://index:6003",
            "segment.acks": "tcp://ingest:6002",
            "segment.credit": 4,
            "index.intake": "tcp://*:6003",
            "index.queries": "tcp://*:6004",
            "index.events": "tcp://*:6005",
            "index.acks": "tcp://ingest:6002",
            "report.client": "tcp://*:6006",
            "report.httpHost": "10.0.0.5",
            "report.httpPort": 9090,
            "report.ingest": "tcp://ingest:6000",
            "report.index": "tcp://index:6004",
            "report.events": "tcp://index:6005",
            "report.timeoutMs": 1500,
            "report.requestsPerSecond": 2.5,
            "report.requestBurst": 7,
        ]
        let c = SamizdatConfig(reader: ConfigReader(provider: InMemoryProvider(values: values)))
        #expect(c.dataDir == "/var/lib/samizdat")
        #expect(c.logLevel == "DEBUG")
        #expect(c.logLevelValue == .debug)
        #expect(c.instance == "ingest-7")
        #expect(c.statsIntervalSeconds == 2.5)
        #expect(c.ingestClient == "tcp://*:6000")
        #expect(c.ingestWork == "tcp://*:6001")
        #expect(c.ingestAcks == "tcp://*:6002")
        #expect(c.maxTextBytes == 1024)
        #expect(c.maxBacklog == 3)
        #expect(c.ackTimeoutSeconds == 7.5)
        #expect(c.maxAttempts == 9)
        #expect(c.heartbeatMs == 250)
        #expect(c.segmentIngest == "tcp://ingest:6001")
        #expect(c.segmentIndex == "tcp://index:6003")
        #expect(c.segmentAcks == "tcp://ingest:6002")
        #expect(c.segmentCredit == 4)
        #expect(c.indexIntake == "tcp://*:6003")
        #expect(c.indexQueries == "tcp://*:6004")
        #expect(c.indexEvents == "tcp://*:6005")
        #expect(c.indexAcks == "tcp://ingest:6002")
        #expect(c.reportClient == "tcp://*:6006")
        #expect(c.httpHost == "10.0.0.5")
        #expect(c.httpPort == 9090)
        #expect(c.reportIngest == "tcp://ingest:6000")
        #expect(c.reportIndex == "tcp://index:6004")
        #expect(c.reportEvents == "tcp://index:6005")
        #expect(c.requestTimeoutMs == 1500)
        #expect(c.requestsPerSecond == 2.5)
        #expect(c.requestBurst == 7)
        // Every field moved away from its default, so none was silently missed.
        let d = SamizdatConfig()
        let pairs: [(String, String)] = [
            (c.dataDir, d.dataDir), (c.logLevel, d.logLevel), (c.ingestClient, d.ingestClient), (c.ingestWork, d.ingestWork),
            (c.ingestAcks, d.ingestAcks), (c.segmentIngest, d.segmentIngest), (c.segmentIndex, d.segmentIndex),
            (c.segmentAcks, d.segmentAcks), (c.indexIntake, d.indexIntake), (c.indexQueries, d.indexQueries),
            (c.indexEvents, d.indexEvents), (c.indexAcks, d.indexAcks), (c.reportClient, d.reportClient), (c.httpHost, d.httpHost),
            (c.reportIngest, d.reportIngest), (c.reportIndex, d.reportIndex), (c.reportEvents, d.reportEvents),
        ]
        for (value, original) in pairs { #expect(value != original) }
    }

    @Test func anUnknownLogLevelIsANamedError() {
        let c = SamizdatConfig(reader: ConfigReader(provider: InMemoryProvider(values: ["log.level": "loud"])))
        #expect(c.logLevel == "loud")
        #expect(
            throws: SamizdatConfigError(key: "log.level", reason: "'loud' is not a log level (trace, debug, info, notice, warning, error, critical)")
        ) {
            try c.validate()
        }
        let upper = SamizdatConfig(reader: ConfigReader(provider: InMemoryProvider(values: ["log.level": "WARNING"])))
        #expect(throws: Never.self) { try upper.validate() }
        #expect(upper.logLevelValue == .warning)
    }

    @Test func earlierProviderWins() {
        let first = InMemoryProvider(name: "flags", values: ["ingest.client": "tcp://*:7000"])
        let second = InMemoryProvider(name: "file", values: ["ingest.client": "tcp://*:7001", "ingest.work": "tcp://*:7002"])
        let c = SamizdatConfig(reader: ConfigReader(providers: [first, second]))
        #expect(c.ingestClient == "tcp://*:7000")
        #expect(c.ingestWork == "tcp://*:7002")
        #expect(c.ingestAcks == "tcp://*:5552")
    }
}

/// `SamizdatConfig.load(arguments:environment:)`: flags, then `SAMIZDAT_…` environment, then the YAML file.
@Suite("SamizdatConfig.load")
struct SamizdatConfigLoadTests {
    @Test func loadRefusesAnUnknownLogLevel() async {
        await #expect(throws: SamizdatConfigError.self) {
            try await SamizdatConfig.load(arguments: ["samizdat-ingest"], environment: ["SAMIZDAT_LOG_LEVEL": "loud"])
        }
    }

    /// A YAML file in a fresh temporary directory; `remove()` it when done (use `defer`).
    struct TempYAML {
        let directory: URL
        let path: String

        init(_ text: String) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-config-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("samizdat.yaml").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    static let yaml = """
        dataDir: /srv/samizdat
        statsIntervalSeconds: 3
        log:
          level: warning
        ingest:
          client: tcp://*:6550
          maxTextBytes: 4096
          ackTimeoutSeconds: 30.5
        segment:
          ingest: tcp://ingest:6551
          credit: 8
        report:
          httpPort: 9191
          timeoutMs: 2500
        """

    @Test func readsNestedYAMLFromConfigFlag() async throws {
        let file = try TempYAML(Self.yaml)
        defer { file.remove() }
        let c = try await SamizdatConfig.load(arguments: ["samizdat-ingest", "--config", file.path], environment: [:])
        #expect(c.dataDir == "/srv/samizdat")
        #expect(c.statsIntervalSeconds == 3)
        #expect(c.logLevelValue == .warning)
        #expect(c.ingestClient == "tcp://*:6550")
        #expect(c.maxTextBytes == 4096)
        #expect(c.ackTimeoutSeconds == 30.5)
        #expect(c.segmentIngest == "tcp://ingest:6551")
        #expect(c.segmentCredit == 8)
        #expect(c.httpPort == 9191)
        #expect(c.requestTimeoutMs == 2500)
        // Keys the file leaves out keep their defaults.
        #expect(c.ingestWork == "tcp://*:5551")
        #expect(c.maxAttempts == 5)
    }

    @Test func readsYAMLFromConfigEqualsFlag() async throws {
        let file = try TempYAML(Self.yaml)
        defer { file.remove() }
        let c = try await SamizdatConfig.load(arguments: ["samizdat-ingest", "--config=\(file.path)"], environment: [:])
        #expect(c.ingestClient == "tcp://*:6550")
        #expect(c.httpPort == 9191)
    }

    @Test func configFlagWinsOverSAMIZDAT_CONFIG() async throws {
        let file = try TempYAML(Self.yaml)
        defer { file.remove() }
        let other = try TempYAML("report:\n  httpPort: 7171\n")
        defer { other.remove() }
        let c = try await SamizdatConfig.load(arguments: ["x", "--config", file.path], environment: ["SAMIZDAT_CONFIG": other.path])
        #expect(c.httpPort == 9191)
    }

    @Test func readsYAMLNamedBySAMIZDAT_CONFIG() async throws {
        let file = try TempYAML(Self.yaml)
        defer { file.remove() }
        let c = try await SamizdatConfig.load(arguments: ["samizdat-report"], environment: ["SAMIZDAT_CONFIG": file.path])
        #expect(c.httpPort == 9191)
        #expect(c.dataDir == "/srv/samizdat")
    }

    @Test func environmentWinsOverFileAndFlagsWinOverEnvironment() async throws {
        let file = try TempYAML(Self.yaml)
        defer { file.remove() }
        let env = [
            "SAMIZDAT_CONFIG": file.path,
            "SAMIZDAT_INGEST_CLIENT": "tcp://*:7550",
            "SAMIZDAT_INGEST_MAX_TEXT_BYTES": "8192",
            "SAMIZDAT_REPORT_HTTP_PORT": "9292",
            "SAMIZDAT_LOG_LEVEL": "error",
            "SAMIZDAT_STATS_INTERVAL_SECONDS": "1.5",
            "SAMIZDAT_DATA_DIR": "/env/data",
        ]
        let fromEnv = try await SamizdatConfig.load(arguments: ["samizdat-ingest"], environment: env)
        #expect(fromEnv.ingestClient == "tcp://*:7550")
        #expect(fromEnv.maxTextBytes == 8192)
        #expect(fromEnv.httpPort == 9292)
        #expect(fromEnv.logLevelValue == .error)
        #expect(fromEnv.statsIntervalSeconds == 1.5)
        #expect(fromEnv.dataDir == "/env/data")
        #expect(fromEnv.segmentCredit == 8)  // only in the file

        let fromFlags = try await SamizdatConfig.load(
            arguments: [
                "samizdat-ingest", "--ingest-client", "tcp://*:8550", "--ingest-max-text-bytes", "16384", "--report-http-port=9393", "--data-dir",
                "/flag/data",
            ],
            environment: env
        )
        #expect(fromFlags.ingestClient == "tcp://*:8550")
        #expect(fromFlags.maxTextBytes == 16384)
        #expect(fromFlags.httpPort == 9393)
        #expect(fromFlags.dataDir == "/flag/data")
        #expect(fromFlags.logLevelValue == .error)  // env, no flag given
        #expect(fromFlags.segmentCredit == 8)  // file
        #expect(fromFlags.ingestWork == "tcp://*:5551")  // default
    }

    @Test func environmentWithoutPrefixIsIgnored() async throws {
        let file = try TempYAML("dataDir: /a\n")
        defer { file.remove() }
        let c = try await SamizdatConfig.load(
            arguments: ["x", "--config", file.path],
            environment: ["INGEST_CLIENT": "tcp://*:1", "DATA_DIR": "/b"]
        )
        #expect(c.ingestClient == "tcp://*:5550")
        #expect(c.dataDir == "/a")
    }

    @Test func namedFileThatDoesNotExistIsAnError() async {
        await #expect(throws: (any Error).self) {
            _ = try await SamizdatConfig.load(arguments: ["x", "--config", "/nonexistent/samizdat-\(UUID().uuidString).yaml"], environment: [:])
        }
    }

    /// config/samizdat.yaml in the repository lists every key with exactly the built-in default.
    @Test func shippedConfigFileMatchesTheDefaults() async throws {
        let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repo.appendingPathComponent("config/samizdat.yaml").path
        try #require(FileManager.default.fileExists(atPath: path), "config/samizdat.yaml not found at \(path)")
        let c = try await SamizdatConfig.load(arguments: ["x", "--config", path], environment: [:])
        var expected = SamizdatConfig()
        expected.instance = c.instance
        #expect(c == expected)

        // And it names every key SamizdatConfig reads, so the file is a complete reference.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let keys = [
            "dataDir", "statsIntervalSeconds", "level", "client", "work", "acks", "maxTextBytes", "maxBacklog",
            "ackTimeoutSeconds", "maxAttempts", "heartbeatMs", "ingest", "index", "credit", "intake", "queries",
            "events", "httpHost", "httpPort", "timeoutMs", "instance",
        ]
        for key in keys { #expect(text.contains("\(key):"), "config/samizdat.yaml lacks \(key)") }
        // Values differing from the defaults would be caught above only if the file is read; prove it is.
        let moved = text.replacingOccurrences(of: "httpPort: 8080", with: "httpPort: 8181")
        #expect(moved != text)
        let copy = try TempYAML(moved)
        defer { copy.remove() }
        #expect(try await SamizdatConfig.load(arguments: ["x", "--config", copy.path], environment: [:]).httpPort == 8181)
    }
}
