import FluentKit
import Foundation
import Logging
import MarketModels
import NIOConcurrencyHelpers
import SQLKit

/// The durable job queue: jobs are rows in `jobs`, written in the caller's transaction
/// and claimed by `JobWorker`s with leases. Raw SQL throughout: claiming needs
/// `FOR UPDATE SKIP LOCKED` and `RETURNING`, which FluentKit's query builder lacks.
public final class JobQueue: Sendable {
    static let table = "jobs"

    public let engine: DatabaseEngine
    public let clock: any AppClock
    public let registry: JobRegistry
    let database: @Sendable () -> any Database
    /// Uniform in [0, 1); injected so tests can pin backoff jitter.
    let random: @Sendable () -> Double
    private let listeners = NIOLockedValueBox<[ObjectIdentifier: JobDoorbell]>([:])

    public init(
        engine: DatabaseEngine, clock: any AppClock, registry: JobRegistry,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        database: @escaping @Sendable () -> any Database
    ) {
        self.engine = engine
        self.clock = clock
        self.registry = registry
        self.random = random
        self.database = database
    }

    /// Adds a job. Pass the database of the transaction that makes the business write, so
    /// the job exists exactly when that write commits. With a unique key, an unfinished job
    /// holding the key is returned instead of a new one.
    @discardableResult
    public func enqueue(
        _ type: String, payload: some Encodable, options: JobOptions = .init(), on database: any Database
    ) async throws -> JobRecord {
        let payloadText = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        return try await enqueue(type, payloadJSON: payloadText, options: options, on: database)
    }

    @discardableResult
    func enqueue(_ type: String, payloadJSON payloadText: String, options: JobOptions, on database: any Database) async throws -> JobRecord {
        guard let sql = database as? any SQLDatabase else { throw JobQueueError.notSQL }
        let settings = registry.settings(for: type)
        let now = clock.now()
        let runAt = options.runAt ?? now.addingTimeInterval(options.delay ?? 0)
        let id = "job_\(ULIDGenerator.shared.next(at: now))"
        // The unique key's partial index (unfinished jobs only) is the check: DO NOTHING when
        // an unfinished job holds the key, earlier or concurrently, and that job is read
        // below (on PostgreSQL after the concurrent one commits). No read first: most keys
        // are new (a checkout's settle job, an order's invoice).
        let insert: SQLQueryString = """
            INSERT INTO jobs (id, type, payload, state, priority, attempts, max_attempts, run_at, unique_key, created_at, updated_at)
            VALUES (\(bind: id), \(bind: type), \(bind: payloadText), 'pending', \(bind: options.priority ?? settings.priority), 0,
                    \(bind: max(1, options.maxAttempts ?? settings.maxAttempts)), \(bind: runAt), \(bind: options.uniqueKey), \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING
            RETURNING *
            """
        // On PostgreSQL the NOTIFY rides in the same statement (one round trip), and only
        // when a row was inserted.
        let inserted = try await sql.raw(engine == .postgres
            ? "WITH inserted AS (\(insert)) SELECT inserted.*, \(JobNotifications.notifyExpression(type: "inserted.type")) AS notified FROM inserted"
            : insert).all()
        if let row = inserted.first {
            wakeWorkers(types: [type])
            return try JobRecord(row: row)
        }
        if let key = options.uniqueKey, let existing = try await unfinished(uniqueKey: key, on: sql) {
            return existing
        }
        throw JobQueueError.enqueueFailed("insert of \(type) conflicted and no unfinished job holds its key")
    }

    /// Typed enqueue for a registered handler's payload.
    @discardableResult
    public func enqueue<H: JobHandler>(
        _ handler: H.Type, payload: H.Payload, options: JobOptions = .init(), on database: any Database
    ) async throws -> JobRecord {
        try await enqueue(H.type, payload: payload, options: options, on: database)
    }

    public func job(id: String, on database: (any Database)? = nil) async throws -> JobRecord? {
        try await sql(database).raw("SELECT * FROM jobs WHERE id = \(bind: id)").first().map(JobRecord.init(row:))
    }

    /// Jobs in one state, oldest first, after the `after` ID: the admin list reads this.
    public func jobs(in state: JobState, type: String? = nil, after: String? = nil, limit: Int = 100) async throws -> [JobRecord] {
        let typeFilter: SQLQueryString = type.map { "AND type = \(bind: $0)" } ?? ""
        return try await sql(nil).raw("""
            SELECT * FROM jobs WHERE state = \(bind: state.rawValue) AND id > \(bind: after ?? "") \(typeFilter)
            ORDER BY id LIMIT \(bind: limit)
            """).all().map(JobRecord.init(row:))
    }

    /// Puts a dead (or waiting-to-retry) job back in line with a fresh set of attempts.
    @discardableResult
    public func retry(id: String) async throws -> JobRecord? {
        let now = clock.now()
        let rows = try await sql(nil).raw("""
            UPDATE jobs SET state = 'pending', attempts = 0, run_at = \(bind: now), finished_at = NULL, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND state IN ('dead', 'failed')
            RETURNING *
            """).all()
        guard let row = rows.first else { return nil }
        let job = try JobRecord(row: row)
        wakeWorkers(types: [job.type])
        return job
    }

    /// Counts of unfinished and dead jobs per type and state (completed ones are history).
    public func depth() async throws -> [JobDepth] {
        // IN rather than <> so the state index skips the completed history.
        try await sql(nil).raw("SELECT type, state, COUNT(*) AS n FROM jobs WHERE state IN ('pending', 'active', 'failed', 'dead') GROUP BY type, state")
            .all().map { row in
                JobDepth(type: try row.decode(column: "type", as: String.self),
                         state: JobState(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
                         count: try row.decode(column: "n", as: Int.self))
            }
    }

    private func unfinished(uniqueKey: String, on sql: any SQLDatabase) async throws -> JobRecord? {
        try await sql.raw("""
            SELECT * FROM jobs WHERE unique_key = \(bind: uniqueKey) AND state IN ('pending', 'active', 'failed')
            """).first().map(JobRecord.init(row:))
    }

    func sql(_ database: (any Database)?) throws -> any SQLDatabase {
        guard let sql = (database ?? self.database()) as? any SQLDatabase else { throw JobQueueError.notSQL }
        return sql
    }

    // MARK: Waking workers in this process

    func addListener(_ doorbell: JobDoorbell) {
        listeners.withLockedValue { $0[ObjectIdentifier(doorbell)] = doorbell }
    }

    func removeListener(_ doorbell: JobDoorbell) {
        listeners.withLockedValue { _ = $0.removeValue(forKey: ObjectIdentifier(doorbell)) }
    }

    /// Called on enqueue. The enqueuing transaction may not have committed yet: on SQLite
    /// the claim queues behind it on the one connection; on PostgreSQL the NOTIFY sent at
    /// commit wakes the worker again (see `JobNotifications`).
    func wakeWorkers(types: some Collection<String>) {
        for doorbell in listeners.withLockedValue({ Array($0.values) }) { doorbell.ring(types: types) }
    }
}

public struct JobDepth: Sendable, Equatable {
    public var type: String
    public var state: JobState
    public var count: Int
}
