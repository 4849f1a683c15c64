/// A named quota: `limit` requests per `window`, spread evenly (one every `interval`) with
/// a burst of up to `limit` when the caller has been idle for a whole window.
public struct RateLimitPolicy: Sendable, Equatable {
    public var name: String
    public var limit: Int
    /// Microseconds; integers keep 100 requests in 60 s from drifting to 99 by rounding.
    public var windowMicros: Int64

    public init(name: String, limit: Int, windowSeconds: Int) {
        self.name = name
        self.limit = max(1, limit)
        self.windowMicros = Int64(max(1, windowSeconds)) * 1_000_000
    }

    /// The emission interval T: one request's worth of the window; at least 1 µs, so a
    /// quota of more than a million requests a second neither divides by zero nor traps.
    var intervalMicros: Int64 { max(1, windowMicros / Int64(limit)) }
    var windowSeconds: Int { Int(windowMicros / 1_000_000) }
}

/// What the limiter decided for one policy, with what the RateLimit header reports.
public struct RateLimitDecision: Sendable, Equatable {
    public var policy: RateLimitPolicy
    public var allowed: Bool
    /// Requests that could be made right now (`r`).
    public var remaining: Int
    /// Seconds until the quota is whole again (`t`).
    public var resetSeconds: Int
    /// Seconds until a rejected request could succeed (Retry-After); 0 when allowed.
    public var retryAfterSeconds: Int
}

/// The generic cell rate algorithm (as in redis-cell): one number per key, the theoretical
/// arrival time (TAT) of the next request. A request at `now` is allowed when
/// `max(TAT, now) + T - window <= now`, and then moves TAT on by T. Unlike a fixed window
/// there is no edge where two windows' worth of requests pass back to back.
enum GCRA {
    /// The new TAT to store (nil when rejected: the stored value stays) and the decision.
    static func decide(tat stored: Int64?, now: Int64, policy: RateLimitPolicy) -> (newTAT: Int64?, decision: RateLimitDecision) {
        let interval = policy.intervalMicros
        let tat = max(stored ?? now, now)
        let next = tat + interval
        let allowAt = next - policy.windowMicros
        if now < allowAt {
            return (nil, RateLimitDecision(
                policy: policy, allowed: false, remaining: 0,
                resetSeconds: seconds(tat - now), retryAfterSeconds: max(1, seconds(allowAt - now))))
        }
        return (next, decision(allowedWith: next, now: now, policy: policy))
    }

    /// The decision for an allowed request that moved TAT to `next` (the PostgreSQL store
    /// decides in SQL and only needs the numbers for the headers).
    static func decision(allowedWith next: Int64, now: Int64, policy: RateLimitPolicy) -> RateLimitDecision {
        let remaining = (policy.windowMicros - (next - now)) / policy.intervalMicros
        return RateLimitDecision(
            policy: policy, allowed: true, remaining: Int(max(0, remaining)),
            resetSeconds: seconds(next - now), retryAfterSeconds: 0)
    }

    /// Whole seconds, rounded up: a client that waits this long is never early.
    static func seconds(_ micros: Int64) -> Int {
        micros <= 0 ? 0 : Int((micros + 999_999) / 1_000_000)
    }
}
