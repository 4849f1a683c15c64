import Foundation
import Glibc
import Testing
@testable import MarketServer

/// Real `marketmate-server worker` processes on one PostgreSQL database.
@Suite("JobQueue worker processes", .serialized)
struct JobQueueProcessTests {
    final class WorkerProcess {
        let process = Process()
        init(databaseURL: String, dataDirectory: String, name: String) throws {
            process.executableURL = URL(fileURLWithPath: try ServerProcessTests.binary)
            process.arguments = [
                "worker", "--database-url", databaseURL, "--data-dir", dataDirectory, "--lease", "3", "--shutdown-deadline", "5",
                "--log-level", "warning", "--log-format", "text",
            ]
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MARKETMATE_") }
            let log = (dataDirectory as NSString).appendingPathComponent("\(name).log")
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = handle
            process.standardError = handle
            try ProcessLaunch.run(process)
        }

        var pid: Int32 { process.processIdentifier }

        func stop(signal: Int32) async -> Int32 {
            kill(pid, signal)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            return process.terminationStatus
        }
    }

    @Test("kill -9 of a worker mid-job: another worker finishes the job later, exactly once; SIGTERM drains")
    func killedWorker() async throws {
        guard TestDatabase.enabled.contains(.postgres) else { return }
        try await JobHarness.run(.postgres) { h in
            let url = try #require(h.databaseURL)
            let dir = h.environment.configuration.dataDirectory
            let first = try WorkerProcess(databaseURL: url, dataDirectory: dir, name: "worker-a")
            let job = try await h.queue.enqueue(DiagnosticJobHandler.type, payload: DiagnosticJobHandler.Payload(milliseconds: 2000), on: h.database)
            try await eventually("worker A to start the job") {
                try await h.queue.job(id: job.id)?.leaseOwner?.contains(":\(first.pid):") ?? false
            }
            let second = try WorkerProcess(databaseURL: url, dataDirectory: dir, name: "worker-b")
            try await Task.sleep(for: .milliseconds(300))
            #expect(await first.stop(signal: SIGKILL) == SIGKILL)

            try await eventually(timeout: .seconds(30), "the job to complete on worker B") {
                try await h.queue.job(id: job.id)?.state == .completed
            }
            let done = try #require(try await h.queue.job(id: job.id))
            #expect(done.attempts == 2)
            let log = DiagnosticJobHandler.log(jobID: job.id, dataDirectory: dir)
            #expect(log == ["start pid=\(first.pid) attempt=1", "start pid=\(second.pid) attempt=2", "done pid=\(second.pid) attempt=2"])

            // SIGTERM lets the running job finish, then the worker exits cleanly.
            let drained = try await h.queue.enqueue(DiagnosticJobHandler.type, payload: DiagnosticJobHandler.Payload(milliseconds: 1000), on: h.database)
            try await eventually("worker B to start the second job") { try await h.queue.job(id: drained.id)?.state == .active }
            #expect(await second.stop(signal: SIGTERM) == 0)
            #expect(try await h.queue.job(id: drained.id)?.state == .completed)
            #expect(DiagnosticJobHandler.log(jobID: drained.id, dataDirectory: dir).count == 2)
        }
    }
}
