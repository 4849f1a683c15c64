import FluentPostgresDriver
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Cross-process wake-ups on PostgreSQL: enqueue sends `NOTIFY`, and each worker keeps
/// one pooled connection in `LISTEN`, so a job enqueued by any server starts without
/// waiting for the next poll. Polling stays as the fallback (a dropped listener, delayed
/// jobs, expired leases).
enum JobNotifications {
    static let channel = "marketmate_jobs"

    /// `pg_notify` as an expression, for a statement that notifies as it writes (inside the
    /// enqueuing transaction: PostgreSQL delivers it only when that transaction commits, so
    /// a woken worker always finds the job);
    /// `typeColumn` names the column holding the job type.
    static func notifyExpression(type typeColumn: String) -> SQLQueryString {
        "pg_notify(\(bind: channel), \(unsafeRaw: typeColumn))"
    }

    /// Rings `doorbell` for every notification (its payload is the job type) until the task
    /// is cancelled, reconnecting after errors. Returns at once on SQLite.
    static func listen(database: @escaping @Sendable () -> any Database, doorbell: JobDoorbell, logger: Logger) async {
        while !Task.isCancelled {
            guard let postgres = database() as? any PostgresDatabase else { return }
            do {
                try await listenOnce(postgres, doorbell: doorbell)
            } catch {
                if Task.isCancelled { return }
                logger.warning("job LISTEN connection failed; polling until it is back", metadata: ["error": .string("\(error)")])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// PostgresKit lends a connection only to a future-returning closure, so the listening
    /// runs in an inner task; cancelling the caller cancels it, which ends the notification
    /// stream, sends UNLISTEN and returns the connection to the pool.
    private static func listenOnce(_ postgres: any PostgresDatabase, doorbell: JobDoorbell) async throws {
        let inner = NIOLockedValueBox<(cancelled: Bool, task: Task<Void, any Error>?)>((false, nil))
        try await withTaskCancellationHandler {
            try await postgres.withConnection { connection -> EventLoopFuture<Void> in
                let promise = connection.eventLoop.makePromise(of: Void.self)
                let task = Task {
                    try await connection.listen(on: channel) { notifications in
                        for try await notification in notifications { doorbell.ring(type: notification.payload) }
                    }
                }
                let cancelNow = inner.withLockedValue { state -> Bool in
                    state.task = task
                    return state.cancelled
                }
                if cancelNow { task.cancel() }
                promise.completeWithTask { try await task.value }
                return promise.futureResult
            }.get()
        } onCancel: {
            let task = inner.withLockedValue { state -> Task<Void, any Error>? in
                state.cancelled = true
                return state.task
            }
            task?.cancel()
        }
    }
}
