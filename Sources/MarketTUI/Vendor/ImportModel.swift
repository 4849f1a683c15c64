import MarketClient
import MarketModels
import TerminalKit

/// Importing products from a CSV file into one shop: name the file, upload it, follow the
/// job on the server, then read the result. Drawn over the shops or products level it was
/// opened from; back closes it (the job itself goes on on the server).
struct ImportModel {
    enum Phase {
        /// The path field has the keyboard.
        case choosing
        /// The file is being checked and sent.
        case uploading
        /// The server has the file; `status` is its latest answer (nil before the first).
        case running(JobID, status: UploadJobStatusDTO?)
        /// Asking for the status failed; ctrl-r asks again.
        case stalled(JobID, status: UploadJobStatusDTO?)
        /// Done or failed, as the server says.
        case finished(UploadJobStatusDTO)
    }

    /// Status is asked for this often while the job moves, backing off to `slowestPoll`
    /// while it does not (waiting for a worker), so a long wait costs little.
    static let fastestPoll = 300
    static let slowestPoll = 2000

    let shop: ShopDTO
    var path: TextFieldState
    var phase: Phase = .choosing
    /// Why the last step did not work: a file problem, an upload or status error.
    var problem: String?
    /// The row errors of a finished import.
    var errors = ListState()
    /// Bumped whenever polling should stop (closing, leaving the tab, a new upload), so a
    /// status request already on its way is dropped when it comes back.
    var pollGeneration = 0
    var pollDelay = ImportModel.fastestPoll
    /// Polling stopped because the vendor left the tab; it resumes when they come back.
    var isPaused = false

    init(shop: ShopDTO, path: String) {
        self.shop = shop
        self.path = TextFieldState(text: path, maxLength: 4096)
    }

    var isChoosing: Bool {
        if case .choosing = phase { return true }
        return false
    }

    var jobID: JobID? {
        switch phase {
        case .running(let id, _), .stalled(let id, _): id
        case .finished(let status): status.id
        case .choosing, .uploading: nil
        }
    }

    /// The latest word from the server about the job.
    var status: UploadJobStatusDTO? {
        switch phase {
        case .running(_, let status), .stalled(_, let status): status
        case .finished(let status): status
        case .choosing, .uploading: nil
        }
    }

    var isWorking: Bool {
        switch phase {
        case .uploading, .running: true
        case .choosing, .stalled, .finished: false
        }
    }

    /// The next wait before asking again: short while the job moves, doubling while it
    /// stands still.
    mutating func nextPollDelay(after previous: UploadJobStatusDTO?, now current: UploadJobStatusDTO) -> Int {
        let moved = previous == nil || previous?.state != current.state || previous?.progress != current.progress
        pollDelay = moved ? Self.fastestPoll : min(Self.slowestPoll, pollDelay * 2)
        return pollDelay
    }

    /// The one-line summary of a finished import.
    static func summary(_ status: UploadJobStatusDTO, shopName: String) -> String {
        if status.state == .failed { return "The import into \(shopName) failed: " + (status.failure ?? "the file could not be processed.") }
        guard let result = status.result else { return "The import into \(shopName) is done." }
        var parts = ["\(result.created) created", "\(result.updated) updated"]
        if result.rejected > 0 { parts.append("\(result.rejected) rejected") }
        return "Imported into \(shopName): " + parts.joined(separator: ", ") + "."
    }
}
