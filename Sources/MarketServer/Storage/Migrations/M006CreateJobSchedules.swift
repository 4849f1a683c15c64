import FluentKit

/// One row per recurring job: the next slot it is due. Whichever worker moves `next_run_at`
/// forward with a compare-and-set enqueues that slot's job, so a slot runs once across all
/// workers and processes.
struct M006CreateJobSchedules: AsyncMigration {
    var name: String { "M006CreateJobSchedules" }

    func prepare(on database: any Database) async throws {
        try await database.schema("job_schedules")
            .field("name", .string, .identifier(auto: false))
            .field("next_run_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_schedules").delete()
    }
}
