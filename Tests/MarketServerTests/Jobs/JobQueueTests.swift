import FluentKit
import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import MarketServer

@Suite("JobQueue: enqueue, claim, backoff, leases")
struct JobQueueTests {
    struct Boom: Error {}

    @Test("a job exists exactly when the enqueuing transaction commits", arguments: TestDatabase.enabled)
    func transactionalEnqueue(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let rolledBack = JobID()
            await #expect(throws: Boom.self) {
                try await h.database.transaction { tx in
                    let job = try await h.queue.enqueue("test.count", payload: CountPayload(n: 1), on: tx)
                    rolledBack.set(job.id)
                    throw Boom()
                }
            }
            #expect(try await h.queue.job(id: try #require(rolledBack.value)) == nil)
            #expect(try await h.queue.claim(type: "test.count", limit: 10, owner: "w", lease: 60).isEmpty)

            let committed = try await h.database.transaction { tx in
                try await h.queue.enqueue("test.count", payload: CountPayload(n: 2), on: tx)
            }
            let stored = try #require(try await h.queue.job(id: committed.id))
            #expect(stored.id.hasPrefix("job_") && stored.state == .pending && stored.attempts == 0)
            #expect(try stored.decodePayload(as: CountPayload.self).n == 2)
        }
    }

    @Test("a unique key returns the unfinished job instead of adding another", arguments: TestDatabase.enabled)
    func uniqueKey(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let options = JobOptions(uniqueKey: "import:shop_1")
            let first = try await h.queue.enqueue("test.count", payload: CountPayload(n: 1), options: options, on: h.database)
            let second = try await h.queue.enqueue("test.count", payload: CountPayload(n: 2), options: options, on: h.database)
            #expect(second.id == first.id)
            #expect(try second.decodePayload(as: CountPayload.self).n == 1)

            // Still unique while it runs; free again once it finished.
            let claimed = try await h.queue.claim(type: "test.count", limit: 10, owner: "w", lease: 60)
            #expect(claimed.map(\.id) == [first.id])
            #expect(try await h.queue.enqueue("test.count", payload: CountPayload(n: 3), options: options, on: h.database).id == first.id)
            #expect(try await h.queue.complete(id: first.id, owner: "w"))
            let third = try await h.queue.enqueue("test.count", payload: CountPayload(n: 4), options: options, on: h.database)
            #expect(third.id != first.id && third.state == .pending)
        }
    }

    @Test("a delayed job is not claimed before its time", arguments: TestDatabase.enabled)
    func delayed(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let job = try await h.queue.enqueue("test.count", payload: CountPayload(n: 1), options: JobOptions(delay: 30), on: h.database)
            #expect(try await h.queue.claim(type: "test.count", limit: 10, owner: "w", lease: 60).isEmpty)
            h.clock.advance(by: 29)
            #expect(try await h.queue.claim(type: "test.count", limit: 10, owner: "w", lease: 60).isEmpty)
            h.clock.advance(by: 1)
            #expect(try await h.queue.claim(type: "test.count", limit: 10, owner: "w", lease: 60).map(\.id) == [job.id])
        }
    }

    @Test("higher priority is claimed first, then the earliest due", arguments: TestDatabase.enabled)
    func priority(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            var ids: [Int: String] = [:]
            for (n, priority) in [(0, 0), (1, 5), (2, 1), (3, 5)] {
                ids[n] = try await h.queue.enqueue("test.count", payload: CountPayload(n: n), options: JobOptions(priority: priority), on: h.database).id
                h.clock.advance(by: 1)
            }
            var order: [String] = []
            for _ in 0..<4 {
                order += try await h.queue.claim(type: "test.count", limit: 1, owner: "w", lease: 60).map(\.id)
            }
            #expect(order == [ids[1], ids[3], ids[2], ids[0]].compactMap { $0 })
            // A batch comes back in the same order.
            try await h.queue.release(owner: "w")
            let batch = try await h.queue.claim(type: "test.count", limit: 10, owner: "w", lease: 60)
            #expect(batch.map(\.id) == order)
        }
    }

    @Test("a failing job backs off exponentially with jitter, capped, then lands in dead", arguments: TestDatabase.enabled)
    func backoffThenDead(database: TestDatabase) async throws {
        // random 0.75 with jitter 0.2 stretches every wait by 10%.
        try await JobHarness.run(database, random: { 0.75 }) { h in
            let backoff = JobBackoff(base: 10, cap: 25, jitter: 0.2)
            let job = try await h.queue.enqueue("test.count", payload: CountPayload(n: 1), options: JobOptions(maxAttempts: 4), on: h.database)
            for (attempt, wait) in [(1, 11.0), (2, 22.0), (3, 27.5)] {
                let claimed = try #require(try await h.queue.claim(type: "test.count", limit: 1, owner: "w", lease: 60).first)
                #expect(claimed.attempts == attempt && claimed.state == .active && claimed.leaseOwner == "w")
                let now = h.clock.now()
                let outcome = try await h.queue.fail(claimed, owner: "w", error: "boom \(attempt)", backoff: backoff)
                guard case .retry(let at) = outcome else { Issue.record("expected a retry, got \(outcome)"); return }
                #expect(abs(at.timeIntervalSince(now) - wait) < 0.001)
                let stored = try #require(try await h.queue.job(id: job.id))
                #expect(stored.state == .failed && stored.lastError == "boom \(attempt)" && stored.leaseOwner == nil)
                #expect(abs(stored.runAt.timeIntervalSince(at)) < 0.001)
                h.clock.advance(by: wait - 0.5)
                #expect(try await h.queue.claim(type: "test.count", limit: 1, owner: "w", lease: 60).isEmpty)
                h.clock.advance(by: 0.5)
            }
            let last = try #require(try await h.queue.claim(type: "test.count", limit: 1, owner: "w", lease: 60).first)
            #expect(last.attempts == 4)
            #expect(try await h.queue.fail(last, owner: "w", error: "final", backoff: backoff) == .dead)
            let dead = try #require(try await h.queue.job(id: job.id))
            #expect(dead.state == .dead && dead.finishedAt != nil && dead.lastError == "final")
            #expect(try await h.queue.jobs(in: .dead).map(\.id) == [job.id])

            // An admin retry puts it back with fresh attempts.
            #expect(try await h.queue.retry(id: job.id)?.state == .pending)
            #expect(try await h.queue.claim(type: "test.count", limit: 1, owner: "w", lease: 60).first?.attempts == 1)
        }
    }

    @Test("an expired lease is reclaimed, and only the new holder can finish the job", arguments: TestDatabase.enabled)
    func expiredLease(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let job = try await h.queue.enqueue("test.count", payload: CountPayload(n: 1), on: h.database)
            #expect(try await h.queue.claim(type: "test.count", limit: 1, owner: "crashed", lease: 60).count == 1)
            h.clock.advance(by: 59)
            #expect(try await h.queue.claim(type: "test.count", limit: 1, owner: "w2", lease: 60).isEmpty)
            h.clock.advance(by: 1)
            let again = try #require(try await h.queue.claim(type: "test.count", limit: 1, owner: "w2", lease: 60).first)
            #expect(again.id == job.id && again.attempts == 2 && again.leaseOwner == "w2")
            #expect(try await h.queue.complete(id: job.id, owner: "crashed") == false)
            #expect(try await h.queue.complete(id: job.id, owner: "w2"))
            #expect(try await h.queue.job(id: job.id)?.state == .completed)

            // Heartbeats keep a lease alive.
            let beating = try await h.queue.enqueue("test.count", payload: CountPayload(n: 2), on: h.database)
            _ = try await h.queue.claim(type: "test.count", limit: 1, owner: "w3", lease: 60)
            for _ in 0..<4 {
                h.clock.advance(by: 30)
                try await h.queue.heartbeat(owner: "w3", lease: 60)
                #expect(try await h.queue.claim(type: "test.count", limit: 1, owner: "w4", lease: 60).isEmpty)
            }
            #expect(try await h.queue.job(id: beating.id)?.leaseOwner == "w3")

            // A worker that died on the last attempt leaves the job to housekeeping: dead.
            let last = try await h.queue.enqueue("test.count", payload: CountPayload(n: 3), options: JobOptions(maxAttempts: 1), on: h.database)
            _ = try await h.queue.claim(type: "test.count", limit: 5, owner: "gone", lease: 60)
            h.clock.advance(by: 61)
            #expect(try await h.queue.buryExpired() == 1)
            #expect(try await h.queue.job(id: last.id)?.state == .dead)
        }
    }
    @Test("completed jobs past their retention are pruned; dead and recent ones stay", arguments: TestDatabase.enabled)
    func prune(database: TestDatabase) async throws {
        try await JobHarness.run(database) { h in
            let old = try await h.queue.enqueue("test.count", payload: CountPayload(n: 1), on: h.database)
            let dead = try await h.queue.enqueue("test.count", payload: CountPayload(n: 2), options: JobOptions(maxAttempts: 1), on: h.database)
            for job in try await h.queue.claim(type: "test.count", limit: 2, owner: "w", lease: 60) {
                if job.id == old.id { try await h.queue.complete(id: job.id, owner: "w") } else { try await h.queue.fail(job, owner: "w", error: "x", backoff: .init()) }
            }
            h.clock.advance(by: 3600)
            let recent = try await h.queue.enqueue("test.count", payload: CountPayload(n: 3), on: h.database)
            _ = try await h.queue.claim(type: "test.count", limit: 1, owner: "w", lease: 60)
            try await h.queue.complete(id: recent.id, owner: "w")
            #expect(try await h.queue.pruneCompleted(finishedBefore: h.clock.now().addingTimeInterval(-60)) == 1)
            #expect(try await h.queue.job(id: old.id) == nil)
            #expect(try await h.queue.job(id: dead.id)?.state == .dead)
            #expect(try await h.queue.job(id: recent.id)?.state == .completed)
        }
    }
}

/// Carries a value out of a `@Sendable` transaction closure.
final class JobID: Sendable {
    private let box = NIOLockedValueBox<String?>(nil)
    func set(_ id: String) { box.withLockedValue { $0 = id } }
    var value: String? { box.withLockedValue { $0 } }
}
