import CoreMetrics
import Foundation
import HTTPTypes
import Logging

/// Decides whether a caller may make a request under the configured quotas, on the
/// in-memory store (one server) or the PostgreSQL one (several servers, one database).
final class RateLimiter: Sendable {
    let settings: RateLimitSettings
    let clock: any AppClock
    private let memory: InMemoryRateLimitStore
    private let shared: PostgresRateLimitStore?
    let defaultPolicy: RateLimitPolicy
    let authPolicy: RateLimitPolicy
    let accountPolicy: RateLimitPolicy
    private let groupPolicies: [String: RateLimitPolicy]

    init(settings: RateLimitSettings, clock: any AppClock, shared: PostgresRateLimitStore? = nil) {
        self.settings = settings
        self.clock = clock
        self.memory = shared?.fallback ?? InMemoryRateLimitStore(maxKeys: settings.maxKeys)
        self.shared = shared
        defaultPolicy = settings.defaultQuota.policy("default")
        authPolicy = settings.auth.policy("auth")
        accountPolicy = settings.authAccount.policy("auth_account")
        groupPolicies = Dictionary(uniqueKeysWithValues: settings.groups.map { ($0.key, $0.value.policy($0.key)) })
    }

    /// The limiter an environment's configuration asks for: shared through PostgreSQL when
    /// the server runs on it, else in memory.
    convenience init(environment env: AppEnvironment) {
        let settings = env.configuration.rateLimits
        let memory = InMemoryRateLimitStore(maxKeys: settings.maxKeys)
        let failures = env.metrics.counter("marketmate_rate_limit_store_failures_total")
        let shared = env.storage.engine == .postgres
            ? PostgresRateLimitStore(database: { env.storage.quickDatabase(logger: env.logger) }, fallback: memory,
                                     failures: { failures.increment() }, logger: env.logger)
            : nil
        self.init(settings: settings, clock: env.clock, shared: shared)
    }

    /// The quota of a route group (first path segment under /api/v1), else the default.
    func policy(forGroup group: Substring) -> RateLimitPolicy {
        groupPolicies.isEmpty ? defaultPolicy : groupPolicies[String(group)] ?? defaultPolicy
    }

    /// One decision per (policy, caller) pair; a request goes ahead only if all allow it.
    func decide(_ buckets: [(policy: RateLimitPolicy, caller: String)]) async -> [RateLimitDecision] {
        let now = Int64((clock.now().timeIntervalSince1970 * 1_000_000).rounded(.down))
        var decisions: [RateLimitDecision] = []
        decisions.reserveCapacity(buckets.count)
        for bucket in buckets {
            let key = bucket.policy.name + "|" + bucket.caller
            if let shared {
                decisions.append(await shared.decide(key: key, policy: bucket.policy, now: now))
            } else {
                decisions.append(memory.decide(key: key, policy: bucket.policy, now: now))
            }
        }
        return decisions
    }
}

/// `RateLimit-Policy` and `RateLimit` as the IETF httpapi draft (-10) writes them: a list of
/// quota policies (`"default";q=100;w=60`) and the caller's standing in each
/// (`"default";r=42;t=18`).
enum RateLimitHeaders {
    static func fields(_ decisions: [RateLimitDecision]) -> HTTPFields {
        var fields = HTTPFields()
        fields[.rateLimitPolicy] = decisions.map { "\"\($0.policy.name)\";q=\($0.policy.limit);w=\($0.policy.windowSeconds)" }.joined(separator: ", ")
        fields[.rateLimit] = decisions.map { "\"\($0.policy.name)\";r=\($0.remaining);t=\($0.resetSeconds)" }.joined(separator: ", ")
        return fields
    }
}

extension HTTPField.Name {
    static let rateLimitPolicy = HTTPField.Name("RateLimit-Policy")!
    static let rateLimit = HTTPField.Name("RateLimit")!
}
