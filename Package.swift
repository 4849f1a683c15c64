// swift-tools-version: 6.1
import PackageDescription

// Swift 6 language mode everywhere; strict concurrency is part of it.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "MarketMate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "marketmate-server", targets: ["marketmate-server"]),
        .executable(name: "marketmate", targets: ["marketmate"]),
        .executable(name: "marketmate-admin", targets: ["marketmate-admin"]),
        .library(name: "MarketModels", targets: ["MarketModels"]),
        .library(name: "MarketClient", targets: ["MarketClient"]),
        .library(name: "MarketServer", targets: ["MarketServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        // Test-only: the fake SMTP server's STARTTLS (MarketServerTests).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.32.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.1.0"),
    ],
    targets: [
        // Domain and wire types shared by server and clients: Foundation only.
        .target(name: "MarketModels", swiftSettings: swiftSettings),

        // A TOML 1.0 parser (pure Swift): server config, client config and theme files.
        .target(name: "TOML", swiftSettings: swiftSettings),

        // Debian's libargon2 (libargon2-dev), for argon2id password hashes.
        .systemLibrary(
            name: "CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        // Debian's libcurl (libcurl4-openssl-dev), for SMTP mail and Stripe's HTTP API; a shim
        // header gives the variadic curl_easy_setopt typed, non-variadic wrappers.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // Debian's libvips (libvips-dev), for product image thumbnails, through a shim header
        // of non-variadic wrappers (Swift cannot call C variadic functions).
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        // Debian's cairo, pango and fontconfig for PDF invoices: cairo's PDF surface,
        // pango's text layout with fontconfig's per-character font fallback.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libfontconfig-dev"])]
        ),

        .target(
            name: "MarketServer",
            dependencies: [
                "MarketModels",
                "TOML",
                "CArgon2",
                "CVips",
                "CCurl",
                "CPangoCairo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "MarketClient", dependencies: ["MarketModels"], swiftSettings: swiftSettings),

        // Debian's ncurses (libncurses-dev), wide-character API through a shim header.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The terminal UI toolkit: no MarketMate knowledge in it.
        .target(name: "TerminalKit", dependencies: ["CNcurses", "TOML"], swiftSettings: swiftSettings),

        // The screens and their state machines, shared by `marketmate` and `marketmate-admin`.
        .target(name: "MarketTUI", dependencies: ["MarketClient", "TerminalKit", "TOML"], swiftSettings: swiftSettings),

        // The server's command line (serve, seed, create-admin, migrate), kept in a
        // library so tests can parse flags and run commands in process.
        .target(
            name: "MarketServerCLI",
            dependencies: [
                "MarketServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "marketmate-server",
            dependencies: ["MarketServerCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "marketmate",
            dependencies: ["MarketTUI", "MarketServerCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "marketmate-admin",
            dependencies: ["MarketTUI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // The terminal benchmark (scripts/bench-tui runs it): frame time and bytes written.
        .executableTarget(
            name: "marketmate-tui-bench",
            dependencies: ["MarketTUI", "TerminalKit", "MarketClient", "MarketModels"],
            path: "Benchmarks/TUIBench",
            swiftSettings: swiftSettings
        ),
        // The job queue benchmark (scripts/bench-jobs runs it): no-op jobs/s and pick-up latency.
        .executableTarget(
            name: "marketmate-jobs-bench",
            dependencies: [
                "MarketServer",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/JobsBench",
            swiftSettings: swiftSettings
        ),
        // The rate limiter benchmark (scripts/bench-limits runs it): one GCRA decision in process.
        .executableTarget(
            name: "marketmate-limits-bench",
            dependencies: ["MarketServer"],
            path: "Benchmarks/LimitsBench",
            swiftSettings: swiftSettings
        ),

        // The feature flag benchmark (scripts/bench-flags runs it): ns per evaluation, five rules.
        .executableTarget(
            name: "marketmate-flags-bench",
            dependencies: ["MarketModels"],
            path: "Benchmarks/FlagsBench",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "MarketModelsTests", dependencies: ["MarketModels"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MarketServerTests",
            dependencies: [
                "MarketServer",
                "MarketServerCLI",
                "TOML",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // Client tests talk to a real server started in process on a loopback port.
        .testTarget(
            name: "MarketClientTests",
            dependencies: ["MarketClient", "MarketServer", "MarketServerCLI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MarketTUITests",
            dependencies: ["MarketTUI", "TerminalKit", "MarketServer", "MarketServerCLI"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
