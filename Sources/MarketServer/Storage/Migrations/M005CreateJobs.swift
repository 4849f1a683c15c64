import FluentKit
import SQLKit

/// The durable job queue (see `Jobs/`). Timestamps are plain columns the claim query
/// compares against the injected clock, never the database's own `now()`, so tests that
/// move the clock move the queue too.
struct M005CreateJobs: AsyncMigration {
    var name: String { "M005CreateJobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema(JobQueue.table)
            .field("id", .string, .identifier(auto: false))
            .field("type", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("priority", .int, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("run_at", .datetime, .required)
            .field("lease_owner", .string)
            .field("lease_expires_at", .datetime)
            .field("last_error", .string)
            .field("unique_key", .string)
            .field("progress", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        // Claiming walks waiting jobs of one type by due time; stalled-job recovery walks
        // active ones by lease expiry.
        try await database.index(on: JobQueue.table, name: "jobs_claim_idx", columns: ["type", "state", "run_at", "priority"])
        try await database.index(on: JobQueue.table, name: "jobs_lease_idx", columns: ["state", "lease_expires_at"])
        // A unique key holds only while its job is unfinished: once completed or dead, the
        // same key may be enqueued again. Partial indexes exist on both engines; FluentKit
        // cannot express them, hence raw SQL.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("""
                CREATE UNIQUE INDEX jobs_unique_key_idx ON jobs (unique_key)
                WHERE unique_key IS NOT NULL AND state IN ('pending', 'active', 'failed')
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobQueue.table).delete()
    }
}
