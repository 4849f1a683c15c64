import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers

/// Runs one type of job.
///
/// **Every handler must be idempotent.** Delivery is at least once: a worker killed after
/// the work but before marking the job completed, a lease that expired during a long
/// pause, or a graceful shutdown that released a job past its deadline all mean the same
/// payload runs again. Write handlers so a second run is harmless: upserts keyed by the
/// job or the payload, "already done" checks, idempotency keys on outside calls.
///
/// A handler holds what it needs from `AppEnvironment` (stores, mailer, …) from when it
/// was built; the context brings the per-run pieces.
public protocol JobHandler: Sendable {
    associatedtype Payload: Codable & Sendable
    /// The name stored in `jobs.type`, such as "catalog.import".
    static var type: String { get }
    static var settings: JobSettings { get }
    /// Throw to fail this attempt (it is retried with backoff until `maxAttempts`);
    /// throw `PermanentJobError` to go straight to `dead`.
    func run(_ payload: Payload, context: JobContext) async throws
}

extension JobHandler {
    public static var settings: JobSettings { JobSettings() }
}

/// A failure that no retry can fix (a malformed payload, a deleted target): the job goes
/// to `dead` at once.
public struct PermanentJobError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What a handler gets for one run.
public struct JobContext: Sendable {
    public let jobID: String
    public let type: String
    /// 1 on the first run.
    public let attempt: Int
    public let maxAttempts: Int
    public let clock: any AppClock
    public let queue: JobQueue
    let owner: String
    private let baseLogger: Logger

    /// The worker's logger with `job_id` and `job_type` metadata. Built when asked for: a
    /// handler that never logs costs no metadata copies.
    public var logger: Logger {
        var logger = baseLogger
        logger[metadataKey: "job_id"] = .string(jobID)
        logger[metadataKey: "job_type"] = .string(type)
        return logger
    }

    init(jobID: String, type: String, attempt: Int, maxAttempts: Int, logger: Logger, clock: any AppClock, queue: JobQueue, owner: String) {
        self.jobID = jobID
        self.type = type
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.clock = clock
        self.queue = queue
        self.owner = owner
        baseLogger = logger
    }

    /// The primary database, for the handler's own writes and transactions.
    public var database: any Database { queue.database() }

    /// Records progress (`GET /jobs/:id/status` reads it). Only the lease holder can
    /// write it, so a run that lost its lease cannot overwrite a newer run's progress.
    public func progress(done: Int, total: Int) async throws {
        try await queue.recordProgress(id: jobID, owner: owner, progress: JobProgress(done: done, total: total))
    }
}

/// The handlers a process can run, by type. Features register theirs while the
/// environment is built; workers read it when they start.
public final class JobRegistry: Sendable {
    struct Entry: Sendable {
        let settings: JobSettings
        let run: @Sendable (JobRecord, JobContext) async throws -> Void
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let recurring = NIOLockedValueBox<[String: RecurringJob]>([:])

    public init() {}

    public func register<H: JobHandler>(_ handler: H) {
        let entry = Entry(settings: H.settings) { record, context in
            let payload: H.Payload
            do {
                payload = try record.decodePayload(as: H.Payload.self)
            } catch {
                throw PermanentJobError("payload does not decode as \(H.Payload.self): \(error)")
            }
            try await handler.run(payload, context: context)
        }
        entries.withLockedValue { $0[H.type] = entry }
    }

    /// Adds (or replaces, by name) a job enqueued on a cron schedule; workers enqueue it.
    public func schedule(_ job: RecurringJob) {
        recurring.withLockedValue { $0[job.name] = job }
    }

    public var recurringJobs: [RecurringJob] { recurring.withLockedValue { $0.values.sorted { $0.name < $1.name } } }

    public var types: [String] { entries.withLockedValue { $0.keys.sorted() } }

    func entry(for type: String) -> Entry? { entries.withLockedValue { $0[type] } }

    /// Settings for `type`, or the defaults when nothing registered it (enqueueing a type
    /// this process cannot run is allowed: a separate worker may).
    public func settings(for type: String) -> JobSettings { entry(for: type)?.settings ?? JobSettings() }
}
