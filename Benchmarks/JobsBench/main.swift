import FluentKit
import FluentPostgresDriver
import Foundation
import Logging
import MarketServer
import ServiceLifecycle
import SQLKit
#if canImport(Glibc)
import Glibc
#endif

// The job queue benchmark (scripts/bench-jobs runs it), on a fresh database:
//   1. enqueue, one at a time: `--single` no-op jobs, each its own statement (as a request
//      handler would), before any worker runs
//   2. workers start and run those (warm-up); on PostgreSQL until every worker process has
//      run at least one job
//   3. throughput: `--jobs` no-op jobs enqueued in one transaction with the batch enqueue
//      (its rate is reported), then the time from that commit to the last completion
//      (`finished_at` of the last job), which is an upper bound on first claim → last
//      completion
//   4. latency: `--latency-jobs` single jobs, one at a time with a pause, each in its own
//      transaction; enqueue commit → handler start (the handler notes its start time)
// Workers: SQLite runs one in-process worker (like `serve`); PostgreSQL runs `--workers`
// separate `marketmate-server worker` processes.

struct Options {
    enum Engine: String { case sqlite, postgres }
    var engine = Engine.sqlite
    var databaseURL: String?
    var jobs = 20_000
    var single = 2_000
    var latencyJobs = 200
    var latencyPause = 20
    var workers: Int?
    var serverBinary: String?
    var keep = false

    static let usage = """
        Usage: marketmate-jobs-bench [--database sqlite|postgres] [--database-url URL]
                                     [--jobs N] [--single N] [--latency-jobs N] [--pause MS]
                                     [--workers N] [--server-binary PATH] [--keep]

        Measures the job queue with no-op jobs (`system.noop`) on a fresh database:
          enqueue one at a time   --single jobs (default 2000), each its own statement,
                                  before workers start: jobs/s
          enqueue batched         --jobs jobs (default 20000) in one transaction through
                                  JobQueue.enqueue(batch:on:): jobs/s
          run                     from that commit to the last job's completion
                                  (finished_at): jobs/s; target >= 5000 on SQLite,
                                  >= 3000 on PostgreSQL with two worker processes
          latency                 --latency-jobs single jobs (default 200) enqueued one at
                                  a time, --pause ms apart (default 20), each in its own
                                  transaction: enqueue commit -> handler start, p50/p90/p99
                                  (target p50 <= 10 ms)

          --database sqlite     (default) a temporary data directory, one in-process worker
                                as `marketmate-server serve` runs it
          --database postgres   needs --database-url (or MARKETMATE_BENCH_POSTGRES_URL): a
                                server where the URL's role may CREATE DATABASE; a fresh
                                database is created there and dropped afterwards.
                                --workers N (default 2) `marketmate-server worker`
                                processes do the work; --workers 0 runs one in-process
                                worker instead
          --server-binary PATH  the marketmate-server used for worker processes (default:
                                next to this executable)
          --keep                keep the data directory and database (their names are
                                printed)
        Prints one line per figure and a closing summary against the targets. Exit status 1
        when a job did not complete exactly once, or a step failed.
        """

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        func number(_ flag: String) -> Int {
            guard let text = iterator.next(), let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= 0 else {
                fail("\(flag) needs a whole number (see --help)", status: 2)
            }
            return value
        }
        while let argument = iterator.next() {
            switch argument {
            case "--database":
                guard let engine = iterator.next().flatMap(Engine.init(rawValue:)) else { fail("--database is sqlite or postgres", status: 2) }
                self.engine = engine
            case "--database-url": databaseURL = iterator.next()
            case "--jobs": jobs = max(1, number(argument))
            case "--single": single = number(argument)
            case "--latency-jobs": latencyJobs = number(argument)
            case "--pause": latencyPause = number(argument)
            case "--workers": workers = number(argument)
            case "--server-binary": serverBinary = iterator.next()
            case "--keep": keep = true
            case "-h", "--help":
                say(Self.usage)
                exit(0)
            default:
                fail("unknown argument \(argument) (see --help)", status: 2)
            }
        }
        if engine == .postgres {
            databaseURL = databaseURL ?? ProcessInfo.processInfo.environment["MARKETMATE_BENCH_POSTGRES_URL"]
            if databaseURL == nil { fail("--database postgres needs --database-url (see --help)", status: 2) }
        }
        if engine == .sqlite, let workers, workers > 0 {
            fail("on SQLite the worker runs in process (one writer); --workers applies to PostgreSQL", status: 2)
        }
    }
}

/// Unbuffered, so each line shows as it is measured, even into a pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("marketmate-jobs-bench: \(message)\n".utf8))
    exit(status)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[max(0, min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

func grouped(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    formatter.groupingSeparator = ","
    return formatter.string(from: NSNumber(value: value.rounded())) ?? "\(Int(value))"
}

/// CPU seconds (user + system) a process has used so far, from /proc.
func cpuSeconds(pid: Int32) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // After "pid (comm)": state is field 0, utime 11, stime 12.
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// Busy and total jiffies of the whole machine, from /proc/stat.
func machineJiffies() -> (busy: Double, total: Double) {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return (0, 0) }
    let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
    guard values.count >= 5 else { return (0, 0) }
    let idle = values[3] + values[4]
    let total = values.reduce(0, +)
    return (total - idle, total)
}

func selfCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// A `marketmate-server worker` process on the benchmark's database.
final class WorkerProcess {
    let process = Process()

    init(binary: String, databaseURL: String, dataDirectory: String, index: Int) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "worker", "--database-url", databaseURL, "--data-dir", dataDirectory, "--log-level", "warning", "--log-format", "text",
        ]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MARKETMATE_") }
        let log = (dataDirectory as NSString).appendingPathComponent("worker-\(index).log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func stop() async -> Int32 {
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(40)
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }
}

/// Runs `body` with an SQL connection to the server in `url` (to create and drop the
/// benchmark's database).
func withAdminDatabase(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
    let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
    databases.use(try .postgres(url: url), as: .psql)
    var logger = Logger(label: "bench.admin")
    logger.logLevel = .error
    do {
        try await body(databases.database(logger: logger, on: databases.eventLoopGroup.any()) as! any SQLDatabase)
    } catch {
        await databases.shutdownAsync()
        throw error
    }
    await databases.shutdownAsync()
}

func replacingDatabase(in url: String, with name: String) -> String {
    var components = URLComponents(string: url)!
    components.path = "/" + name
    return components.string!
}

struct Summary {
    var runRate = 0.0
    var latencyP50 = Double.nan
    var problems: [String] = []
}

/// Committed transactions in the benchmark's PostgreSQL database so far (nil on SQLite).
/// Backends report their counts when idle, at most once a second, hence the pause.
func postgresTransactions(_ env: AppEnvironment) async throws -> Int? {
    guard env.storage.engine == .postgres, let sql = env.database as? any SQLDatabase else { return nil }
    try await Task.sleep(for: .milliseconds(1500))
    _ = try await sql.raw("SELECT pg_stat_clear_snapshot()").run()
    return try await sql.raw("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()").first()?
        .decode(column: "xact_commit", as: Int.self)
}

/// Unfinished jobs (any type) right now; read off the writer's connection on SQLite.
func unfinished(_ env: AppEnvironment) async throws -> Int {
    let sql = env.storage.readDatabase(logger: env.logger) as! any SQLDatabase
    return try await sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE state IN ('pending', 'active', 'failed')").first()?
        .decode(column: "n", as: Int.self) ?? 0
}

/// Polls every 25 ms until no job is left; returns how many polls it took.
@discardableResult
func waitUntilIdle(_ env: AppEnvironment, timeout: Duration, what: String) async throws -> Int {
    let deadline = ContinuousClock.now + timeout
    var polls = 1
    while try await unfinished(env) > 0 {
        if ContinuousClock.now > deadline { fail("timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(25))
        polls += 1
    }
    return polls
}

func run(options: Options) async throws -> Summary {
    var summary = Summary()
    let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-jobs-bench-\(UUID().uuidString.prefix(8))").path
    LoggingSetup.bootstrap(format: .text, level: .warning)
    var logger = Logger(label: "marketmate.jobs-bench")
    logger.logLevel = .warning

    var config = ServerConfiguration()
    config.dataDirectory = dataDirectory
    config.logLevel = .warning
    config.logFormat = .text
    var databaseName: String?
    if options.engine == .postgres, let base = options.databaseURL {
        let name = "mm_jobs_bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        try await withAdminDatabase(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
        databaseName = String(name)
        config.databaseURL = replacingDatabase(in: base, with: String(name))
    }
    let workerCount = options.engine == .postgres ? (options.workers ?? 2) : 0
    say("database: \(options.engine.rawValue)\(databaseName.map { " (fresh database \($0))" } ?? ""), data directory \(dataDirectory)")
    say("workers: \(workerCount == 0 ? "1 in process (as `marketmate-server serve` runs it)" : "\(workerCount) `marketmate-server worker` processes")")
    say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?")")

    let env = try await AppEnvironment.bootstrap(configuration: config, logger: logger)
    let queue = env.jobs
    let database = env.database

    // 1. One at a time, before any worker runs.
    if options.single > 0 {
        let started = ContinuousClock.now
        for _ in 0..<options.single {
            try await queue.enqueue(NoopJobHandler.self, payload: .init(), on: database)
        }
        let elapsed = seconds(.now - started)
        say("enqueue one at a time: \(options.single) jobs in \(format(elapsed)) s = \(grouped(Double(options.single) / elapsed)) jobs/s (\(format(elapsed / Double(options.single) * 1000, 3)) ms each)")
    }

    // 2. Workers, and a warm-up.
    var processes: [WorkerProcess] = []
    var inProcess: (group: ServiceGroup, task: Task<Void, any Error>)?
    if workerCount > 0 {
        let binary = options.serverBinary
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("marketmate-server").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { fail("no marketmate-server at \(binary) (use --server-binary)") }
        for index in 0..<workerCount {
            processes.append(try WorkerProcess(binary: binary, databaseURL: config.databaseURL!, dataDirectory: dataDirectory, index: index))
        }
    } else {
        let group = ServiceGroup(services: [JobWorker(environment: env)], logger: logger)
        inProcess = (group, Task { try await group.run() })
    }
    try await waitUntilIdle(env, timeout: .seconds(120), what: "the warm-up jobs")
    if !processes.isEmpty {
        // Until every worker process has run a job, so none is still starting up.
        let pids = Set(processes.map(\.pid))
        let deadline = ContinuousClock.now + .seconds(60)
        while Set(NoopJobHandler.notes(dataDirectory: dataDirectory).values.map(\.pid)) != pids {
            if ContinuousClock.now > deadline { fail("not every worker process ran a job within 60 s (see \(dataDirectory)/worker-*.log)") }
            for _ in 0..<10 { try await queue.enqueue(NoopJobHandler.self, payload: .init(note: true), on: database) }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await waitUntilIdle(env, timeout: .seconds(60), what: "the warm-up jobs")
    }
    try await Task.sleep(for: .milliseconds(500))

    // 3. Throughput.
    let createdAfter = Date()
    let cpuBefore = processes.isEmpty ? [selfCPUSeconds()] : processes.map { cpuSeconds(pid: $0.pid) ?? 0 }
    let machineBefore = machineJiffies()
    let statementsBefore = try await postgresTransactions(env)
    let enqueueStarted = ContinuousClock.now
    let drafts = try (0..<options.jobs).map { _ in try NewJob(NoopJobHandler.self, payload: .init()) }
    try await database.transaction { tx in _ = try await queue.enqueue(batch: drafts, on: tx) }
    let committed = Date()
    let enqueueSeconds = seconds(.now - enqueueStarted)
    say("enqueue batched: \(options.jobs) jobs in one transaction (\(JobQueue.enqueueChunk) rows per INSERT) in \(format(enqueueSeconds)) s = \(grouped(Double(options.jobs) / enqueueSeconds)) jobs/s")
    let polls = try await waitUntilIdle(env, timeout: .seconds(600), what: "the \(options.jobs) jobs")
    let cpuAfter = processes.isEmpty ? [selfCPUSeconds()] : processes.map { cpuSeconds(pid: $0.pid) ?? 0 }
    let machineAfter = machineJiffies()
    let statementsAfter = try await postgresTransactions(env)
    let sql = database as! any SQLDatabase
    guard let row = try await sql.raw("""
        SELECT COUNT(*) AS n, MIN(finished_at) AS first, MAX(finished_at) AS last,
               SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END) AS retried,
               SUM(CASE WHEN state = 'completed' THEN 1 ELSE 0 END) AS completed
        FROM jobs WHERE type = \(bind: NoopJobHandler.type) AND created_at >= \(bind: createdAfter)
        """).first() else { fail("no jobs found") }
    let count = try row.decode(column: "n", as: Int.self)
    let completed = try row.decode(column: "completed", as: Int?.self) ?? 0
    let retried = try row.decode(column: "retried", as: Int?.self) ?? 0
    let first = try row.decode(column: "first", as: Date.self)
    let last = try row.decode(column: "last", as: Date.self)
    let runSeconds = last.timeIntervalSince(committed)
    summary.runRate = Double(options.jobs) / runSeconds
    say("run: \(options.jobs) jobs, enqueue commit → last completion \(format(runSeconds)) s = \(grouped(summary.runRate)) jobs/s (first completion \(format(first.timeIntervalSince(committed) * 1000, 1)) ms after the commit)")
    let cpu = zip(cpuBefore, cpuAfter).map { $1 - $0 }
    let machine = (machineAfter.busy - machineBefore.busy) / max(1, machineAfter.total - machineBefore.total)
    let cpuText = processes.isEmpty
        ? "benchmark process (server + worker) \(format(cpu[0])) s"
        : "worker processes " + cpu.map { "\(format($0)) s" }.joined(separator: " + ")
    say("  CPU during the run: \(cpuText); whole machine \(format(machine * 100, 0))% busy")
    if count != options.jobs || completed != options.jobs { summary.problems.append("\(options.jobs - completed) of \(options.jobs) jobs did not complete (found \(count))") }
    if retried > 0 { summary.problems.append("\(retried) jobs ran more than once") }
    if let statementsBefore, let statementsAfter {
        // Every queue statement runs in its own transaction. Not counted: the enqueue's,
        // the benchmark's polls and its two statements reading the counter.
        let count = Double(statementsAfter - statementsBefore - 1 - polls - 2)
        say("  PostgreSQL transactions during the run: \(grouped(count)) (\(format(Double(options.jobs) / count, 1)) jobs per transaction)")
    }
    say("  checks: \(completed) of \(options.jobs) completed, \(retried) with more than one attempt")

    // 4. Latency.
    if options.latencyJobs > 0 {
        var enqueued: [(id: String, call: Date, commit: Date)] = []
        for _ in 0..<options.latencyJobs {
            try await Task.sleep(for: .milliseconds(options.latencyPause))
            let call = Date()
            let job = try await database.transaction { tx in
                try await queue.enqueue(NoopJobHandler.self, payload: .init(note: true), on: tx)
            }
            enqueued.append((job.id, call, Date()))
        }
        try await waitUntilIdle(env, timeout: .seconds(60), what: "the latency jobs")
        let notes = NoopJobHandler.notes(dataDirectory: dataDirectory)
        var fromCommit: [Double] = [], fromCall: [Double] = []
        for job in enqueued {
            guard let note = notes[job.id] else { summary.problems.append("no start noted for \(job.id)"); continue }
            fromCommit.append(note.start.timeIntervalSince(job.commit) * 1000)
            fromCall.append(note.start.timeIntervalSince(job.call) * 1000)
        }
        fromCommit.sort()
        fromCall.sort()
        summary.latencyP50 = percentile(fromCommit, 0.5)
        say("latency, enqueue commit → handler start (\(options.latencyJobs) jobs, \(options.latencyPause) ms apart): p50 \(format(summary.latencyP50)) ms, p90 \(format(percentile(fromCommit, 0.9))) ms, p99 \(format(percentile(fromCommit, 0.99))) ms, max \(format(fromCommit.last ?? .nan)) ms")
        say("  from the enqueue call (transaction begin) instead: p50 \(format(percentile(fromCall, 0.5))) ms, p99 \(format(percentile(fromCall, 0.99))) ms")
    }

    // 5. Stop.
    for (index, process) in processes.enumerated() {
        let status = await process.stop()
        if status != 0 { summary.problems.append("worker process \(index) exited with status \(status)") }
    }
    if let inProcess {
        await inProcess.group.triggerGracefulShutdown()
        try await inProcess.task.value
    }
    let leftovers = try await sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE state <> 'completed'").first()?.decode(column: "n", as: Int.self) ?? 0
    if leftovers > 0 { summary.problems.append("\(leftovers) jobs not completed at the end") }
    await env.shutdown()
    if options.keep {
        say("kept: data directory \(dataDirectory)\(databaseName.map { ", database \($0)" } ?? "")")
    } else {
        try? FileManager.default.removeItem(atPath: dataDirectory)
        if let databaseName, let base = options.databaseURL {
            try await withAdminDatabase(base) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: databaseName) WITH (FORCE)").run() }
        }
    }
    return summary
}

let options = Options(arguments: CommandLine.arguments)
do {
    let summary = try await run(options: options)
    let target: Double = options.engine == .sqlite ? 5000 : 3000
    let setup = options.engine == .sqlite ? "SQLite, 1 in-process worker"
        : "PostgreSQL, \(options.workers ?? 2) worker process\((options.workers ?? 2) == 1 ? "" : "es")"
    say("summary (\(setup)): run \(grouped(summary.runRate)) jobs/s (target >= \(grouped(target)): \(summary.runRate >= target ? "met" : "NOT met")); "
        + "latency p50 \(format(summary.latencyP50)) ms (target <= 10 ms: \(summary.latencyP50 <= 10 ? "met" : "NOT met"))")
    if !summary.problems.isEmpty {
        for problem in summary.problems { say("problem: \(problem)") }
        exit(1)
    }
} catch {
    fail("\(error)")
}
