// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Samizdat",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "samizdat", targets: ["SamizdatCLI"]),
        .executable(name: "samizdat-ingest", targets: ["IngestService"]),
        .executable(name: "samizdat-segment", targets: ["SegmentService"]),
        .executable(name: "samizdat-index", targets: ["IndexService"]),
        .executable(name: "samizdat-report", targets: ["ReportService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML", "CommandLineArguments"]),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], swiftSettings: strict),
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "SamizdatExtract",
            dependencies: ["CPoppler", "CLibXML2", "SamizdatModel", "SamizdatText", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        .target(
            name: "SamizdatModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(name: "SamizdatText", dependencies: ["SamizdatModel"], swiftSettings: strict),
        .target(
            name: "SamizdatIndex",
            dependencies: ["SamizdatModel", "SamizdatText", "SamizdatReports", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(name: "SamizdatReports", dependencies: ["SamizdatModel"], swiftSettings: strict),
        .target(
            name: "SamizdatDelivery",
            dependencies: ["SamizdatModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "SamizdatCorpus",
            dependencies: ["SamizdatModel", "SamizdatText", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        .target(
            name: "SamizdatService",
            dependencies: [
                "ZeroMQ", "SamizdatModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "IngestService",
            dependencies: [
                "SamizdatService", "SamizdatModel", "SamizdatText", "SamizdatExtract", "SamizdatDelivery", "ZeroMQ",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "SegmentService",
            dependencies: [
                "SamizdatService", "SamizdatModel", "SamizdatText", "SamizdatExtract", "ZeroMQ",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "IndexService",
            dependencies: [
                "SamizdatService", "SamizdatModel", "SamizdatIndex", "SamizdatReports", "ZeroMQ",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ReportHTTP",
            dependencies: [
                "SamizdatModel", "SamizdatReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ReportService",
            dependencies: [
                "SamizdatService", "SamizdatModel", "SamizdatReports", "ReportHTTP", "ZeroMQ",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "SamizdatCLI",
            dependencies: [
                "SamizdatService", "SamizdatModel", "SamizdatText", "SamizdatExtract", "SamizdatIndex", "SamizdatReports", "SamizdatCorpus",
                "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"], swiftSettings: strict),
        .testTarget(name: "SamizdatModelTests", dependencies: ["SamizdatModel"], swiftSettings: strict),
        .testTarget(
            name: "SamizdatTextTests",
            dependencies: ["SamizdatText", "SamizdatCorpus"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(name: "SamizdatIndexTests", dependencies: ["SamizdatIndex", "SamizdatText"], swiftSettings: strict),
        .testTarget(name: "SamizdatCorpusTests", dependencies: ["SamizdatCorpus"], swiftSettings: strict),
        .testTarget(
            name: "SamizdatExtractTests",
            dependencies: ["SamizdatExtract", "SamizdatText", "SamizdatModel", "SamizdatCorpus"],
            swiftSettings: strict
        ),
        .testTarget(name: "SamizdatReportsTests", dependencies: ["SamizdatReports"], swiftSettings: strict),
        .testTarget(
            name: "SamizdatDeliveryTests",
            dependencies: ["SamizdatDelivery", "SamizdatModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ReportHTTPTests",
            dependencies: ["ReportHTTP", "SamizdatModel", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SamizdatServiceTests",
            dependencies: ["SamizdatService", "ZeroMQ", .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: strict
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["SamizdatModel", "SamizdatService", "ZeroMQ"], swiftSettings: strict),
    ]
)
