import Foundation

/// The answer to an accepted upload (`202`): the job that will process it.
public struct UploadAcceptedDTO: Codable, Hashable, Sendable {
    public var jobId: JobID
    public init(jobId: JobID) { self.jobId = jobId }
}

/// Where an upload job stands, as `GET /jobs/:id/status` tells it.
public enum UploadJobState: String, Codable, Hashable, Sendable, CaseIterable {
    /// Stored, waiting for a worker.
    case uploaded
    case processing
    /// Finished; rows that failed validation are listed in `errors`.
    case done
    /// The file could not be processed at all (unreadable, not CSV, no header).
    case failed

    public var isFinished: Bool { self == .done || self == .failed }
}

public struct JobProgressDTO: Codable, Hashable, Sendable {
    public var done: Int
    public var total: Int?
    public init(done: Int, total: Int?) {
        self.done = done
        self.total = total
    }
}

/// One rejected row. `row` counts physical CSV records from 1 = the header line, so it
/// matches what a spreadsheet shows beside the row.
public struct RowErrorDTO: Codable, Hashable, Sendable {
    public var row: Int
    public var message: String
    public init(row: Int, message: String) {
        self.row = row
        self.message = message
    }
}

/// Counts once an import is `done`.
public struct ImportResultDTO: Codable, Hashable, Sendable {
    public var created: Int
    public var updated: Int
    public var rejected: Int
    public init(created: Int, updated: Int, rejected: Int) {
        self.created = created
        self.updated = updated
        self.rejected = rejected
    }
}

public struct UploadJobStatusDTO: Codable, Hashable, Sendable {
    public var id: JobID
    public var state: UploadJobState
    public var progress: JobProgressDTO
    public var errors: [RowErrorDTO]
    /// Why a `failed` job failed, in one sentence.
    public var failure: String?
    public var result: ImportResultDTO?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: JobID, state: UploadJobState, progress: JobProgressDTO, errors: [RowErrorDTO], failure: String? = nil,
                result: ImportResultDTO? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.state = state
        self.progress = progress
        self.errors = errors
        self.failure = failure
        self.result = result
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
