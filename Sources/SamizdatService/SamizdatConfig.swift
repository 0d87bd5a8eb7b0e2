import Configuration
import Foundation
import Logging
import SystemPackage

/// Every setting of every service, with the defaults of DESIGN.md.
/// Read in this order, first wins: command-line flags (`--ingest-client tcp://…`),
/// environment (`SAMIZDAT_INGEST_CLIENT`), the YAML file (`--config`, `SAMIZDAT_CONFIG`,
/// default config/samizdat.yaml if present), then these defaults. config/samizdat.yaml lists them all.
public struct SamizdatConfig: Sendable, Equatable {
    /// `dataDir` — where ingest keeps its journal and index its store.
    public var dataDir = "./data"
    /// `log.level` — trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// `instance` — the name in every log line; defaults to host-pid.
    public var instance = SamizdatLogging.defaultInstance
    /// `statsIntervalSeconds` — how often each service logs a stats line.
    public var statsIntervalSeconds = 10.0
    /// `keys.dir` — the CurveZMQ key directory (`samizdat keys generate`): this service's secret key,
    /// every service's public key, the clients' allow-list. Required unless `insecure`.
    public var keysDir = ""
    /// `keys.secretKey` — this service's secret key (Z85) from the environment (`SAMIZDAT_KEYS_SECRET_KEY`,
    /// e.g. a Kubernetes Secret as a variable) instead of `<service>.key` in `keys.dir`.
    public var keysSecretKey = ""
    /// `insecure` — plain ZeroMQ sockets, no keys: anyone who reaches a port may use it. Logged as a
    /// warning at every start.
    public var insecure = false

    // ingest
    /// `ingest.client` — ROUTER for clients.
    public var ingestClient = "tcp://*:5550"
    /// `ingest.work` — ROUTER that segment workers ask for work on.
    public var ingestWork = "tcp://*:5551"
    /// `ingest.acks` — PULL for acks from index and failures from segment.
    public var ingestAcks = "tcp://*:5552"
    /// `ingest.maxTextBytes` — largest text accepted (also the transport's ZMQ_MAXMSGSIZE, plus headroom).
    public var maxTextBytes = 64 << 20
    /// `ingest.maxBacklog` — texts accepted but not yet indexed before ingest answers `busy`.
    public var maxBacklog = 10_000
    /// `ingest.ackTimeoutSeconds` — redeliver work not acked within this time.
    public var ackTimeoutSeconds = 120.0
    /// `ingest.maxAttempts` — deliveries before a text is marked failed.
    public var maxAttempts = 5
    /// `ingest.heartbeatMs` — heartbeat period both ways between ingest and workers; 3 missed = dead.
    public var heartbeatMs = 1000

    // segment
    /// `segment.ingest` — where a worker asks for work.
    public var segmentIngest = "tcp://localhost:5551"
    /// `segment.index` — where a worker sends segmented documents.
    public var segmentIndex = "tcp://localhost:5553"
    /// `segment.acks` — where a worker reports texts it cannot segment.
    public var segmentAcks = "tcp://localhost:5552"
    /// `segment.credit` — texts a worker asks for at once.
    public var segmentCredit = 2

    // index
    /// `index.intake` — PULL for segmented documents.
    public var indexIntake = "tcp://*:5553"
    /// `index.queries` — ROUTER for queries.
    public var indexQueries = "tcp://*:5554"
    /// `index.events` — PUB of `indexed` events.
    public var indexEvents = "tcp://*:5555"
    /// `index.acks` — ingest's ack socket, where index says what it committed.
    public var indexAcks = "tcp://localhost:5552"

    // report
    /// `report.client` — ROUTER for the CLI.
    public var reportClient = "tcp://*:5556"
    /// `report.httpHost`, `report.httpPort` — pages, JSON API, /metrics, /healthz.
    public var httpHost = "127.0.0.1"
    public var httpPort = 8080
    /// `report.ingest`, `report.index`, `report.events` — where report finds the others.
    public var reportIngest = "tcp://localhost:5550"
    public var reportIndex = "tcp://localhost:5554"
    public var reportEvents = "tcp://localhost:5555"
    /// `report.timeoutMs` — how long report waits for ingest or index before answering `unavailable`.
    public var requestTimeoutMs = 10_000
    /// `report.requestsPerSecond`, `report.requestBurst` — each client address's limit on HTTP requests:
    /// that many a second on average, bursts of that many; `requestsPerSecond` 0 turns the limit off.
    public var requestsPerSecond = 100.0
    public var requestBurst = 200

    public init() {}

    public init(reader c: ConfigReader) {
        let d = SamizdatConfig()
        dataDir = c.string(forKey: "dataDir", default: d.dataDir)
        logLevel = c.string(forKey: "log.level", default: d.logLevel)
        instance = c.string(forKey: "instance", default: d.instance)
        statsIntervalSeconds = c.double(forKey: "statsIntervalSeconds", default: d.statsIntervalSeconds)
        keysDir = c.string(forKey: "keys.dir", default: d.keysDir)
        keysSecretKey = c.string(forKey: "keys.secretKey", isSecret: true, default: d.keysSecretKey)
        insecure = c.bool(forKey: "insecure", default: d.insecure)
        ingestClient = c.string(forKey: "ingest.client", default: d.ingestClient)
        ingestWork = c.string(forKey: "ingest.work", default: d.ingestWork)
        ingestAcks = c.string(forKey: "ingest.acks", default: d.ingestAcks)
        maxTextBytes = c.int(forKey: "ingest.maxTextBytes", default: d.maxTextBytes)
        maxBacklog = c.int(forKey: "ingest.maxBacklog", default: d.maxBacklog)
        ackTimeoutSeconds = c.double(forKey: "ingest.ackTimeoutSeconds", default: d.ackTimeoutSeconds)
        maxAttempts = c.int(forKey: "ingest.maxAttempts", default: d.maxAttempts)
        heartbeatMs = c.int(forKey: "ingest.heartbeatMs", default: d.heartbeatMs)
        segmentIngest = c.string(forKey: "segment.ingest", default: d.segmentIngest)
        segmentIndex = c.string(forKey: "segment.index", default: d.segmentIndex)
        segmentAcks = c.string(forKey: "segment.acks", default: d.segmentAcks)
        segmentCredit = c.int(forKey: "segment.credit", default: d.segmentCredit)
        indexIntake = c.string(forKey: "index.intake", default: d.indexIntake)
        indexQueries = c.string(forKey: "index.queries", default: d.indexQueries)
        indexEvents = c.string(forKey: "index.events", default: d.indexEvents)
        indexAcks = c.string(forKey: "index.acks", default: d.indexAcks)
        reportClient = c.string(forKey: "report.client", default: d.reportClient)
        httpHost = c.string(forKey: "report.httpHost", default: d.httpHost)
        httpPort = c.int(forKey: "report.httpPort", default: d.httpPort)
        reportIngest = c.string(forKey: "report.ingest", default: d.reportIngest)
        reportIndex = c.string(forKey: "report.index", default: d.reportIndex)
        reportEvents = c.string(forKey: "report.events", default: d.reportEvents)
        requestTimeoutMs = c.int(forKey: "report.timeoutMs", default: d.requestTimeoutMs)
        requestsPerSecond = c.double(forKey: "report.requestsPerSecond", default: d.requestsPerSecond)
        requestBurst = c.int(forKey: "report.requestBurst", default: d.requestBurst)
    }

    /// The log level; `load` has checked it is one of swift-log's names.
    public var logLevelValue: Logger.Level { Logger.Level(rawValue: logLevel.lowercased()) ?? .info }

    /// Throws for a value no service could use, naming the key: today the log level.
    public func validate() throws {
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw SamizdatConfigError(key: "log.level", reason: "'\(logLevel)' is not a log level (\(names))")
        }
    }

    /// Builds the reader from flags, environment and the YAML file, in that order.
    public static func load(
        arguments: [String] = CommandLine.arguments,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> SamizdatConfig {
        var path: String?
        if let i = arguments.firstIndex(of: "--config"), i + 1 < arguments.count { path = arguments[i + 1] }
        if path == nil, let a = arguments.first(where: { $0.hasPrefix("--config=") }) { path = String(a.dropFirst("--config=".count)) }
        path = path ?? environment["SAMIZDAT_CONFIG"]
        var providers: [any ConfigProvider] = [
            CommandLineArgumentsProvider(arguments: arguments),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: ["samizdat"]),
        ]
        let file = path ?? "config/samizdat.yaml"
        if path != nil || FileManager.default.fileExists(atPath: file) {
            providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(file)))
        }
        let config = SamizdatConfig(reader: ConfigReader(providers: providers))
        try config.validate()
        return config
    }
}

/// A configuration value that cannot be used, with its key.
public struct SamizdatConfigError: Error, Equatable, CustomStringConvertible {
    public let key: String
    public let reason: String

    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "\(key): \(reason)" }
}
