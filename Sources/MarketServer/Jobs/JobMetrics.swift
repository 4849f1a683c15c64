import CoreMetrics
import NIOConcurrencyHelpers

/// Queue metrics for `/metrics`: depth per type and state (a gauge refreshed by workers),
/// run durations and outcomes per type.
final class JobMetrics: Sendable {
    private let metrics: AppMetrics
    /// Type/state pairs reported last time, so a pair that emptied drops to zero instead
    /// of keeping its old value.
    private let reported = NIOLockedValueBox<Set<[String]>>([])

    /// One timer per type and outcome, made once: a run records into it without asking the
    /// factory again.
    private struct TimerKey: Hashable {
        var type: String
        var outcome: String
    }
    private let timers = NIOLockedValueBox<[TimerKey: CoreMetrics.Timer]>([:])

    init(metrics: AppMetrics) { self.metrics = metrics }

    func finished(type: String, outcome: String, duration: Duration) {
        let key = TimerKey(type: type, outcome: outcome)
        let timer = timers.withLockedValue { timers in
            if let timer = timers[key] { return timer }
            let timer = CoreMetrics.Timer(
                label: "marketmate_job_duration_seconds", dimensions: [("type", type), ("outcome", outcome)], factory: metrics.factory)
            timers[key] = timer
            return timer
        }
        timer.recordNanoseconds(duration.nanoseconds)
        if outcome != "completed" {
            CoreMetrics.Counter(label: "marketmate_job_failures_total", dimensions: [("type", type), ("outcome", outcome)], factory: metrics.factory)
                .increment()
        }
    }

    func recordDepth(_ depth: [JobDepth]) {
        var now: [[String]: Int] = [:]
        for row in depth { now[[row.type, row.state.rawValue]] = row.count }
        let previous = reported.withLockedValue { old in
            defer { old = Set(now.keys) }
            return old
        }
        for key in previous.union(now.keys) {
            CoreMetrics.Gauge(label: "marketmate_jobs", dimensions: [("type", key[0]), ("state", key[1])], factory: metrics.factory)
                .record(now[key] ?? 0)
        }
    }
}
