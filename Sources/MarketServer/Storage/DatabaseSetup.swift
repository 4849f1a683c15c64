import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Which engine a database runs on; a few queries differ (advisory locks, upserts).
public enum DatabaseEngine: String, Sendable {
    case sqlite, postgres
}

/// Opens the configured database, applies engine settings and runs migrations.
///
/// SQLite runs on one event loop, hence one connection: SQLite serialises writers anyway,
/// and a single connection means no `SQLITE_BUSY` upgrades between our own transactions
/// (two deferred transactions that both read then write would otherwise fail). Other
/// processes (the CLI while a server runs) wait on the busy timeout.
public final class DatabaseSetup: Sendable {
    public let databases: Databases
    public let engine: DatabaseEngine
    private let ownedGroup: MultiThreadedEventLoopGroup?

    public init(configuration: ServerConfiguration, logger: Logger) throws {
        if configuration.usesPostgres, let url = configuration.databaseURL {
            let group = MultiThreadedEventLoopGroup.singleton
            databases = Databases(threadPool: .singleton, on: group)
            databases.use(
                try .postgres(url: url, maxConnectionsPerEventLoop: 8, connectionPoolTimeout: .seconds(10), sqlLogLevel: .trace),
                as: .psql
            )
            engine = .postgres
            ownedGroup = nil
        } else {
            let path = configuration.sqlitePath
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            databases = Databases(threadPool: .singleton, on: group)
            databases.use(.sqlite(.init(storage: .file(path: path), enableForeignKeys: true), sqlLogLevel: .trace), as: .sqlite)
            engine = .sqlite
            ownedGroup = group
        }
        databases.default(to: engine == .postgres ? .psql : .sqlite)
    }

    public func database(logger: Logger) -> any Database {
        databases.database(logger: logger, on: databases.eventLoopGroup.any())!
    }

    /// Engine settings, then pending migrations. Safe to call on every start.
    public func prepare(logger: Logger) async throws {
        let db = database(logger: logger)
        if engine == .sqlite, let sql = db as? any SQLDatabase {
            // WAL lets readers in other processes run beside our writer; the busy timeout
            // makes a second process wait instead of failing; NORMAL is durable in WAL mode.
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            try await sql.raw("PRAGMA synchronous = NORMAL").run()
            try await sql.raw("PRAGMA busy_timeout = 5000").run()
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
        let migrations = Migrations()
        Schema.register(on: migrations)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: databases.eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// `/ready`: the database answers and no migration is pending.
    public func isReady(logger: Logger) async -> Bool {
        do {
            let db = database(logger: logger)
            guard let sql = db as? any SQLDatabase else { return false }
            try await sql.raw("SELECT 1").run()
            let applied = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first(decoding: CountRow.self)?.n ?? 0
            return applied >= Schema.migrationCount
        } catch {
            return false
        }
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        try? await ownedGroup?.shutdownGracefully()
    }
}

struct CountRow: Decodable { let n: Int }
