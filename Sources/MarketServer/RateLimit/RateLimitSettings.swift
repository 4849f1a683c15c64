import Foundation

/// `[rate_limits]`: quotas per route group. A quota is written `"<requests>/<window>"`, the
/// window in seconds, minutes or hours (`"100/1m"`, `"20/60s"`, `"1000/1h"`).
public struct RateLimitSettings: Sendable, Equatable {
    /// `MARKETMATE_RATE_LIMITS=off` (load tests) or `enabled = false`.
    public var enabled = true
    /// Per API key, else user, else client IP, for every group without its own quota.
    public var defaultQuota = Quota(limit: 100, windowSeconds: 60)
    /// `/auth/*` per client IP.
    public var auth = Quota(limit: 30, windowSeconds: 60)
    /// `/auth/login`, `/auth/forgot-password` and `/auth/register` per email address.
    public var authAccount = Quota(limit: 10, windowSeconds: 60)
    /// Route group (the first path segment after `/api/v1`: `products`, `checkout`, ...)
    /// → its own quota, counted apart from the default one.
    public var groups: [String: Quota] = [:]
    /// Keys kept in memory at most (per process); idle keys go first.
    public var maxKeys = 100_000

    public struct Quota: Sendable, Equatable, CustomStringConvertible {
        public var limit: Int
        public var windowSeconds: Int

        public init(limit: Int, windowSeconds: Int) {
            self.limit = limit
            self.windowSeconds = windowSeconds
        }

        /// `"100/1m"`, `"100/60s"`, `"100/60"` (seconds), `"1000/1h"`.
        public init?(parsing text: String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let limit = Int(parts[0].trimmingCharacters(in: .whitespaces)), limit > 0 else { return nil }
            let window = parts[1].trimmingCharacters(in: .whitespaces)
            guard let last = window.last else { return nil }
            var digits = Substring(window)
            var unit = 1
            switch last {
            case "s": digits = digits.dropLast()
            case "m": (digits, unit) = (digits.dropLast(), 60)
            case "h": (digits, unit) = (digits.dropLast(), 3600)
            default: break
            }
            guard let count = digits.isEmpty ? 1 : Int(digits), count > 0 else { return nil }
            self.init(limit: limit, windowSeconds: count * unit)
        }

        public var description: String { "\(limit)/\(windowSeconds)s" }

        func policy(_ name: String) -> RateLimitPolicy {
            RateLimitPolicy(name: name, limit: limit, windowSeconds: windowSeconds)
        }
    }

    public init() {}

    func validationProblems() -> [String] {
        var problems: [String] = []
        let all = [("default", defaultQuota), ("auth", auth), ("auth_account", authAccount)] + groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for (name, quota) in all where quota.limit < 1 || quota.windowSeconds < 1 || quota.windowSeconds > 86_400 {
            problems.append("rate_limits.\(name) must allow at least 1 request in a window of 1 s to 24 h")
        }
        if maxKeys < 1000 { problems.append("rate_limits.max_keys must be at least 1000") }
        return problems
    }
}
