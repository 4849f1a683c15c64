import Foundation
import Testing
@testable import MarketServer

@Suite("Configuration")
struct ConfigurationLoaderTests {
    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mm-config-\(UUID().uuidString).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("defaults follow the contract")
    func defaults() throws {
        let config = try ConfigurationLoader.load(environment: ["HOME": "/home/u"])
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.dataDirectory == "/home/u/.local/share/marketmate")
        #expect(config.databaseURL == nil)
        #expect(config.sqlitePath == "/home/u/.local/share/marketmate/marketmate.sqlite")
        #expect(config.maxBodySize == 10 * 1024 * 1024)
        #expect(config.auth.accessTokenTTL == 900)
        #expect(config.auth.argon2MemoryKiB == 19 * 1024 && config.auth.argon2Iterations == 2)
        #expect(config.corsOrigins.isEmpty)
        let xdg = try ConfigurationLoader.load(environment: ["HOME": "/home/u", "XDG_DATA_HOME": "/data"])
        #expect(xdg.dataDirectory == "/data/marketmate")
    }

    @Test("file < environment < flags")
    func precedence() throws {
        let file = try write("""
            host = "0.0.0.0"
            port = 9000
            data_dir = "/from/file"
            cors_origins = ["https://a.example"]
            [auth]
            hash_concurrency = 3
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let fileOnly = try ConfigurationLoader.load(environment: ["HOME": "/h", "MARKETMATE_CONFIG": file])
        #expect(fileOnly.host == "0.0.0.0" && fileOnly.port == 9000 && fileOnly.dataDirectory == "/from/file")
        #expect(fileOnly.corsOrigins == ["https://a.example"] && fileOnly.auth.hashConcurrency == 3)

        let env = ["HOME": "/h", "MARKETMATE_CONFIG": file, "MARKETMATE_PORT": "9100", "MARKETMATE_CORS_ORIGINS": "https://b.example, https://c.example",
                   "MARKETMATE_DATABASE_URL": "postgres://u@127.0.0.1:5432/db"]
        let withEnv = try ConfigurationLoader.load(environment: env)
        #expect(withEnv.port == 9100 && withEnv.host == "0.0.0.0")
        #expect(withEnv.corsOrigins == ["https://b.example", "https://c.example"])
        #expect(withEnv.usesPostgres)

        var flags = ConfigurationOverrides()
        flags.port = 9200
        flags.dataDirectory = "/from/flag"
        let withFlags = try ConfigurationLoader.load(overrides: flags, environment: env)
        #expect(withFlags.port == 9200 && withFlags.dataDirectory == "/from/flag" && withFlags.host == "0.0.0.0")
    }

    @Test("a broken file is reported with its path, line and column")
    func brokenFile() throws {
        let file = try write("host = \"x\"\nport = = 3\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        var flags = ConfigurationOverrides()
        flags.configFile = file
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(overrides: flags, environment: ["HOME": "/h"]) }
        #expect(error.description.hasPrefix("\(file): line 2, column"))
    }

    @Test("unknown keys, wrong types and bad values are refused", arguments: [
        ("prot = 80\n", "unknown key 'prot'"),
        ("port = \"80\"\n", "'port' must be an integer"),
        ("[auth]\nttl = 3\n", "unknown key 'auth.ttl'"),
        ("log_level = \"loud\"\n", "unknown log level"),
        ("port = 70000\n", "port must be between"),
        ("database_url = \"mysql://x\"\n", "database_url must start with"),
        ("cors_origins = [\"https://x.example/\"]\n", "no trailing slash"),
        ("[auth]\naccess_token_ttl = 3600\n", "access_token_ttl must be between 60 and 900"),
    ])
    func badValues(text: String, expected: String) throws {
        let file = try write(text)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(environment: ["HOME": "/h", "MARKETMATE_CONFIG": file]) }
        #expect(error.description.contains(expected), "\(error.description)")
    }

    @Test("a missing explicit file is an error; a missing default file is not")
    func missingFile() throws {
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(environment: ["HOME": "/h", "MARKETMATE_CONFIG": "/nonexistent/x.toml"]) }
        #expect(throws: Never.self) { try ConfigurationLoader.load(environment: ["HOME": "/nonexistent-home"]) }
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(environment: ["HOME": "/h", "MARKETMATE_PORT": "eighty"]) }
    }
}
