import Foundation
import SQLKit
import Testing
@testable import MarketServer

@Suite("JobQueue recurring jobs")
struct JobQueueRecurringTests {
    static func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test("cron expressions find their next slot in UTC")
    func nextSlots() throws {
        let from = Self.utc("2026-11-21T05:47:30Z")  // a Saturday
        #expect(try CronSchedule("* * * * *").next(after: from) == Self.utc("2026-11-21T05:48:00Z"))
        #expect(try CronSchedule("*/15 * * * *").next(after: from) == Self.utc("2026-11-21T06:00:00Z"))
        #expect(try CronSchedule("30 2 * * *").next(after: from) == Self.utc("2026-11-22T02:30:00Z"))
        #expect(try CronSchedule("0 9 * * 1-5").next(after: from) == Self.utc("2026-11-23T09:00:00Z"))
        #expect(try CronSchedule("0 0 1 1 *").next(after: from) == Self.utc("2027-01-01T00:00:00Z"))
        #expect(try CronSchedule("0 12 29 2 *").next(after: from) == Self.utc("2028-02-29T12:00:00Z"))
        // Both day fields restricted: either matches (the 1st, or a Sunday).
        #expect(try CronSchedule("0 0 1 * 0").next(after: from) == Self.utc("2026-11-22T00:00:00Z"))
        #expect(try CronSchedule("0 0 1 * 7").next(after: Self.utc("2026-11-22T00:00:00Z")) == Self.utc("2026-11-29T00:00:00Z"))
        #expect(try CronSchedule("5,10 8-10/2 * * *").next(after: Self.utc("2026-11-21T08:10:00Z")) == Self.utc("2026-11-21T10:05:00Z"))
        #expect(try CronSchedule("0 0 31 2 *").next(after: from) == nil)
        for bad in ["* * * *", "60 * * * *", "*/0 * * * *", "5-1 * * * *", "a * * * *", "* * * 13 *"] {
            #expect(throws: CronSchedule.ParseError.self, "\(bad)") { try CronSchedule(bad) }
        }
    }

    @Test("a recurring job runs once per slot across two workers, and missed slots collapse", arguments: TestDatabase.enabled)
    func oncePerSlot(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let ledger = RunLedger()
            h.registry.register(CountingHandler(ledger: ledger))
            h.registry.schedule(try RecurringJob(name: "tick", cron: "*/5 * * * *", type: CountingHandler.type, payload: CountPayload(n: 0)))
            let fast: (inout JobWorker.Configuration) -> Void = {
                $0.pollInterval = .milliseconds(20)
                $0.housekeepingInterval = .milliseconds(20)
            }
            try await h.running([h.worker(fast), h.worker(fast)]) {
                // The first tick records the first slot; only then may the clock move.
                try await eventually("the schedule row") {
                    let sql = try #require(h.database as? any SQLDatabase)
                    return try await sql.raw("SELECT COUNT(*) AS n FROM job_schedules").first()?.decode(column: "n", as: Int.self) == 1
                }
                #expect(ledger.total == 0)  // the first slot is still ahead
                // Count jobs, not runs: "once per slot" is about enqueueing; a run that fails
                // (say, a busy database under a loaded test run) may legitimately run again.
                let sql = try #require(h.database as? any SQLDatabase)
                @Sendable func jobs() async throws -> Int {
                    try await sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE type = \(bind: CountingHandler.type)").first()?.decode(column: "n", as: Int.self) ?? -1
                }
                for slot in 1...3 {
                    h.clock.advance(by: 300)
                    try await eventually("slot \(slot)") { try await jobs() >= slot && ledger.total >= slot }
                    try await Task.sleep(for: .milliseconds(200))  // plenty of ticks by both workers
                    #expect(try await jobs() == slot)
                }
                h.clock.advance(by: 3600)  // twelve slots missed: one catch-up job
                try await eventually("the catch-up run") { try await jobs() >= 4 }
                try await Task.sleep(for: .milliseconds(200))
                let errors = try await h.queue.jobs(in: .failed).map { $0.lastError ?? "" }
                #expect(try await jobs() == 4, "failed attempts: \(errors)")
            }
        }
    }
}
