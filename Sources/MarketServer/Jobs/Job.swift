import Foundation
import SQLKit

/// Where a job is in its life. `failed` means "this attempt failed, a retry is scheduled";
/// `dead` means no attempts are left. `completed` and `dead` are final.
public enum JobState: String, Sendable, Codable, CaseIterable {
    case pending, active, completed, failed, dead

    public var isFinished: Bool { self == .completed || self == .dead }
}

/// How far a running job has got, as the handler last reported it.
public struct JobProgress: Sendable, Codable, Equatable {
    public var done: Int
    public var total: Int
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// One row of the `jobs` table.
public struct JobRecord: Sendable, Equatable {
    public var id: String
    public var type: String
    /// The payload as stored: JSON text.
    public var payload: String
    public var state: JobState
    public var priority: Int
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var lastError: String?
    public var uniqueKey: String?
    public var progress: JobProgress?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    /// Decodes the payload as the type its handler expects.
    public func decodePayload<P: Decodable>(as type: P.Type = P.self) throws -> P {
        try JSONDecoder().decode(P.self, from: Data(payload.utf8))
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        type = try row.decode(column: "type", as: String.self)
        payload = try row.decode(column: "payload", as: String.self)
        let rawState = try row.decode(column: "state", as: String.self)
        guard let state = JobState(rawValue: rawState) else { throw JobQueueError.corruptRow("unknown state \(rawState)") }
        self.state = state
        priority = try row.decode(column: "priority", as: Int.self)
        attempts = try row.decode(column: "attempts", as: Int.self)
        maxAttempts = try row.decode(column: "max_attempts", as: Int.self)
        runAt = try row.decode(column: "run_at", as: Date.self)
        leaseOwner = try row.decode(column: "lease_owner", as: String?.self)
        leaseExpiresAt = try row.decode(column: "lease_expires_at", as: Date?.self)
        lastError = try row.decode(column: "last_error", as: String?.self)
        uniqueKey = try row.decode(column: "unique_key", as: String?.self)
        progress = try row.decode(column: "progress", as: String?.self).flatMap {
            try? JSONDecoder().decode(JobProgress.self, from: Data($0.utf8))
        }
        createdAt = try row.decode(column: "created_at", as: Date.self)
        updatedAt = try row.decode(column: "updated_at", as: Date.self)
        finishedAt = try row.decode(column: "finished_at", as: Date?.self)
    }
}

/// Per-enqueue choices; anything left nil comes from the job type's `JobSettings`.
public struct JobOptions: Sendable {
    /// When the job may first run; wins over `delay`.
    public var runAt: Date?
    /// Seconds from now before the job may first run.
    public var delay: TimeInterval?
    /// Higher runs first among jobs that are due.
    public var priority: Int?
    public var maxAttempts: Int?
    /// While a job with this key is unfinished, enqueueing the key again returns that job.
    public var uniqueKey: String?

    public init(runAt: Date? = nil, delay: TimeInterval? = nil, priority: Int? = nil, maxAttempts: Int? = nil, uniqueKey: String? = nil) {
        self.runAt = runAt
        self.delay = delay
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }
}

public enum JobQueueError: Error, CustomStringConvertible {
    case notSQL
    case corruptRow(String)
    case enqueueFailed(String)

    public var description: String {
        switch self {
        case .notSQL: "the job queue needs an SQL database"
        case .corruptRow(let why): "unreadable job row: \(why)"
        case .enqueueFailed(let why): "could not enqueue the job: \(why)"
        }
    }
}
