import Foundation

/// `system.sleep`: waits a while and notes each start and finish in
/// `<data dir>/job-diagnostics/<job id>.log`. For operators checking that workers run at
/// all, and for the live tests that `kill -9` a worker
/// mid-job and then count how often the job started and finished. Idempotent: it only
/// appends to its own job's log.
public struct DiagnosticJobHandler: JobHandler {
    public struct Payload: Codable, Sendable {
        public var milliseconds: Int
        /// Write the log file; off for benchmarks.
        public var record: Bool
        public init(milliseconds: Int, record: Bool = true) {
            self.milliseconds = milliseconds
            self.record = record
        }
    }

    public static let type = "system.sleep"
    public static let settings = JobSettings(maxAttempts: 3, timeout: .seconds(600), concurrency: 16)

    let directory: String

    public init(dataDirectory: String) {
        directory = (dataDirectory as NSString).appendingPathComponent("job-diagnostics")
    }

    public func run(_ payload: Payload, context: JobContext) async throws {
        let pid = ProcessInfo.processInfo.processIdentifier
        if payload.record { try note("start pid=\(pid) attempt=\(context.attempt)", job: context.jobID) }
        if payload.milliseconds > 0 { try await Task.sleep(for: .milliseconds(payload.milliseconds)) }
        if payload.record { try note("done pid=\(pid) attempt=\(context.attempt)", job: context.jobID) }
    }

    public static func log(jobID: String, dataDirectory: String) -> [String] {
        let path = (dataDirectory as NSString).appendingPathComponent("job-diagnostics/\(jobID).log")
        return ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private func note(_ line: String, job: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("\(job).log")
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }
}
