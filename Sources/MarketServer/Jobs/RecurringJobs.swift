import FluentKit
import Foundation
import SQLKit

/// A job enqueued on a cron schedule.
public struct RecurringJob: Sendable {
    public let name: String
    public let schedule: CronSchedule
    public let type: String
    let payload: String
    public let options: JobOptions

    public init(name: String, cron: String, type: String, payload: some Encodable, options: JobOptions = .init()) throws {
        self.name = name
        schedule = try CronSchedule(cron)
        self.type = type
        self.payload = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        self.options = options
    }
}

extension JobQueue {
    /// Enqueues every recurring job whose slot has come, once per slot across all workers:
    /// the worker whose compare-and-set moves the schedule to its next slot enqueues, in
    /// the same transaction. Slots missed while no worker ran collapse into one run.
    /// Returns how many jobs were enqueued.
    @discardableResult
    public func enqueueDueRecurringJobs() async throws -> Int {
        var enqueued = 0
        for recurring in registry.recurringJobs {
            let now = clock.now()
            guard let upcoming = recurring.schedule.next(after: now) else { continue }
            // A read first: housekeeping runs often, and a slot that is not due must not cost a
            // write transaction (on SQLite, the one writer every worker and request shares).
            if let next = try await sql(nil).raw("SELECT next_run_at FROM job_schedules WHERE name = \(bind: recurring.name)")
                .first()?.decode(column: "next_run_at", as: Date.self), next > now {
                continue
            }
            let fired = try await database().transaction { tx -> Bool in
                let sql = try self.sql(tx)
                try await sql.raw("""
                    INSERT INTO job_schedules (name, next_run_at) VALUES (\(bind: recurring.name), \(bind: upcoming))
                    ON CONFLICT DO NOTHING
                    """).run()
                guard let due = try await sql.raw("SELECT next_run_at FROM job_schedules WHERE name = \(bind: recurring.name)")
                    .first()?.decode(column: "next_run_at", as: Date.self), due <= now
                else { return false }
                let moved = try await sql.raw("""
                    UPDATE job_schedules SET next_run_at = \(bind: upcoming)
                    WHERE name = \(bind: recurring.name) AND next_run_at = \(bind: due)
                    RETURNING name
                    """).all()
                guard !moved.isEmpty else { return false }
                var options = recurring.options
                options.uniqueKey = options.uniqueKey ?? "cron:\(recurring.name):\(Int(due.timeIntervalSince1970))"
                try await self.enqueue(recurring.type, payloadJSON: recurring.payload, options: options, on: tx)
                return true
            }
            if fired { enqueued += 1 }
        }
        return enqueued
    }
}
