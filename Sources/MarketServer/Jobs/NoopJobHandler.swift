import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `system.noop`: does nothing, so a run costs only the queue's own work (claim, dispatch,
/// completion). The job benchmark (`scripts/bench-jobs`) runs it; operators may use it to
/// check that a worker picks jobs up at all.
///
/// With `note` set, the handler first appends `<job id> <start, microseconds since 1970>
/// <pid>` to `<data dir>/job-diagnostics/noop-starts.log`, so the benchmark can measure
/// enqueue-to-start latency even when the worker is another process. Idempotent: a second
/// run only adds a second line.
public struct NoopJobHandler: JobHandler {
    public struct Payload: Codable, Sendable {
        /// Note the start time (see above); off for throughput runs.
        public var note: Bool

        public init(note: Bool = false) { self.note = note }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            note = try container.decodeIfPresent(Bool.self, forKey: .note) ?? false
        }
    }

    public static let type = "system.noop"
    /// The same concurrency as `system.sleep`: a worker claims at most 16 per round trip, so
    /// the benchmark measures the queue at an ordinary type's batch size, not an inflated one.
    public static let settings = JobSettings(maxAttempts: 3, timeout: .seconds(60), concurrency: 16)

    public static let noteFileName = "noop-starts.log"

    let notePath: String

    public init(dataDirectory: String) {
        notePath = (dataDirectory as NSString).appendingPathComponent("job-diagnostics/\(Self.noteFileName)")
    }

    public func run(_ payload: Payload, context: JobContext) async throws {
        guard payload.note else { return }
        let started = Date().timeIntervalSince1970
        try note("\(context.jobID) \(Int64((started * 1_000_000).rounded())) \(ProcessInfo.processInfo.processIdentifier)\n")
    }

    /// One `write` with `O_APPEND`: lines from several worker processes never interleave.
    private func note(_ line: String) throws {
        let directory = (notePath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = open(notePath, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { throw PermanentJobError("cannot open \(notePath): errno \(errno)") }
        defer { close(fd) }
        var bytes = Array(line.utf8)
        let written = write(fd, &bytes, bytes.count)
        guard written == bytes.count else { throw PermanentJobError("cannot write \(notePath): errno \(errno)") }
    }

    /// The notes written so far in `dataDirectory`: job ID → (start, pid).
    public static func notes(dataDirectory: String) -> [String: (start: Date, pid: Int32)] {
        let path = (dataDirectory as NSString).appendingPathComponent("job-diagnostics/\(noteFileName)")
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var notes: [String: (start: Date, pid: Int32)] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let micros = Int64(parts[1]), let pid = Int32(parts[2]) else { continue }
            // The first start wins: a rerun (at least once) does not move it.
            if notes[String(parts[0])] == nil {
                notes[String(parts[0])] = (Date(timeIntervalSince1970: Double(micros) / 1_000_000), pid)
            }
        }
        return notes
    }
}
