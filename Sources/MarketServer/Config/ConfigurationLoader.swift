import Foundation
import TOML
import Logging

/// Values given on the command line; `nil` means "not given", so lower layers show through.
public struct ConfigurationOverrides: Sendable, Equatable {
    public var configFile: String?
    public var host: String?
    public var port: Int?
    public var dataDirectory: String?
    public var databaseURL: String?
    public var logLevel: String?
    public var logFormat: String?
    public var maxBodySize: Int?
    public var corsOrigins: [String]?
    public var trustedProxies: [String]?
    public var publicURL: String?
    public var signingKeyFile: String?
    public var flagsFile: String?
    public init() {}
}

public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Layers the config file, the environment and flags, later wins.
public enum ConfigurationLoader {
    public static func load(
        overrides: ConfigurationOverrides = .init(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> ServerConfiguration {
        var config = ServerConfiguration()
        config.dataDirectory = ServerConfiguration.defaultDataDirectory(environment: environment)

        // 1. The file: an explicit one must exist; the default one is optional.
        let explicitFile = overrides.configFile ?? environment["MARKETMATE_CONFIG"]
        let file = explicitFile ?? ServerConfiguration.defaultConfigFile(environment: environment)
        if FileManager.default.fileExists(atPath: file) {
            try applyFile(file, to: &config)
        } else if explicitFile != nil {
            throw ConfigurationError("\(file): config file not found")
        }

        // 2. The environment.
        try applyEnvironment(environment, to: &config)

        // 3. Flags.
        if let v = overrides.host { config.host = v }
        if let v = overrides.port { config.port = v }
        if let v = overrides.dataDirectory { config.dataDirectory = v }
        if let v = overrides.databaseURL { config.databaseURL = v.isEmpty ? nil : v }
        if let v = overrides.logLevel { config.logLevel = try parseLevel(v, source: "--log-level") }
        if let v = overrides.logFormat { config.logFormat = try parseFormat(v, source: "--log-format") }
        if let v = overrides.maxBodySize { config.maxBodySize = v }
        if let v = overrides.corsOrigins, !v.isEmpty { config.corsOrigins = v }
        if let v = overrides.trustedProxies, !v.isEmpty { config.trustedProxies = v }
        if let v = overrides.publicURL { config.publicURL = v }
        if let v = overrides.signingKeyFile { config.auth.signingKeyFile = v }
        if let v = overrides.flagsFile { config.flagsFile = v.isEmpty ? nil : v }

        let problems = config.validationProblems()
        if !problems.isEmpty {
            throw ConfigurationError("invalid configuration: " + problems.joined(separator: "; "))
        }
        return config
    }

    static func applyFile(_ path: String, to config: inout ServerConfiguration) throws(ConfigurationError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError("\(path): cannot read the config file (\(error.localizedDescription))")
        }
        let table: [String: TOMLValue]
        do {
            table = try TOMLParser.parse(text)
        } catch {
            throw ConfigurationError("\(path): \(error.description)")
        }
        do {
            try apply(table: table, to: &config)
        } catch {
            throw ConfigurationError("\(path): \(error.description)")
        }
    }

    /// Applies a parsed file; unknown keys are errors so typos do not pass silently.
    static func apply(table: [String: TOMLValue], to config: inout ServerConfiguration) throws(ConfigurationError) {
        for (key, value) in table {
            switch key {
            case "host": config.host = try string(value, key)
            case "port": config.port = try int(value, key)
            case "data_dir": config.dataDirectory = try string(value, key)
            case "database_url": config.databaseURL = try string(value, key)
            case "log_level": config.logLevel = try parseLevel(try string(value, key), source: key)
            case "log_format": config.logFormat = try parseFormat(try string(value, key), source: key)
            case "max_body_size": config.maxBodySize = try int(value, key)
            case "cors_origins": config.corsOrigins = try strings(value, key)
            case "trusted_proxies": config.trustedProxies = try strings(value, key)
            case "public_url": config.publicURL = try string(value, key)
            case "environment": config.environment = try string(value, key)
            case "flags_file": config.flagsFile = try string(value, key)
            case "auth":
                guard let auth = value.tableValue else { throw ConfigurationError("'auth' must be a table") }
                for (authKey, authValue) in auth {
                    let name = "auth.\(authKey)"
                    switch authKey {
                    case "issuer": config.auth.issuer = try string(authValue, name)
                    case "audience": config.auth.audience = try string(authValue, name)
                    case "access_token_ttl": config.auth.accessTokenTTL = try int(authValue, name)
                    case "refresh_token_ttl": config.auth.refreshTokenTTL = try int(authValue, name)
                    case "signing_key_file": config.auth.signingKeyFile = try string(authValue, name)
                    case "hash_concurrency": config.auth.hashConcurrency = try int(authValue, name)
                    default: throw ConfigurationError("unknown key '\(name)'")
                    }
                }
            case "uploads":
                guard let uploads = value.tableValue else { throw ConfigurationError("'uploads' must be a table") }
                for (uploadKey, uploadValue) in uploads {
                    let name = "uploads.\(uploadKey)"
                    switch uploadKey {
                    case "csv_max_bytes": config.uploads.csvMaxBytes = try int(uploadValue, name)
                    case "image_max_bytes": config.uploads.imageMaxBytes = try int(uploadValue, name)
                    default: throw ConfigurationError("unknown key '\(name)'")
                    }
                }
            case "mail": try applyMail(value, to: &config)
            case "commerce": try applyCommerce(value, to: &config)
            case "payments": try applyPayments(value, to: &config)
            case "rate_limits": try applyRateLimits(value, to: &config)
            default:
                throw ConfigurationError("unknown key '\(key)'")
            }
        }
    }

    static func applyEnvironment(_ env: [String: String], to config: inout ServerConfiguration) throws(ConfigurationError) {
        func value(_ name: String) -> String? { environmentValue(env, name) }
        func integer(_ name: String) throws(ConfigurationError) -> Int? { try environmentInteger(env, name) }
        func list(_ name: String) -> [String]? {
            value(name).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }
        if let v = value("MARKETMATE_HOST") { config.host = v }
        if let v = try integer("MARKETMATE_PORT") { config.port = v }
        if let v = value("MARKETMATE_DATA_DIR") { config.dataDirectory = v }
        if let v = value("MARKETMATE_DATABASE_URL") { config.databaseURL = v }
        if let v = value("MARKETMATE_LOG_LEVEL") { config.logLevel = try parseLevel(v, source: "MARKETMATE_LOG_LEVEL") }
        if let v = value("MARKETMATE_LOG_FORMAT") { config.logFormat = try parseFormat(v, source: "MARKETMATE_LOG_FORMAT") }
        if let v = try integer("MARKETMATE_MAX_BODY_SIZE") { config.maxBodySize = v }
        if let v = try integer("MARKETMATE_UPLOADS_CSV_MAX_BYTES") { config.uploads.csvMaxBytes = v }
        if let v = try integer("MARKETMATE_UPLOADS_IMAGE_MAX_BYTES") { config.uploads.imageMaxBytes = v }
        if let v = list("MARKETMATE_CORS_ORIGINS") { config.corsOrigins = v }
        if let v = list("MARKETMATE_TRUSTED_PROXIES") { config.trustedProxies = v }
        if let v = value("MARKETMATE_PUBLIC_URL") { config.publicURL = v }
        if let v = value("MARKETMATE_ENVIRONMENT") { config.environment = v }
        if let v = value("MARKETMATE_FLAGS_FILE") { config.flagsFile = v }
        if let v = value("MARKETMATE_JWT_ISSUER") { config.auth.issuer = v }
        if let v = value("MARKETMATE_JWT_AUDIENCE") { config.auth.audience = v }
        if let v = value("MARKETMATE_SIGNING_KEY_FILE") { config.auth.signingKeyFile = v }
        if let v = try integer("MARKETMATE_ACCESS_TOKEN_TTL") { config.auth.accessTokenTTL = v }
        if let v = try integer("MARKETMATE_REFRESH_TOKEN_TTL") { config.auth.refreshTokenTTL = v }
        if let v = try integer("MARKETMATE_HASH_CONCURRENCY") { config.auth.hashConcurrency = v }
        try applyMailEnvironment(env, to: &config)
        try applyCommerceEnvironment(env, to: &config)
        try applyPaymentsEnvironment(env, to: &config)
        try applyRateLimitsEnvironment(env, to: &config)
    }

    /// A variable's value; set but empty counts as unset.
    static func environmentValue(_ env: [String: String], _ name: String) -> String? {
        guard let v = env[name], !v.isEmpty else { return nil }
        return v
    }

    static func environmentInteger(_ env: [String: String], _ name: String) throws(ConfigurationError) -> Int? {
        guard let raw = environmentValue(env, name) else { return nil }
        guard let v = Int(raw) else { throw ConfigurationError("\(name) must be an integer, got '\(raw)'") }
        return v
    }

    /// One of a setting's named choices, case-insensitively; the error lists them all.
    static func choice<Choice: RawRepresentable & CaseIterable>(_ raw: String, source: String, what: String) throws(ConfigurationError) -> Choice
    where Choice.RawValue == String {
        guard let choice = Choice(rawValue: raw.lowercased()) else {
            throw ConfigurationError("\(source): unknown \(what) '\(raw)' (\(Choice.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return choice
    }

    static func string(_ value: TOMLValue, _ key: String) throws(ConfigurationError) -> String {
        guard let s = value.stringValue else { throw ConfigurationError("'\(key)' must be a string") }
        return s
    }

    static func int(_ value: TOMLValue, _ key: String) throws(ConfigurationError) -> Int {
        guard let i = value.intValue, let v = Int(exactly: i) else { throw ConfigurationError("'\(key)' must be an integer") }
        return v
    }

    private static func strings(_ value: TOMLValue, _ key: String) throws(ConfigurationError) -> [String] {
        guard let items = value.arrayValue else { throw ConfigurationError("'\(key)' must be an array of strings") }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw ConfigurationError("'\(key)' must be an array of strings") }
            out.append(s)
        }
        return out
    }

    static func parseLevel(_ raw: String, source: String) throws(ConfigurationError) -> Logger.Level {
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            throw ConfigurationError("\(source): unknown log level '\(raw)' (trace, debug, info, notice, warning, error, critical)")
        }
        return level
    }

    static func parseFormat(_ raw: String, source: String) throws(ConfigurationError) -> ServerConfiguration.LogFormat {
        guard let format = ServerConfiguration.LogFormat(rawValue: raw.lowercased()) else {
            throw ConfigurationError("\(source): unknown log format '\(raw)' (json, text)")
        }
        return format
    }
}
