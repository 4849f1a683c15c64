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
///
/// Browsing reads go to separate read-only work: on SQLite two more connections (WAL lets
/// them read beside the writer, one per core) and one more for tiny lookups such as the
/// catalog version, so a cheap request never queues behind a slow search. On PostgreSQL
/// the pool already has many connections and all three are the same.
public final class DatabaseSetup: Sendable {
    public let databases: Databases
    public let engine: DatabaseEngine
    private let readers: Databases?
    private let quick: Databases?
    private let ownedGroups: [MultiThreadedEventLoopGroup]
    /// SQLite: the writer's event loop as a task executor, for write transactions that
    /// want their code between statements run where the statements' answers arrive
    /// (`EventLoopTaskExecutor`). Nil on PostgreSQL (a pool of connections on many loops).
    public let writerExecutor: (any TaskExecutor)?
    private let ownedPools: [NIOThreadPool]

    public init(configuration: ServerConfiguration, logger: Logger) throws {
        if configuration.usesPostgres, let url = configuration.databaseURL {
            let group = MultiThreadedEventLoopGroup.singleton
            databases = Databases(threadPool: .singleton, on: group)
            databases.use(
                try .postgres(url: url, maxConnectionsPerEventLoop: 8, connectionPoolTimeout: .seconds(10), sqlLogLevel: .trace),
                as: .psql
            )
            engine = .postgres
            readers = nil
            quick = nil
            ownedGroups = []
            ownedPools = []
            writerExecutor = nil
        } else {
            let path = configuration.sqlitePath
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            func open(threads: Int, pool: NIOThreadPool = .singleton) -> (Databases, MultiThreadedEventLoopGroup) {
                let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
                let databases = Databases(threadPool: pool, on: group)
                // Writers queue for the one connection by design, so a burst waits rather than
                // failing after the default 10 s.
                databases.use(
                    .sqlite(.init(storage: .file(path: path), enableForeignKeys: true), connectionPoolTimeout: .seconds(60), sqlLogLevel: .trace),
                    as: .sqlite)
                databases.default(to: .sqlite)
                return (databases, group)
            }
            // The writer's SQLite calls get a thread of their own: on the shared pool (one
            // thread per core) each statement of a write transaction queued behind readers'
            // work while the transaction held the only writer.
            let writerPool = NIOThreadPool(numberOfThreads: 1)
            writerPool.start()
            let (primary, primaryGroup) = open(threads: 1, pool: writerPool)
            let (readers, readerGroup) = open(threads: 2)
            let (quick, quickGroup) = open(threads: 1)
            databases = primary
            self.readers = readers
            self.quick = quick
            engine = .sqlite
            ownedGroups = [primaryGroup, readerGroup, quickGroup]
            ownedPools = [writerPool]
            writerExecutor = EventLoopTaskExecutor(primaryGroup.next())
        }
        databases.default(to: engine == .postgres ? .psql : .sqlite)
    }

    public func database(logger: Logger) -> any Database {
        databases.database(logger: logger, on: databases.eventLoopGroup.any())!
    }

    /// For reads outside transactions that may take a while (browsing, search).
    public func readDatabase(logger: Logger) -> any Database {
        guard let readers else { return database(logger: logger) }
        return readers.database(logger: logger, on: readers.eventLoopGroup.any())!
    }

    /// For reads that take microseconds and must not wait behind slow ones.
    public func quickDatabase(logger: Logger) -> any Database {
        guard let quick else { return database(logger: logger) }
        return quick.database(logger: logger, on: quick.eventLoopGroup.any())!
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
        await readers?.shutdownAsync()
        await quick?.shutdownAsync()
        await databases.shutdownAsync()
        for group in ownedGroups { try? await group.shutdownGracefully() }
        for pool in ownedPools { try? await pool.shutdownGracefully() }
    }
}

struct CountRow: Decodable { let n: Int }
