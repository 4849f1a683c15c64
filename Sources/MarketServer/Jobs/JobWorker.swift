import Foundation
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Claims and runs jobs: a ServiceLifecycle service, in the server process (`serve`) or on
/// its own (`marketmate-server worker`).
///
/// It claims per type up to that type's free concurrency, sleeps until a job is enqueued in
/// this process, a run finishes, or the poll interval passes, and keeps its leases alive
/// with heartbeats. On graceful shutdown it stops claiming, lets running jobs finish until
/// the deadline, then releases the rest so another worker takes them at once.
public final class JobWorker: Service, Sendable {
    public struct Configuration: Sendable {
        /// The fallback for jobs enqueued by other processes and for delayed jobs.
        public var pollInterval: Duration = .milliseconds(500)
        public var lease: TimeInterval = 60
        /// Well inside the lease, so one missed beat does not lose the job.
        public var heartbeatInterval: Duration = .seconds(15)
        public var shutdownDeadline: Duration = .seconds(25)
        /// How often the depth gauge is refreshed and jobs stranded on their last attempt
        /// are buried.
        public var housekeepingInterval: Duration = .seconds(5)
        /// Completed jobs are deleted this long after they finished (checked every
        /// `pruneInterval`); nil keeps them.
        public var completedRetention: TimeInterval? = 7 * 86_400
        public var pruneInterval: Duration = .seconds(3600)
        /// Which registered types to run; nil runs all of them.
        public var types: Set<String>?
        /// Unique per worker: leases name it.
        public var owner: String = JobWorker.makeOwnerID()

        public init() {}
    }

    public let configuration: Configuration
    let queue: JobQueue
    let logger: Logger
    let metrics: JobMetrics?
    private let running = NIOLockedValueBox<[String: Int]>([:])
    private let stopping = NIOLockedValueBox(false)
    private let doorbell = JobDoorbell()
    private let completions: CompletionBatcher

    public init(queue: JobQueue, configuration: Configuration = .init(), metrics: AppMetrics? = nil, logger: Logger) {
        self.queue = queue
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics.map { JobMetrics(metrics: $0) }
        completions = CompletionBatcher(queue: queue, owner: configuration.owner)
    }

    public static func makeOwnerID() -> String {
        let host = ProcessInfo.processInfo.hostName
        return "\(host):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
    }

    /// How many jobs this worker is running now.
    public var inFlight: Int { running.withLockedValue { $0.values.reduce(0, +) } }

    public func run() async throws {
        queue.addListener(doorbell)
        defer { queue.removeListener(doorbell) }
        let heartbeat = Task { await heartbeatLoop() }
        let listener = Task { [queue, doorbell, logger] in
            await JobNotifications.listen(database: queue.database, doorbell: doorbell, logger: logger)
        }
        let flusher = Task { [completions] in await completions.run() }
        await withGracefulShutdownHandler {
            // Discarding: a finished run leaves nothing behind in the group.
            await withDiscardingTaskGroup { group in
                await claimLoop(group: &group)
                await drain(group: &group)
            }
        } onGracefulShutdown: {
            self.stopping.withLockedValue { $0 = true }
            self.doorbell.ring()
        }
        // Every run has had its completion answered by now.
        completions.stop()
        await flusher.value
        heartbeat.cancel()
        // Awaited so the LISTEN connection is back in the pool before the database closes.
        listener.cancel()
        await listener.value
    }

    private var isStopping: Bool { stopping.withLockedValue { $0 } || Task.isCancelled }

    /// Claims in one statement per round: the types an enqueue named (see `JobDoorbell`)
    /// or whose last claim came back full, and every `pollInterval` all types, which
    /// catches what no enqueue announces: delayed jobs coming due, retries after backoff,
    /// expired leases of dead workers, enqueues in processes that cannot notify (SQLite).
    private func claimLoop(group: inout DiscardingTaskGroup) async {
        var lastHousekeeping = ContinuousClock.now - .seconds(3600)
        var lastPrune = ContinuousClock.now
        var lastSweep = ContinuousClock.now - .seconds(3600)
        // Types that may have due jobs.
        var hot = Set<String>()
        while !isStopping {
            if ContinuousClock.now - lastHousekeeping >= configuration.housekeepingInterval {
                lastHousekeeping = .now
                await housekeeping()
            }
            if let retention = configuration.completedRetention, ContinuousClock.now - lastPrune >= configuration.pruneInterval {
                lastPrune = .now
                await prune(retention: retention)
            }
            hot.formUnion(doorbell.takeHints())
            let sweep = ContinuousClock.now - lastSweep >= configuration.pollInterval
            let free = freeSlots()
            if sweep {
                lastSweep = .now
                // A type without a free slot cannot be looked at now: look when one frees.
                for slot in free where slot.limit == 0 { hot.insert(slot.type) }
            }
            let wants = free.filter { $0.limit > 0 && (sweep || hot.contains($0.type)) }
            var fullBatch = false
            if !wants.isEmpty {
                do {
                    let jobs = try await queue.claim(wants, owner: configuration.owner, lease: configuration.lease, expiredLeases: sweep)
                    var claimed: [String: Int] = [:]
                    for job in jobs { claimed[job.type, default: 0] += 1 }
                    running.withLockedValue { running in
                        for (type, count) in claimed { running[type, default: 0] += count }
                    }
                    for job in jobs {
                        group.addTask {
                            await self.execute(job)
                            self.running.withLockedValue { $0[job.type, default: 1] -= 1 }
                            self.doorbell.ring()
                        }
                    }
                    // A full batch may mean more is due; a short one drained the type.
                    for want in wants {
                        if claimed[want.type, default: 0] == want.limit {
                            hot.insert(want.type)
                            fullBatch = true
                        } else {
                            hot.remove(want.type)
                        }
                    }
                } catch {
                    logger.warning("job claim failed", metadata: ["types": .string(wants.map(\.type).joined(separator: ",")), "error": .string("\(error)")])
                }
            }
            // Claim again at once while a type that may have more has free slots.
            if fullBatch && freeSlots().contains(where: { $0.limit > 0 && hot.contains($0.type) }) { continue }
            let untilSweep = configuration.pollInterval - (ContinuousClock.now - lastSweep)
            await doorbell.signal.wait(timeout: max(.milliseconds(1), untilSweep))
        }
    }

    /// Lets in-flight runs finish until the deadline, then releases what is left and
    /// cancels it. Release comes first: a run that finishes in between finds its lease
    /// gone and changes nothing, and the job runs again elsewhere (at least once).
    private func drain(group: inout DiscardingTaskGroup) async {
        let deadline = ContinuousClock.now + configuration.shutdownDeadline
        while inFlight > 0 && ContinuousClock.now < deadline {
            await doorbell.signal.wait(timeout: min(.milliseconds(100), deadline - .now))
        }
        if inFlight > 0 {
            do {
                let released = try await queue.release(owner: configuration.owner)
                logger.notice("released unfinished jobs at shutdown", metadata: ["count": .stringConvertible(released)])
            } catch {
                logger.error("could not release jobs at shutdown; they return when their lease expires", metadata: ["error": .string("\(error)")])
            }
            group.cancelAll()
        }
    }

    private func freeSlots() -> [(type: String, limit: Int)] {
        let registry = queue.registry
        let types = registry.types.filter { configuration.types?.contains($0) ?? true }
        let busy = running.withLockedValue { $0 }
        return types.map { (type: $0, limit: max(0, registry.settings(for: $0).concurrency - busy[$0, default: 0])) }
    }

    private func execute(_ job: JobRecord) async {
        guard let entry = queue.registry.entry(for: job.type) else { return }
        let context = JobContext(
            jobID: job.id, type: job.type, attempt: job.attempts, maxAttempts: job.maxAttempts,
            logger: logger, clock: queue.clock, queue: queue, owner: configuration.owner)
        let started = ContinuousClock.now
        do {
            try await Self.withTimeout(entry.settings.timeout) { try await entry.run(job, context) }
            let completed = try await completions.complete(job.id)
            metrics?.finished(type: job.type, outcome: completed ? "completed" : "lost_lease", duration: .now - started)
        } catch {
            let permanent = error is PermanentJobError
            let outcome = try? await queue.fail(
                job, owner: configuration.owner, error: String(describing: error), backoff: entry.settings.backoff, permanent: permanent)
            let label = switch outcome {
            case .dead: "dead"
            case .retry: "failed"
            case .lostLease, nil: "lost_lease"
            }
            metrics?.finished(type: job.type, outcome: label, duration: .now - started)
            context.logger.warning("job attempt failed", metadata: [
                "attempt": .stringConvertible(job.attempts), "outcome": .string(label), "error": .string("\(error)"),
            ])
        }
    }

    private func heartbeatLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.heartbeatInterval)
            guard !Task.isCancelled, inFlight > 0 else { continue }
            do {
                try await queue.heartbeat(owner: configuration.owner, lease: configuration.lease)
            } catch {
                logger.warning("job heartbeat failed", metadata: ["error": .string("\(error)")])
            }
        }
    }

    private func housekeeping() async {
        guard !queue.registry.types.isEmpty else { return }
        do {
            try await queue.enqueueDueRecurringJobs()
            try await queue.buryExpired()
            if let metrics { metrics.recordDepth(try await queue.depth()) }
        } catch {
            logger.warning("job housekeeping failed", metadata: ["error": .string("\(error)")])
        }
    }

    private func prune(retention: TimeInterval) async {
        do {
            // Batches until a short one: the backlog clears without one long lock.
            while try await queue.pruneCompleted(finishedBefore: queue.clock.now().addingTimeInterval(-retention)) == 5000 {}
        } catch {
            logger.warning("pruning completed jobs failed", metadata: ["error": .string("\(error)")])
        }
    }

    struct TimeoutError: Error, CustomStringConvertible {
        let limit: Duration
        var description: String { "the job ran longer than its timeout of \(limit)" }
    }

    static func withTimeout(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw TimeoutError(limit: limit)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
