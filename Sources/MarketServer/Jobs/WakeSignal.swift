import NIOConcurrencyHelpers

/// A one-slot doorbell: `signal` wakes the waiter, or the next `wait` if nobody waits yet,
/// so a ring between two waits is never lost. Several rings collapse into one.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = NIOLockedValueBox(State())

    func signal() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns on a ring, after `timeout`, or on cancellation.
    func wait(timeout: Duration) async {
        if state.withLockedValue({ state in defer { state.pending = false }; return state.pending }) { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Only a timeout that really elapsed rings; a cancelled sleep must not leave a
                // stale ring behind for the next wait.
                if (try? await Task.sleep(for: timeout)) != nil { self.signal() }
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLockedValue { state -> Bool in
                        if state.pending {
                            state.pending = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                self.signal()
            }
            group.cancelAll()
        }
    }
}

/// A worker's doorbell that also notes which job types may have new work: an enqueue names
/// its type (in process directly, from other processes through NOTIFY), so the worker
/// claims just those types at once and leaves the rest to its periodic sweep of all types.
final class JobDoorbell: Sendable {
    let signal = WakeSignal()
    private let hinted = NIOLockedValueBox<Set<String>>([])

    /// Work may be waiting for `type`.
    func ring(type: String) {
        hinted.withLockedValue { _ = $0.insert(type) }
        signal.signal()
    }

    func ring<S: Sequence<String>>(types: S) {
        hinted.withLockedValue { $0.formUnion(types) }
        signal.signal()
    }

    /// Something changed (a run finished, shutdown began) without new work to name.
    func ring() { signal.signal() }

    /// The types named since the last call.
    func takeHints() -> Set<String> {
        hinted.withLockedValue { hinted in
            var taken = Set<String>()
            swap(&taken, &hinted)
            return taken
        }
    }
}
