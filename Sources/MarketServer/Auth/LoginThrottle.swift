import Foundation
import NIOConcurrencyHelpers

/// Slows password guessing: after a few free failures, each further failure for the same
/// account (any email string, existing or not, so the answer reveals nothing) or from the
/// same address doubles the wait before the next attempt is even checked.
public final class LoginThrottle: Sendable {
    public struct Policy: Sendable {
        public var freeFailures: Int
        public var baseDelay: TimeInterval
        public var maxDelay: TimeInterval
        /// Failures are forgotten after this long without a new one.
        public var memory: TimeInterval
        public static let perAccount = Policy(freeFailures: 5, baseDelay: 1, maxDelay: 900, memory: 3600)
        public static let perAddress = Policy(freeFailures: 20, baseDelay: 1, maxDelay: 900, memory: 3600)
    }

    struct Entry {
        var failures: Int
        var lastFailure: Date
        var blockedUntil: Date
    }

    private let accounts = NIOLockedValueBox<[String: Entry]>([:])
    private let addresses = NIOLockedValueBox<[String: Entry]>([:])
    private let accountPolicy: Policy
    private let addressPolicy: Policy
    private let clock: any AppClock
    private let limit = 200_000

    public init(clock: any AppClock, accountPolicy: Policy = .perAccount, addressPolicy: Policy = .perAddress) {
        self.clock = clock
        self.accountPolicy = accountPolicy
        self.addressPolicy = addressPolicy
    }

    /// Seconds to wait before another attempt is allowed, or `nil` when one may go ahead now.
    func retryAfter(account: String, address: String) -> Int? {
        let now = clock.now()
        let waits = [accounts.withLockedValue { $0[account] }, addresses.withLockedValue { $0[address] }]
            .compactMap { $0 }
            .map { $0.blockedUntil.timeIntervalSince(now) }
            .filter { $0 > 0 }
        guard let longest = waits.max() else { return nil }
        return Int(longest.rounded(.up))
    }

    func recordFailure(account: String, address: String) {
        let now = clock.now()
        Self.bump(accounts, key: account, policy: accountPolicy, now: now, limit: limit)
        Self.bump(addresses, key: address, policy: addressPolicy, now: now, limit: limit)
    }

    /// A correct password clears the account's record (not the address's: one valid
    /// account must not launder guesses against others from the same place).
    func recordSuccess(account: String) {
        _ = accounts.withLockedValue { $0.removeValue(forKey: account) }
    }

    private static func bump(_ box: NIOLockedValueBox<[String: Entry]>, key: String, policy: Policy, now: Date, limit: Int) {
        box.withLockedValue { table in
            if table.count >= limit {
                table = table.filter { now.timeIntervalSince($0.value.lastFailure) < policy.memory }
            }
            var entry = table[key] ?? Entry(failures: 0, lastFailure: now, blockedUntil: now)
            if now.timeIntervalSince(entry.lastFailure) >= policy.memory { entry.failures = 0 }
            entry.failures += 1
            entry.lastFailure = now
            let over = entry.failures - policy.freeFailures
            if over > 0 {
                let delay = min(policy.maxDelay, policy.baseDelay * pow(2, Double(min(over - 1, 30))))
                entry.blockedUntil = now.addingTimeInterval(delay)
            }
            table[key] = entry
        }
    }
}
