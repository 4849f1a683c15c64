import FluentKit
import Foundation
import SQLKit
import Testing
@testable import MarketServer

@Suite("Storage")
struct StorageTests {
    struct Mode: Decodable { let journal_mode: String }
    struct Flag: Decodable { let foreign_keys: Int }

    @Test("SQLite runs in WAL mode with foreign keys on")
    func sqlitePragmas() async throws {
        try await TestApp.run(.sqlite) { app, _ in
            let sql = try #require(app.environment.database as? any SQLDatabase)
            #expect(try await sql.raw("PRAGMA journal_mode").first(decoding: Mode.self)?.journal_mode == "wal")
            #expect(try await sql.raw("PRAGMA foreign_keys").first(decoding: Flag.self)?.foreign_keys == 1)
            #expect(FileManager.default.fileExists(atPath: app.environment.configuration.sqlitePath))
        }
    }

    @Test("restarting on the same data keeps accounts, sessions and the signing key")
    func restart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-restart-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var config = ServerConfiguration()
        config.dataDirectory = directory
        config.logLevel = .error
        var overrides = AppOverrides()
        overrides.passwordParameters = .init(memoryKiB: 1024, iterations: 1)
        let logger = { var l = Logger(label: "t"); l.logLevel = .error; return l }()

        let first = try await AppEnvironment.bootstrap(configuration: config, overrides: overrides, logger: logger)
        let user = try await first.auth.provisionUser(email: "keep@example.com", password: "keep password", name: "K", role: .vendor)
        let token = try await first.auth.tokens.issue(userID: user.id, role: .vendor, tokenVersion: 0)
        await first.shutdown()

        let keyPath = (directory as NSString).appendingPathComponent("jwt-signing-key.pem")
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // Migrations are idempotent and the same key verifies the old token.
        let second = try await AppEnvironment.bootstrap(configuration: config, overrides: overrides, logger: logger)
        let principal = try await second.auth.authenticate(accessToken: token)
        #expect(principal.userID == user.id && principal.role == .vendor)
        #expect(await second.storage.isReady(logger: logger))
        await second.shutdown()
    }

    @Test("a configured signing key file is used; a broken one stops the start")
    func configuredKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-key-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = { var l = Logger(label: "t"); l.logLevel = .error; return l }()
        let generated = try SigningKeyStore.loadOrCreate(configuredFile: nil, dataDirectory: directory, logger: logger)
        let again = try SigningKeyStore.loadOrCreate(configuredFile: (directory as NSString).appendingPathComponent("jwt-signing-key.pem"), dataDirectory: "/nonexistent", logger: logger)
        #expect(generated.publicKey == again.publicKey)
        let broken = (directory as NSString).appendingPathComponent("broken.pem")
        try "not a key".write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(throws: SigningKeyStore.KeyError.self) { try SigningKeyStore.loadOrCreate(configuredFile: broken, dataDirectory: directory, logger: logger) }
    }
}

import Logging
