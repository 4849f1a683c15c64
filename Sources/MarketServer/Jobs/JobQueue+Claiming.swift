import Foundation
import SQLKit

/// The worker side of the queue: claiming under a lease, heartbeats, and the outcome of a
/// run. Every write after the claim is guarded by `lease_owner`, so a worker whose lease
/// expired (and whose job another worker took) cannot overwrite the newer run.
extension JobQueue {
    /// What became of a failed attempt.
    public enum FailureOutcome: Sendable, Equatable {
        case retry(at: Date)
        case dead
        /// The lease was no longer ours: another worker owns the job now.
        case lostLease
    }

    /// Takes up to `limit` due jobs of `type` for `owner`: waiting jobs whose `run_at` has
    /// come, and active jobs whose lease expired (their worker died). Each gets
    /// `attempts + 1` and a lease until `now + lease`. Highest priority first, then the
    /// earliest due, then the oldest ID.
    public func claim(type: String, limit: Int, owner: String, lease: TimeInterval) async throws -> [JobRecord] {
        try await claim([(type: type, limit: limit)], owner: owner, lease: lease)
    }

    /// `claim(type:limit:owner:lease:)` for several types in one statement (one round trip
    /// however many types a worker runs), each type up to its own limit. Without
    /// `expiredLeases` only waiting jobs are taken (a cheaper statement): workers look for
    /// expired leases in their periodic sweep of all types, not on every claim.
    ///
    /// Per type, two arms pick candidates in claim order: waiting jobs through the partial
    /// index `jobs_due_idx` (which holds exactly the waiting rows, in claim order, so the
    /// database reads the first `limit` rows instead of sorting the backlog), and active
    /// jobs whose lease expired through `jobs_lease_idx`; the first `limit` of the two by
    /// claim order are taken. PostgreSQL: each arm locks its rows `FOR UPDATE SKIP LOCKED`,
    /// so workers claim side by side without waiting on or double-taking each other's rows
    /// (a row the other arm locked but the limit left out is only skipped by other workers
    /// until this statement ends). SQLite: the single UPDATE is atomic under SQLite's one
    /// writer, which is all the claimer needs.
    public func claim(
        _ wants: [(type: String, limit: Int)], owner: String, lease: TimeInterval, expiredLeases: Bool = true
    ) async throws -> [JobRecord] {
        let wants = wants.filter { $0.limit > 0 }
        guard !wants.isEmpty else { return [] }
        let now = clock.now()
        let expires = now.addingTimeInterval(lease)
        let locking: SQLQueryString = engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        var arms: [SQLQueryString] = []
        var picks: [SQLQueryString] = []
        for (index, want) in wants.enumerated() {
            let due = "d\(index)", stalled = "s\(index)"
            arms.append("""
                \(unsafeRaw: due) AS (
                    SELECT id, priority, run_at FROM jobs
                    WHERE type = \(bind: want.type) AND state IN ('pending', 'failed') AND run_at <= \(bind: now)
                    ORDER BY priority DESC, run_at, id LIMIT \(literal: want.limit)\(locking))
                """)
            guard expiredLeases else {
                picks.append("SELECT id FROM \(unsafeRaw: due)")
                continue
            }
            arms.append("""
                \(unsafeRaw: stalled) AS (
                    SELECT id, priority, run_at FROM jobs
                    WHERE type = \(bind: want.type) AND state = 'active' AND lease_expires_at <= \(bind: now) AND attempts < max_attempts
                    ORDER BY priority DESC, run_at, id LIMIT \(literal: want.limit)\(locking))
                """)
            picks.append("""
                SELECT id FROM (
                    SELECT id, priority, run_at FROM \(unsafeRaw: due) UNION ALL SELECT id, priority, run_at FROM \(unsafeRaw: stalled)
                    ORDER BY priority DESC, run_at, id LIMIT \(literal: want.limit)) AS p\(unsafeRaw: "\(index)")
                """)
        }
        let rows = try await sql(nil).raw("""
            WITH \(arms.joined(separator: ",\n"))
            UPDATE jobs SET state = 'active', attempts = attempts + 1, lease_owner = \(bind: owner),
                lease_expires_at = \(bind: expires), updated_at = \(bind: now)
            WHERE id IN (\(picks.joined(separator: "\nUNION ALL\n")))
            RETURNING *
            """).all()
        return try rows.map(JobRecord.init(row:)).sorted {
            ($0.priority, $1.runAt, $1.id) > ($1.priority, $0.runAt, $0.id)
        }
    }

    /// Extends the leases of every job `owner` runs. Workers call it well inside the lease.
    public func heartbeat(owner: String, lease: TimeInterval) async throws {
        let now = clock.now()
        try await sql(nil).raw("""
            UPDATE jobs SET lease_expires_at = \(bind: now.addingTimeInterval(lease))
            WHERE lease_owner = \(bind: owner) AND state = 'active'
            """).run()
    }

    /// Marks a run done. False when the lease was lost (the job runs elsewhere now).
    @discardableResult
    public func complete(id: String, owner: String) async throws -> Bool {
        try await complete(ids: [id], owner: owner).contains(id)
    }

    /// Marks many runs done in one statement per 500 (workers batch their completions).
    /// Returns the IDs that were completed; the others had lost their lease.
    @discardableResult
    public func complete(ids: [String], owner: String) async throws -> Set<String> {
        let now = clock.now()
        var completed = Set<String>(minimumCapacity: ids.count)
        for start in stride(from: 0, to: ids.count, by: Self.enqueueChunk) {
            let chunk = ids[start..<min(start + Self.enqueueChunk, ids.count)].map { $0 as any Encodable & Sendable }
            for row in try await sql(nil).raw("""
                UPDATE jobs SET state = 'completed', lease_owner = NULL, lease_expires_at = NULL, last_error = NULL,
                    finished_at = \(bind: now), updated_at = \(bind: now)
                WHERE id IN (\(binds: chunk)) AND lease_owner = \(bind: owner) AND state = 'active'
                RETURNING id
                """).all() {
                completed.insert(try row.decode(column: "id", as: String.self))
            }
        }
        return completed
    }

    /// Records a failed attempt: back off and retry, or `dead` when no attempts are left
    /// or the error is permanent.
    @discardableResult
    public func fail(
        _ job: JobRecord, owner: String, error: String, backoff: JobBackoff, permanent: Bool = false
    ) async throws -> FailureOutcome {
        let now = clock.now()
        let message = String(error.prefix(2000))
        let rows: [any SQLRow]
        let outcome: FailureOutcome
        if permanent || job.attempts >= job.maxAttempts {
            outcome = .dead
            rows = try await sql(nil).raw("""
                UPDATE jobs SET state = 'dead', lease_owner = NULL, lease_expires_at = NULL, last_error = \(bind: message),
                    finished_at = \(bind: now), updated_at = \(bind: now)
                WHERE id = \(bind: job.id) AND lease_owner = \(bind: owner) AND state = 'active'
                RETURNING id
                """).all()
        } else {
            let runAt = now.addingTimeInterval(backoff.delay(afterAttempt: job.attempts, random: random()))
            outcome = .retry(at: runAt)
            rows = try await sql(nil).raw("""
                UPDATE jobs SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, last_error = \(bind: message),
                    run_at = \(bind: runAt), updated_at = \(bind: now)
                WHERE id = \(bind: job.id) AND lease_owner = \(bind: owner) AND state = 'active'
                RETURNING id
                """).all()
        }
        return rows.isEmpty ? .lostLease : outcome
    }

    /// Hands back every job `owner` still holds (graceful shutdown past its deadline): back
    /// to pending, lease cleared, and the interrupted attempt not counted, so another worker
    /// takes them at once. Returns how many were released.
    @discardableResult
    public func release(owner: String) async throws -> Int {
        let now = clock.now()
        return try await sql(nil).raw("""
            UPDATE jobs SET state = 'pending', attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL,
                updated_at = \(bind: now)
            WHERE lease_owner = \(bind: owner) AND state = 'active'
            RETURNING id
            """).all().count
    }

    /// Jobs whose worker died on their last attempt: the claim skips them, so they are
    /// moved to `dead` here rather than left active forever.
    @discardableResult
    public func buryExpired() async throws -> Int {
        let now = clock.now()
        return try await sql(nil).raw("""
            UPDATE jobs SET state = 'dead', lease_owner = NULL, lease_expires_at = NULL,
                last_error = 'lease expired on the last attempt (the worker stopped)', finished_at = \(bind: now), updated_at = \(bind: now)
            WHERE state = 'active' AND lease_expires_at <= \(bind: now) AND attempts >= max_attempts
            RETURNING id
            """).all().count
    }

    /// Deletes completed jobs that finished before `cutoff`, at most `limit` at a time so a
    /// large backlog never holds the write lock for long. Dead jobs stay for an admin to see.
    @discardableResult
    public func pruneCompleted(finishedBefore cutoff: Date, limit: Int = 5000) async throws -> Int {
        try await sql(nil).raw("""
            DELETE FROM jobs WHERE id IN (
                SELECT id FROM jobs WHERE state = 'completed' AND finished_at < \(bind: cutoff) LIMIT \(bind: limit))
            RETURNING id
            """).all().count
    }

    func recordProgress(id: String, owner: String, progress: JobProgress) async throws {
        let text = String(decoding: try JSONEncoder().encode(progress), as: UTF8.self)
        try await sql(nil).raw("""
            UPDATE jobs SET progress = \(bind: text), updated_at = \(bind: clock.now())
            WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND state = 'active'
            """).run()
    }
}
