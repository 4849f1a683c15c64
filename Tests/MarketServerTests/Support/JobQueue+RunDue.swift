import Foundation
import Logging
@testable import MarketServer

extension JobQueue {
    /// Runs every due job of `type` here and now, as a `JobWorker` would (claim under a
    /// lease, run the registered handler, complete or fail with backoff), until none is due.
    ///
    /// For tests that run the app without a worker (`buildApplication`'s default) but need
    /// a job's effect, such as the mail a `mail.send` job writes to the outbox: one
    /// deterministic pass instead of a polling worker. Failed attempts are retried later by
    /// the queue's clock, so they do not come round again in the same call.
    @discardableResult
    func runDueJobs(type: String) async throws -> [JobRecord] {
        guard let entry = registry.entry(for: type) else { throw TestSetupError("no handler is registered for \(type)") }
        let owner = "test-run-due-\(UUID().uuidString)"
        var logger = Logger(label: "test.jobs.run-due")
        logger.logLevel = .critical
        var ran: [JobRecord] = []
        for _ in 0..<1000 {
            let claimed = try await claim(type: type, limit: 16, owner: owner, lease: 60)
            if claimed.isEmpty { return ran }
            for job in claimed {
                let context = JobContext(
                    jobID: job.id, type: job.type, attempt: job.attempts, maxAttempts: job.maxAttempts,
                    logger: logger, clock: clock, queue: self, owner: owner)
                do {
                    try await entry.run(job, context)
                    try await complete(id: job.id, owner: owner)
                } catch {
                    try await fail(job, owner: owner, error: String(describing: error), backoff: entry.settings.backoff,
                                   permanent: error is PermanentJobError)
                }
                ran.append(job)
            }
        }
        throw TestSetupError("jobs of type \(type) kept coming due")
    }
}
