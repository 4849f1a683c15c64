import FluentKit
import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import MarketServer

@Suite("JobQueue batches: batch enqueue, multi-type claims, batched completion, no-op jobs")
struct JobQueueBatchTests {
    struct Boom: Error {}

    @Test("a batch enqueue keeps the order, honours unique keys in and outside the batch, and is all or nothing", arguments: TestDatabase.enabled)
    func batchEnqueue(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let held = try await h.queue.enqueue("test.count", payload: CountPayload(n: 0), options: JobOptions(uniqueKey: "k1"), on: h.database)
            let batch = [
                try NewJob("test.count", payload: CountPayload(n: 1)),
                try NewJob("test.count", payload: CountPayload(n: 2), options: JobOptions(uniqueKey: "k1")),
                try NewJob("test.count", payload: CountPayload(n: 3), options: JobOptions(priority: 7, maxAttempts: 9, uniqueKey: "k2")),
                try NewJob("test.count", payload: CountPayload(n: 4), options: JobOptions(uniqueKey: "k2")),
                try NewJob("test.other", payload: CountPayload(n: 5), options: JobOptions(delay: 60)),
            ]
            let ids = try await h.queue.enqueue(batch: batch, on: h.database)
            #expect(ids.count == 5 && Set(ids).count == 4)
            #expect(ids[1] == held.id)
            #expect(ids[2] == ids[3])
            let first = try #require(try await h.queue.job(id: ids[0]))
            #expect(first.state == .pending && first.attempts == 0 && first.type == "test.count")
            #expect(try first.decodePayload(as: CountPayload.self).n == 1)
            let keyed = try #require(try await h.queue.job(id: ids[2]))
            #expect(keyed.priority == 7 && keyed.maxAttempts == 9 && keyed.uniqueKey == "k2")
            #expect(try keyed.decodePayload(as: CountPayload.self).n == 3)
            #expect(try await h.queue.job(id: held.id)?.decodePayload(as: CountPayload.self).n == 0)
            let delayed = try #require(try await h.queue.job(id: ids[4]))
            #expect(abs(delayed.runAt.timeIntervalSince(h.clock.now()) - 60) < 0.001)
            #expect(try await h.queue.claim(type: "test.other", limit: 10, owner: "w", lease: 60).isEmpty)
            #expect(try await h.queue.claim(type: "test.count", limit: 10, owner: "w", lease: 60).count == 3)

            // Rolled back with the caller's transaction: none of them exists.
            let rolledBack = NIOLockedValueBox<[String]>([])
            await #expect(throws: Boom.self) {
                try await h.database.transaction { tx in
                    let ids = try await h.queue.enqueue(
                        batch: (0..<3).map { try NewJob("test.late", payload: CountPayload(n: $0)) }, on: tx)
                    rolledBack.withLockedValue { $0 = ids }
                    throw Boom()
                }
            }
            #expect(rolledBack.withLockedValue { $0 }.count == 3)
            for id in rolledBack.withLockedValue({ $0 }) { #expect(try await h.queue.job(id: id) == nil) }

            // More rows than one INSERT takes.
            let many = try await h.queue.enqueue(
                batch: (0..<(JobQueue.enqueueChunk * 2 + 7)).map { try NewJob("test.many", payload: CountPayload(n: $0)) }, on: h.database)
            #expect(Set(many).count == JobQueue.enqueueChunk * 2 + 7)
            #expect(try await h.queue.depth().first { $0.type == "test.many" }?.count == JobQueue.enqueueChunk * 2 + 7)
            #expect(try await h.queue.enqueue(batch: [], on: h.database).isEmpty)
        }
    }

    @Test("batch claims from concurrent workers never hand one job to two of them", arguments: TestDatabase.enabled)
    func concurrentBatchClaims(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let total = 2000
            try await h.queue.enqueue(batch: (0..<total).map { try NewJob("test.count", payload: CountPayload(n: $0)) }, on: h.database)
            // Four claimers side by side, each holding the leases of its whole batch until it
            // completes them, as a worker does.
            let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let jobs = try await h.queue.claim(type: "test.count", limit: 37, owner: "w\(worker)", lease: 60)
                            if jobs.isEmpty { return mine }
                            #expect(jobs.allSatisfy { $0.leaseOwner == "w\(worker)" && $0.attempts == 1 && $0.state == .active })
                            mine += jobs.map(\.id)
                            let completed = try await h.queue.complete(ids: jobs.map(\.id), owner: "w\(worker)")
                            #expect(completed.count == jobs.count)
                        }
                    }
                }
                var all: [[String]] = []
                for try await claimed in group { all.append(claimed) }
                return all
            }
            let claimed = claims.flatMap { $0 }
            #expect(claimed.count == total)
            #expect(Set(claimed).count == total)
            #expect(try await h.queue.depth().filter { $0.type == "test.count" }.isEmpty)
            #expect(try await h.queue.jobs(in: .completed, limit: total + 1).count == total)
        }
    }

    @Test("one claim serves several types, each up to its own limit, in claim order, expired leases included", arguments: TestDatabase.enabled)
    func multiTypeClaim(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            // A test.a job whose worker died: due again once its lease runs out, in its place
            // by priority and due time.
            let stalled = try await h.queue.enqueue("test.a", payload: CountPayload(n: 9), options: JobOptions(priority: 2), on: h.database)
            #expect(try await h.queue.claim(type: "test.a", limit: 1, owner: "crashed", lease: 5).map(\.id) == [stalled.id])
            var a: [String] = [], b: [String] = []
            for (n, priority) in [(0, 0), (1, 3), (2, 1), (3, 3)] {
                h.clock.advance(by: 1)
                a.append(try await h.queue.enqueue("test.a", payload: CountPayload(n: n), options: JobOptions(priority: priority), on: h.database).id)
            }
            for n in 0..<3 {
                h.clock.advance(by: 1)
                b.append(try await h.queue.enqueue("test.b", payload: CountPayload(n: n), on: h.database).id)
            }

            let claimed = try await h.queue.claim([(type: "test.a", limit: 3), (type: "test.b", limit: 2), (type: "test.none", limit: 5)], owner: "w", lease: 60)
            #expect(claimed.map(\.id) == [a[1], a[3], stalled.id, b[0], b[1]])
            #expect(claimed.map(\.attempts) == [1, 1, 2, 1, 1])
            #expect(claimed.allSatisfy { $0.leaseOwner == "w" && $0.state == .active })
            #expect(try await h.queue.claim([(type: "test.a", limit: 0), (type: "test.b", limit: 0)], owner: "w", lease: 60).isEmpty)
            #expect(try await h.queue.claim([(type: "test.a", limit: 5), (type: "test.b", limit: 5)], owner: "w", lease: 60).map(\.id) == [a[2], a[0], b[2]])
            #expect(try await h.queue.claim([(type: "test.a", limit: 5), (type: "test.b", limit: 5)], owner: "w", lease: 60).isEmpty)
        }
    }

    @Test("a claim without expiredLeases leaves jobs of dead workers to the sweep", arguments: TestDatabase.enabled)
    func claimWithoutExpiredLeases(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let job = try await h.queue.enqueue("test.count", payload: CountPayload(n: 1), on: h.database)
            _ = try await h.queue.claim(type: "test.count", limit: 1, owner: "crashed", lease: 5)
            h.clock.advance(by: 6)
            #expect(try await h.queue.claim([(type: "test.count", limit: 5)], owner: "w", lease: 60, expiredLeases: false).isEmpty)
            #expect(try await h.queue.claim([(type: "test.count", limit: 5)], owner: "w", lease: 60, expiredLeases: true).map(\.id) == [job.id])
        }
    }

    @Test("a worker claims a type an in-process enqueue names at once, without waiting for its sweep", arguments: TestDatabase.enabled)
    func hintedTypeWithoutSweep(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let ledger = RunLedger()
            h.registry.register(CountingHandler(ledger: ledger))
            h.registry.register(AlwaysFailingHandler(ledger: ledger))
            try await h.running([h.worker { $0.pollInterval = .seconds(120) }]) {
                try await Task.sleep(for: .milliseconds(300))  // the first sweep is done
                for n in 0..<3 {
                    let started = ContinuousClock.now
                    try await h.queue.enqueue(CountingHandler.self, payload: CountPayload(n: n), on: h.database)
                    // Far below the 120 s poll, with room for a loaded machine running the whole suite.
                    try await eventually(timeout: .seconds(30), "run \(n)") { ledger.runs[n] == 1 }
                    #expect(ContinuousClock.now - started < .seconds(30))
                }
                // A batch of more than one claim's worth keeps the type claimed until it is drained.
                try await h.queue.enqueue(batch: (10..<60).map { try NewJob(CountingHandler.self, payload: CountPayload(n: $0)) }, on: h.database)
                try await eventually(timeout: .seconds(30), "53 runs") { ledger.total == 53 }
            }
            #expect(ledger.runs.values.allSatisfy { $0 == 1 })
        }
    }

    @Test("a batch completion completes only the runs whose lease is still ours", arguments: TestDatabase.enabled)
    func batchComplete(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let ids = try await h.queue.enqueue(batch: (0..<3).map { try NewJob("test.count", payload: CountPayload(n: $0)) }, on: h.database)
            _ = try await h.queue.claim(type: "test.count", limit: 2, owner: "w", lease: 10)
            h.clock.advance(by: 5)
            _ = try await h.queue.claim(type: "test.count", limit: 1, owner: "w", lease: 10)
            h.clock.advance(by: 6)
            // The first two leases ran out; another worker took one of them.
            let taken = try #require(try await h.queue.claim(type: "test.count", limit: 1, owner: "w2", lease: 60).first)
            let completed = try await h.queue.complete(ids: ids + ["job_missing"], owner: "w")
            #expect(completed == Set(ids).subtracting([taken.id]))
            #expect(try await h.queue.job(id: taken.id)?.state == .active)
            #expect(try await h.queue.job(id: taken.id)?.leaseOwner == "w2")
            #expect(try await h.queue.complete(ids: [], owner: "w").isEmpty)
        }
    }

    @Test("no-op jobs run through a worker with batched completions, and note their start when asked", arguments: TestDatabase.enabled)
    func noopThroughWorker(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let directory = h.environment.configuration.dataDirectory
            h.registry.register(NoopJobHandler(dataDirectory: directory))
            let quiet = try await h.queue.enqueue(
                batch: (0..<300).map { _ in try NewJob(NoopJobHandler.self, payload: .init()) }, on: h.database)
            let noted = try await h.queue.enqueue(
                batch: (0..<3).map { _ in try NewJob(NoopJobHandler.self, payload: .init(note: true)) }, on: h.database)
            let metrics = AppMetrics()
            var configuration = JobWorker.Configuration()
            configuration.pollInterval = .milliseconds(50)
            let worker = JobWorker(queue: h.queue, configuration: configuration, metrics: metrics, logger: h.environment.logger)
            try await h.running([worker]) {
                try await eventually(timeout: .seconds(60), "303 completed no-op jobs") {
                    try await h.queue.depth().filter { $0.type == NoopJobHandler.type }.isEmpty
                }
            }
            for id in quiet + noted {
                let job = try #require(try await h.queue.job(id: id))
                #expect(job.state == .completed && job.attempts == 1 && job.leaseOwner == nil && job.finishedAt != nil)
            }
            let notes = NoopJobHandler.notes(dataDirectory: directory)
            #expect(Set(notes.keys) == Set(noted))
            #expect(notes.values.allSatisfy { $0.pid == ProcessInfo.processInfo.processIdentifier })
            // An empty payload decodes too (the note is off by default).
            #expect(try JSONDecoder().decode(NoopJobHandler.Payload.self, from: Data("{}".utf8)).note == false)
            #expect(metrics.exposition().contains(#"marketmate_job_duration_seconds_count{type="system.noop",outcome="completed"} 303"#))
        }
    }

    @Test("on PostgreSQL a batch enqueued by another process wakes the worker through NOTIFY")
    func batchNotifies() async throws {
        guard TestDatabase.enabled.contains(.postgres) else { return }
        try await JobHarness.run(.postgres) { h in
            let ledger = RunLedger()
            h.registry.register(CountingHandler(ledger: ledger))
            let elsewhere = JobQueue(engine: .postgres, clock: h.clock, registry: JobRegistry()) { h.environment.database }
            try await h.running([h.worker { $0.pollInterval = .seconds(120) }]) {
                try await h.untilListening()
                try await h.database.transaction { tx in
                    _ = try await elsewhere.enqueue(batch: (0..<20).map { try NewJob(CountingHandler.self, payload: CountPayload(n: $0)) }, on: tx)
                }
                try await eventually(timeout: .seconds(10), "the notified runs") { ledger.total == 20 }
            }
            #expect(ledger.runs.count == 20)
        }
    }
}
