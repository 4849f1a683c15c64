import FluentKit
import SQLKit

/// The claim walks one type's waiting jobs in claim order (priority first, then due time,
/// then ID) and stops after the batch it wants: a partial index over exactly the waiting
/// rows, in that order, lets both engines read the first rows instead of sorting every due
/// job of the type on each claim (which made a 20,000-job backlog cost milliseconds per
/// claim). The old `jobs_claim_idx` led the planners to that sort, and every claim and
/// completion paid to maintain it, so it goes.
struct M009JobsDueIndex: AsyncMigration {
    var name: String { "M009JobsDueIndex" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE INDEX jobs_due_idx ON jobs (type, priority DESC, run_at, id) WHERE state IN ('pending', 'failed')
            """).run()
        try await sql.raw("DROP INDEX jobs_claim_idx").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await database.index(on: JobQueue.table, name: "jobs_claim_idx", columns: ["type", "state", "run_at", "priority"])
        try await sql.raw("DROP INDEX jobs_due_idx").run()
    }
}
