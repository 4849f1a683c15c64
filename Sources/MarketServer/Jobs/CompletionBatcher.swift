import NIOConcurrencyHelpers

/// Marks a worker's finished runs completed in batches: one UPDATE for every run that
/// finished while the previous UPDATE was on its way, instead of one round trip per job.
/// When the queue is quiet a batch is a single job and goes out at once, so nothing waits
/// for a batch to fill; under load batches grow by themselves.
///
/// Each run waits for the batch that carries it, so a job counts as running (its slot taken,
/// its lease kept alive by heartbeats, drained at shutdown) until its completion is stored:
/// delivery stays at least once.
final class CompletionBatcher: Sendable {
    private struct State {
        var waiting: [(id: String, continuation: CheckedContinuation<Bool, any Error>)] = []
        var stopped = false
    }

    private let state = NIOLockedValueBox(State())
    private let doorbell = WakeSignal()
    private let queue: JobQueue
    private let owner: String

    init(queue: JobQueue, owner: String) {
        self.queue = queue
        self.owner = owner
    }

    /// Completes `id` with the next batch. False when the lease was lost (another worker
    /// owns the job now); throws when the batch's UPDATE failed.
    func complete(_ id: String) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            state.withLockedValue { $0.waiting.append((id, continuation)) }
            doorbell.signal()
        }
    }

    /// Flushes batches until `stop` is called and nothing waits. Runs as its own task,
    /// not cancelled with the worker, so a run awaiting its completion is always answered.
    func run() async {
        while true {
            let (batch, stopped) = state.withLockedValue { state in
                defer { state.waiting.removeAll(keepingCapacity: true) }
                return (state.waiting, state.stopped)
            }
            if batch.isEmpty {
                if stopped { return }
                await doorbell.wait(timeout: .seconds(5))
                continue
            }
            do {
                let completed = try await queue.complete(ids: batch.map(\.id), owner: owner)
                for entry in batch { entry.continuation.resume(returning: completed.contains(entry.id)) }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
    }

    /// Ends `run` once the runs still waiting are flushed.
    func stop() {
        state.withLockedValue { $0.stopped = true }
        doorbell.signal()
    }
}
