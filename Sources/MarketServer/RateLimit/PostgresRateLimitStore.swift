import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit

/// GCRA state shared by every server process on one PostgreSQL database, so a quota holds
/// however many processes serve the caller. One statement per decision: an UPSERT that
/// moves the key's theoretical arrival time only when the request is allowed (row lock on
/// the key, so concurrent decisions from several processes serialise). The table is
/// UNLOGGED (M011): losing it in a crash only forgives some requests.
///
/// Fail-open policy: when PostgreSQL cannot answer, the request is decided by this
/// process's in-memory limiter instead (the quota then holds per process, not across
/// them), a warning is logged at most once every 30 s, and
/// `marketmate_rate_limit_store_failures_total` counts every such decision. Refusing
/// service because the limiter's store is down would turn a database hiccup into an outage.
final class PostgresRateLimitStore: Sendable {
    static let table = "rate_limit_buckets"
    let database: @Sendable () -> any Database
    let fallback: InMemoryRateLimitStore
    let failures: @Sendable () -> Void
    let logger: Logger
    private let lastWarning = NIOLockedValueBox<Int64>(0)
    private let lastSweep = NIOLockedValueBox<Int64>(0)

    init(database: @escaping @Sendable () -> any Database, fallback: InMemoryRateLimitStore, failures: @escaping @Sendable () -> Void, logger: Logger) {
        self.database = database
        self.fallback = fallback
        self.failures = failures
        self.logger = logger
    }

    func decide(key: String, policy: RateLimitPolicy, now: Int64) async -> RateLimitDecision {
        do {
            let decision = try await decideInDatabase(key: key, policy: policy, now: now)
            sweepIfDue(now: now)
            return decision
        } catch {
            failures()
            let warn = lastWarning.withLockedValue { last -> Bool in
                guard now - last >= 30_000_000 else { return false }
                last = now
                return true
            }
            if warn {
                logger.warning("rate limit store unreachable; failing open to the per-process limiter", metadata: ["error": .string("\(String(reflecting: type(of: error)))")])
            }
            return fallback.decide(key: key, policy: policy, now: now)
        }
    }

    private func decideInDatabase(key: String, policy: RateLimitPolicy, now: Int64) async throws -> RateLimitDecision {
        guard let sql = database() as? any SQLDatabase else { throw RateLimitStoreError() }
        let interval = policy.intervalMicros, window = policy.windowMicros
        // `prior` reads the TAT before the decision, only to tell a rejected caller how long
        // to wait; the decision itself is the guarded UPSERT.
        let row = try await sql.raw("""
            WITH prior AS (SELECT tat FROM \(unsafeRaw: Self.table) WHERE key = \(bind: key)),
            decided AS (
                INSERT INTO \(unsafeRaw: Self.table) AS b (key, tat) VALUES (\(bind: key), \(bind: now + interval))
                ON CONFLICT (key) DO UPDATE SET tat = GREATEST(b.tat, \(bind: now)) + \(bind: interval)
                WHERE GREATEST(b.tat, \(bind: now)) + \(bind: interval) - \(bind: window) <= \(bind: now)
                RETURNING b.tat)
            SELECT (SELECT tat FROM decided) AS tat, (SELECT tat FROM prior) AS prior
            """).first()
        guard let row else { throw RateLimitStoreError() }
        if let next = try row.decodeNil(column: "tat") ? nil : row.decode(column: "tat", as: Int64.self) {
            return GCRA.decision(allowedWith: next, now: now, policy: policy)
        }
        let prior = try row.decodeNil(column: "prior") ? now + window : row.decode(column: "prior", as: Int64.self)
        // The snapshot may predate a concurrent decision; the UPSERT's verdict stands.
        var decision = GCRA.decide(tat: prior, now: now, policy: policy).decision
        decision.allowed = false
        decision.remaining = 0
        decision.retryAfterSeconds = max(1, decision.retryAfterSeconds)
        return decision
    }

    /// Idle keys (TAT in the past) are as good as absent: delete them about once a minute.
    private func sweepIfDue(now: Int64) {
        let due = lastSweep.withLockedValue { last -> Bool in
            guard now - last >= 60_000_000 else { return false }
            last = now
            return true
        }
        guard due, let sql = database() as? any SQLDatabase else { return }
        Task {
            try? await sql.raw("DELETE FROM \(unsafeRaw: Self.table) WHERE tat < \(bind: now)").run()
        }
    }
}

struct RateLimitStoreError: Error {}
