import FluentKit
import Foundation
import MarketModels
import SQLKit

/// One job for `JobQueue.enqueue(batch:on:)`.
public struct NewJob: Sendable {
    public var type: String
    /// The payload as it will be stored: JSON text.
    public var payloadJSON: String
    public var options: JobOptions

    public init(_ type: String, payload: some Encodable, options: JobOptions = .init()) throws {
        self.type = type
        payloadJSON = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        self.options = options
    }

    public init<H: JobHandler>(_ handler: H.Type, payload: H.Payload, options: JobOptions = .init()) throws {
        try self.init(H.type, payload: payload, options: options)
    }
}

extension JobQueue {
    /// Rows per multi-row INSERT: 10 binds each, well inside both engines' bind limits.
    public static let enqueueChunk = 500

    /// Adds many jobs with a few multi-row INSERTs instead of one round trip each, with the
    /// same rules as `enqueue`: pass the caller's transaction to make them part of its write,
    /// and a unique key held by an unfinished job (or by an earlier job of the same batch)
    /// yields that job instead of a new one. Workers are woken once per type, not per job.
    ///
    /// Returns the job IDs in the order given.
    @discardableResult
    public func enqueue(batch jobs: [NewJob], on database: any Database) async throws -> [String] {
        guard let sql = database as? any SQLDatabase else { throw JobQueueError.notSQL }
        guard !jobs.isEmpty else { return [] }
        let now = clock.now()
        var ids = [String](repeating: "", count: jobs.count)
        // Unique keys: within the batch the first job with a key takes it and later ones
        // share its ID; an unfinished job holding a key (earlier or concurrently) makes the
        // INSERT skip that row, and the holder is read after it. No read first: most keys
        // are new (an order's invoice, a product's thumbnails).
        var holders: [String: String] = [:]
        var toInsert: [Int] = []
        toInsert.reserveCapacity(jobs.count)
        for (index, job) in jobs.enumerated() {
            if let key = job.options.uniqueKey, let holder = holders[key] {
                ids[index] = holder
                continue
            }
            let id = "job_\(ULIDGenerator.shared.next(at: now))"
            ids[index] = id
            if let key = job.options.uniqueKey { holders[key] = id }
            toInsert.append(index)
        }

        var lost: [String: String] = [:]  // ID that lost a unique-key race → the winner's ID
        for start in stride(from: 0, to: toInsert.count, by: Self.enqueueChunk) {
            let chunk = toInsert[start..<min(start + Self.enqueueChunk, toInsert.count)]
            let values = chunk.map { index -> SQLQueryString in
                let job = jobs[index]
                let settings = registry.settings(for: job.type)
                let runAt = job.options.runAt ?? now.addingTimeInterval(job.options.delay ?? 0)
                return """
                    (\(bind: ids[index]), \(bind: job.type), \(bind: job.payloadJSON), 'pending', \(bind: job.options.priority ?? settings.priority), 0, \
                    \(bind: max(1, job.options.maxAttempts ?? settings.maxAttempts)), \(bind: runAt), \(bind: job.options.uniqueKey), \(bind: now), \(bind: now))
                    """
            }.joined(separator: ", ")
            let insert: SQLQueryString = """
                INSERT INTO jobs (id, type, payload, state, priority, attempts, max_attempts, run_at, unique_key, created_at, updated_at)
                VALUES \(values)
                ON CONFLICT DO NOTHING
                RETURNING id, type
                """
            // On PostgreSQL the NOTIFY rides in the same statement, as in `enqueue`; the
            // server delivers one per type (identical notifications in a transaction fold).
            let inserted = try await sql.raw(engine == .postgres
                ? "WITH inserted AS (\(insert)) SELECT inserted.id, \(JobNotifications.notifyExpression(type: "inserted.type")) AS notified FROM inserted"
                : insert).all()
            guard inserted.count < chunk.count else { continue }
            // Only a unique key held by a concurrent enqueue can make a row go missing.
            let stored = Set(try inserted.map { try $0.decode(column: "id", as: String.self) })
            let missing = chunk.filter { !stored.contains(ids[$0]) }
            let winners = try await unfinishedIDs(uniqueKeys: Set(missing.compactMap { jobs[$0].options.uniqueKey }), on: sql)
            for index in missing {
                guard let key = jobs[index].options.uniqueKey, let winner = winners[key] else {
                    throw JobQueueError.enqueueFailed("insert of \(jobs[index].type) conflicted and no unfinished job holds its key")
                }
                lost[ids[index]] = winner
            }
        }
        if !lost.isEmpty { ids = ids.map { lost[$0] ?? $0 } }

        let types = Set(toInsert.map { jobs[$0].type })
        if !types.isEmpty { wakeWorkers(types: types) }
        return ids
    }

    /// Unique key → ID of the unfinished job holding it.
    func unfinishedIDs(uniqueKeys: Set<String>, on sql: any SQLDatabase) async throws -> [String: String] {
        guard !uniqueKeys.isEmpty else { return [:] }
        let keys = Array(uniqueKeys)
        var holders: [String: String] = [:]
        for start in stride(from: 0, to: keys.count, by: Self.enqueueChunk) {
            let chunk = keys[start..<min(start + Self.enqueueChunk, keys.count)].map { $0 as any Encodable & Sendable }
            for row in try await sql.raw("""
                SELECT id, unique_key FROM jobs WHERE unique_key IN (\(binds: chunk)) AND state IN ('pending', 'active', 'failed')
                """).all() {
                holders[try row.decode(column: "unique_key", as: String.self)] = try row.decode(column: "id", as: String.self)
            }
        }
        return holders
    }
}
