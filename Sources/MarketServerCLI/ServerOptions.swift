import ArgumentParser
import Logging
import MarketServer

/// Options every server command shares. Each has a `MARKETMATE_*` twin and a config file
/// key; flags win over the environment, which wins over the file.
public struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Config file (TOML).", discussion: "Default: $XDG_CONFIG_HOME/marketmate/server.toml if it exists. Env: MARKETMATE_CONFIG.", valueName: "file"))
    public var config: String?

    @Option(help: ArgumentHelp("Address to listen on (default 127.0.0.1). Env: MARKETMATE_HOST.", valueName: "address"))
    public var host: String?

    @Option(help: ArgumentHelp("Port to listen on (default 8080; 0 picks a free one). Env: MARKETMATE_PORT.", valueName: "port"))
    public var port: Int?

    @Option(help: ArgumentHelp("Data directory (default $XDG_DATA_HOME/marketmate). Env: MARKETMATE_DATA_DIR.", valueName: "dir"))
    public var dataDir: String?

    @Option(help: ArgumentHelp("postgres://user:pass@host:port/db or sqlite://path (default: SQLite in the data dir). Env: MARKETMATE_DATABASE_URL.", valueName: "url"))
    public var databaseURL: String?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default info). Env: MARKETMATE_LOG_LEVEL.", valueName: "level"))
    public var logLevel: String?

    @Option(help: ArgumentHelp("json or text (default json). Env: MARKETMATE_LOG_FORMAT.", valueName: "format"))
    public var logFormat: String?

    @Option(help: ArgumentHelp("Largest request body in bytes (default 10485760). Env: MARKETMATE_MAX_BODY_SIZE.", valueName: "bytes"))
    public var maxBodySize: Int?

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp("An origin allowed by CORS; repeatable. Env: MARKETMATE_CORS_ORIGINS (comma-separated).", valueName: "origin"))
    public var corsOrigins: [String] = []

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp("A proxy IP whose X-Forwarded-* headers are believed; repeatable. Env: MARKETMATE_TRUSTED_PROXIES.", valueName: "ip"))
    public var trustedProxies: [String] = []

    @Option(help: ArgumentHelp("The URL users reach the server at; https turns on HSTS. Env: MARKETMATE_PUBLIC_URL.", valueName: "url"))
    public var publicURL: String?

    @Option(help: ArgumentHelp("Ed25519 private key (PEM) that signs access tokens (default: generated in the data dir). Env: MARKETMATE_SIGNING_KEY_FILE.", valueName: "file"))
    public var signingKeyFile: String?

    @Option(help: ArgumentHelp("Feature flags file (JSON, {\"flags\": {key: definition}}), watched for edits. Env: MARKETMATE_FLAGS_FILE.", valueName: "file"))
    public var flagsFile: String?

    public init() {}

    var overrides: ConfigurationOverrides {
        var o = ConfigurationOverrides()
        o.configFile = config
        o.host = host
        o.port = port
        o.dataDirectory = dataDir
        o.databaseURL = databaseURL
        o.logLevel = logLevel
        o.logFormat = logFormat
        o.maxBodySize = maxBodySize
        o.corsOrigins = corsOrigins
        o.trustedProxies = trustedProxies
        o.publicURL = publicURL
        o.signingKeyFile = signingKeyFile
        o.flagsFile = flagsFile
        return o
    }

    /// The layered configuration, with logging set up; a bad config is a one-line error.
    func loadConfiguration() throws -> ServerConfiguration {
        let configuration: ServerConfiguration
        do {
            configuration = try ConfigurationLoader.load(overrides: overrides)
        } catch {
            throw ValidationError(error.description)
        }
        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        return configuration
    }
}
