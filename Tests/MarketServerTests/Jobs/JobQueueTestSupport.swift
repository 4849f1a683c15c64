import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import ServiceLifecycle
import Testing
@testable import MarketServer

/// A bootstrapped environment (no HTTP, no worker) on a fresh database, with a queue whose
/// clock and jitter the test controls.
struct JobHarness {
    let environment: AppEnvironment
    let clock: ManualClock
    let queue: JobQueue
    /// The PostgreSQL URL (nil on SQLite), for processes that join the same database.
    let databaseURL: String?
    var registry: JobRegistry { queue.registry }
    var database: any Database { environment.database }

    static func run(
        _ database: TestDatabase, random: @escaping @Sendable () -> Double = { 0.5 },
        _ body: (JobHarness) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-jobs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let url = try await database.makeURL(directory: directory)
        var config = ServerConfiguration()
        config.dataDirectory = directory
        config.databaseURL = url
        config.logLevel = .error
        config.environment = "test"
        let clock = ManualClock(Date())
        var overrides = AppOverrides()
        overrides.clock = clock
        overrides.passwordParameters = .init(memoryKiB: 1024, iterations: 1)
        var logger = Logger(label: "test.jobs")
        logger.logLevel = .error
        try await database.withEnvironment(url: url, configuration: config, overrides: overrides, logger: logger) { env in
            let queue = JobQueue(engine: env.storage.engine, clock: clock, registry: JobRegistry(), random: random) {
                env.storage.database(logger: env.logger)
            }
            try await body(JobHarness(environment: env, clock: clock, queue: queue, databaseURL: url))
        }
    }

    func worker(_ configure: (inout JobWorker.Configuration) -> Void = { _ in }) -> JobWorker {
        var configuration = JobWorker.Configuration()
        configuration.pollInterval = .milliseconds(50)
        configure(&configuration)
        return JobWorker(queue: queue, configuration: configuration, logger: environment.logger)
    }

    /// Runs workers in a service group until `body` returns, then shuts them down
    /// gracefully and waits for them to stop.
    func running(_ workers: [JobWorker], _ body: () async throws -> Void) async throws {
        try await runningServices(workers, logger: environment.logger, body)
    }

    /// On PostgreSQL, waits until a worker's connection is in LISTEN on this test's database,
    /// so a NOTIFY sent next reaches it. (A fixed 500 ms was once too short on a loaded CI
    /// machine: the NOTIFY went out before anyone listened, and the poll was 120 s away.)
    func untilListening() async throws {
        let sql = try #require(database as? any SQLDatabase)
        try await eventually(timeout: .seconds(30), "a worker's LISTEN") {
            let row = try await sql.raw("""
                SELECT count(*)::int AS listening FROM pg_stat_activity
                WHERE datname = current_database() AND query ILIKE 'LISTEN%'
                """).first()
            return try (row?.decode(column: "listening", as: Int.self) ?? 0) > 0
        }
    }
}

/// Polls until `condition` holds, failing after `timeout`.
func eventually(timeout: Duration = .seconds(20), _ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        if ContinuousClock.now > deadline { throw TestSetupError("timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

struct CountPayload: Codable, Sendable { var n: Int }

/// Counts runs per payload and notices two runs of one job at the same time.
final class RunLedger: Sendable {
    private struct State {
        var runs: [Int: Int] = [:]
        var running: Set<String> = []
        var overlaps = 0
        var maxRunning = 0
    }

    private let state = NIOLockedValueBox(State())

    func begin(job: String, n: Int) {
        state.withLockedValue { state in
            if !state.running.insert(job).inserted { state.overlaps += 1 }
            state.maxRunning = max(state.maxRunning, state.running.count)
            state.runs[n, default: 0] += 1
        }
    }

    func end(job: String) { state.withLockedValue { _ = $0.running.remove(job) } }

    var runs: [Int: Int] { state.withLockedValue { $0.runs } }
    var total: Int { state.withLockedValue { $0.runs.values.reduce(0, +) } }
    var overlaps: Int { state.withLockedValue { $0.overlaps } }
    var runningNow: Int { state.withLockedValue { $0.running.count } }
    var maxRunning: Int { state.withLockedValue { $0.maxRunning } }
}

/// Records its run, optionally taking a while (cancellable, as handlers should be).
struct CountingHandler: JobHandler {
    static let type = "test.count"
    static let settings = JobSettings(maxAttempts: 3, concurrency: 8)
    let ledger: RunLedger
    var duration: Duration = .zero

    func run(_ payload: CountPayload, context: JobContext) async throws {
        ledger.begin(job: context.jobID, n: payload.n)
        defer { ledger.end(job: context.jobID) }
        if duration > .zero { try await Task.sleep(for: duration) }
        try await context.progress(done: 1, total: 1)
    }
}

/// Never finishes on its own: only cancellation stops it.
struct StuckHandler: JobHandler {
    static let type = "test.stuck"
    let ledger: RunLedger

    func run(_ payload: CountPayload, context: JobContext) async throws {
        ledger.begin(job: context.jobID, n: payload.n)
        defer { ledger.end(job: context.jobID) }
        try await Task.sleep(for: .seconds(3600))
    }
}

struct AlwaysFailingHandler: JobHandler {
    struct Failure: Error, CustomStringConvertible { var description: String { "supplier offline" } }
    static let type = "test.fail"
    static let settings = JobSettings(maxAttempts: 2, backoff: JobBackoff(base: 0.01, cap: 0.01, jitter: 0))
    let ledger: RunLedger

    func run(_ payload: CountPayload, context: JobContext) async throws {
        ledger.begin(job: context.jobID, n: payload.n)
        ledger.end(job: context.jobID)
        throw Failure()
    }
}

/// Overruns its one-attempt timeout.
struct OverrunningHandler: JobHandler {
    static let type = "test.overrun"
    static let settings = JobSettings(maxAttempts: 1, timeout: .milliseconds(100))

    func run(_ payload: CountPayload, context: JobContext) async throws {
        try await Task.sleep(for: .seconds(3600))
    }
}
