import Foundation

/// Exponential backoff with a cap and jitter: attempt n waits
/// `min(cap, base * 2^(n-1))`, spread by ±`jitter` (a fraction) so a burst of failures
/// does not come back as a burst of retries.
public struct JobBackoff: Sendable, Equatable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var jitter: Double

    public init(base: TimeInterval = 1, cap: TimeInterval = 3600, jitter: Double = 0.1) {
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// The wait after failed attempt `attempt` (1-based); `random` is uniform in [0, 1).
    public func delay(afterAttempt attempt: Int, random: Double) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 62)))
        let raw = min(cap, base * pow(2, exponent))
        return max(0, raw * (1 + jitter * (2 * random - 1)))
    }
}

/// Per-type settings. A handler declares them; enqueue options override priority and
/// attempts for one job.
public struct JobSettings: Sendable, Equatable {
    public var maxAttempts: Int
    public var backoff: JobBackoff
    /// A run longer than this is cancelled and counts as a failed attempt.
    public var timeout: Duration
    /// How many jobs of this type one worker runs at once.
    public var concurrency: Int
    /// The default priority of new jobs of this type (higher first).
    public var priority: Int
    /// The payload holds secrets (one-time codes in mail): the admin API shows it redacted.
    public var payloadIsSecret = false

    public init(maxAttempts: Int = 5, backoff: JobBackoff = .init(), timeout: Duration = .seconds(300), concurrency: Int = 4, priority: Int = 0) {
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.timeout = timeout
        self.concurrency = concurrency
        self.priority = priority
    }
}
