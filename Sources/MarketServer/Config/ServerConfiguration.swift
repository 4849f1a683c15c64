import Foundation
import Logging

/// Everything the server needs to start. Built by `ConfigurationLoader` from, in rising
/// precedence, the TOML config file, `MARKETMATE_*` environment variables and flags.
public struct ServerConfiguration: Sendable, Equatable {
    public enum LogFormat: String, Sendable, CaseIterable { case json, text }

    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var dataDirectory: String = ServerConfiguration.defaultDataDirectory()
    /// `nil` keeps an SQLite database in the data directory.
    public var databaseURL: String?
    public var logLevel: Logger.Level = .info
    public var logFormat: LogFormat = .json
    public var maxBodySize: Int = 10 * 1024 * 1024
    /// Origins allowed by CORS, exact matches (`https://shop.example.com`). Empty: no CORS headers.
    public var corsOrigins: [String] = []
    /// Peers whose `X-Forwarded-For` / `X-Forwarded-Proto` headers are believed.
    public var trustedProxies: [String] = []
    /// Where users reach the server; links in mail use it, and `https` turns on HSTS.
    public var publicURL: String?
    public var auth = AuthSettings()
    public var uploads = UploadSettings()
    /// `[mail]`: transport, sender, SMTP server (see `MailSettings`, in Mail/).
    public var mail = MailSettings()
    /// `[commerce]`: tax rates, default shipping rates, idempotency retention (Commerce/).
    public var commerce = CommerceSettings()
    /// `[payments]`: the payment provider and Stripe's secrets (see `PaymentSettings`, in Payments/).
    public var payments = PaymentSettings()
    /// `[rate_limits]`: quotas per route group (see `RateLimitSettings`, in RateLimit/).
    public var rateLimits = RateLimitSettings()
    /// Label for feature-flag environments and logs (`production`, `development`, `test`).
    public var environment: String = "production"
    /// The feature flags file (JSON), watched for edits; nil: database flags only.
    public var flagsFile: String?

    public struct AuthSettings: Sendable, Equatable {
        public var issuer: String = "marketmate"
        public var audience: String = "marketmate-api"
        /// Seconds; the contract caps access tokens at 15 minutes.
        public var accessTokenTTL: Int = 900
        public var refreshTokenTTL: Int = 30 * 24 * 3600
        /// PEM file with an Ed25519 private key; `nil` generates one in the data dir.
        public var signingKeyFile: String?
        /// Concurrent argon2id hashes (each takes 19 MiB): bounds memory under a login flood.
        public var hashConcurrency: Int = 2
        /// argon2id memory cost in KiB; tests lower it, production keeps OWASP's 19 MiB.
        public var argon2MemoryKiB: UInt32 = 19 * 1024
        public var argon2Iterations: UInt32 = 2
        public init() {}
    }

    /// Limits for streamed uploads (`[uploads]`). They are separate from `max_body_size`,
    /// which bounds JSON bodies that are read into memory: uploads go to disk.
    public struct UploadSettings: Sendable, Equatable {
        /// `POST /uploads/products.csv`; 100,000 product rows are about 20 MB.
        public var csvMaxBytes: Int = 64 * 1024 * 1024
        /// One product image (`POST /products/:id/images`).
        public var imageMaxBytes: Int = 10 * 1024 * 1024
        public init() {}
    }

    public init() {}

    public var usesPostgres: Bool {
        guard let url = databaseURL else { return false }
        return url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    public var sqlitePath: String {
        if let url = databaseURL, url.hasPrefix("sqlite://") {
            return String(url.dropFirst("sqlite://".count))
        }
        return (dataDirectory as NSString).appendingPathComponent("marketmate.sqlite")
    }

    public var outboxDirectory: String {
        mail.outboxDirectory ?? (dataDirectory as NSString).appendingPathComponent("outbox")
    }

    /// HSTS only makes sense where the browser reached us over TLS.
    public var servesHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    /// Problems that make the configuration unusable, as sentences.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        if !(1...65535).contains(port) && port != 0 { problems.append("port must be between 1 and 65535 (or 0 for any free port)") }
        if host.isEmpty { problems.append("host must not be empty") }
        if maxBodySize < 1024 { problems.append("max_body_size must be at least 1024 bytes") }
        if let url = databaseURL, !(usesPostgres || url.hasPrefix("sqlite://")) {
            problems.append("database_url must start with postgres://, postgresql:// or sqlite://")
        }
        if uploads.csvMaxBytes < 1024 { problems.append("uploads.csv_max_bytes must be at least 1024 bytes") }
        if uploads.imageMaxBytes < 1024 { problems.append("uploads.image_max_bytes must be at least 1024 bytes") }
        if !(60...900).contains(auth.accessTokenTTL) { problems.append("auth.access_token_ttl must be between 60 and 900 seconds") }
        if auth.refreshTokenTTL < 3600 { problems.append("auth.refresh_token_ttl must be at least 3600 seconds") }
        if !(1...64).contains(auth.hashConcurrency) { problems.append("auth.hash_concurrency must be between 1 and 64") }
        for origin in corsOrigins where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) || origin.hasSuffix("/") {
            problems.append("cors origin '\(origin)' must look like https://host[:port] with no trailing slash")
        }
        problems += mail.validationProblems()
        problems += commerce.validationProblems()
        problems += payments.validationProblems()
        problems += rateLimits.validationProblems()
        return problems
    }

    /// `$XDG_DATA_HOME/marketmate`, else `~/.local/share/marketmate`.
    public static func defaultDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return (xdg as NSString).appendingPathComponent("marketmate")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/marketmate")
    }

    /// `$XDG_CONFIG_HOME/marketmate/server.toml`, else `~/.config/marketmate/server.toml`.
    public static func defaultConfigFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        }
        return (base as NSString).appendingPathComponent("marketmate/server.toml")
    }
}
