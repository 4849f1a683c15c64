import Foundation

/// When a failed exchange is sent again, and after how long.
///
/// Only requests that are safe to repeat are retried: GET, HEAD, PUT, DELETE, OPTIONS, and
/// POST/PATCH that carry an `Idempotency-Key` (the server then answers a repeat with the
/// first result). Retried: connection failures (refused, reset, DNS) and 502/503/504, plus
/// 429 and 503 when `Retry-After` asks for a wait no longer than `maxRetryAfter`.
/// Timeouts are not retried: the person at the terminal has already waited the whole
/// timeout once, and three times that is worse than an error they can act on.
public struct RetryPolicy: Sendable {
    /// Total tries, the first included; 1 turns retrying off.
    public var maxAttempts: Int
    /// The wait before the first retry; it doubles for each further one.
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    /// A longer `Retry-After` than this is not waited out: the error goes to the caller.
    public var maxRetryAfter: TimeInterval
    /// A number in 0..<1 for jitter; tests fix it.
    public var random: @Sendable () -> Double

    public init(maxAttempts: Int = 3, baseDelay: TimeInterval = 0.2, maxDelay: TimeInterval = 5, maxRetryAfter: TimeInterval = 10,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.random = random
    }

    public static let `default` = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    public static let idempotentMethods: Set<String> = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]

    public static func mayRepeat(method: String, idempotencyKey: String?) -> Bool {
        idempotentMethods.contains(method.uppercased()) || idempotencyKey != nil
    }

    /// Exponential backoff with "equal jitter": half the step is fixed, half random, so
    /// clients that failed together do not come back together, yet none retries at once.
    public func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let step = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return step / 2 + step / 2 * random()
    }

    /// The wait before trying again after `attempt` tries ended in `response`, or nil when
    /// the response is final.
    public func delay(afterAttempt attempt: Int, response: TransportResponse, now: Date = Date()) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        let retryAfter = response.header("Retry-After").flatMap { Self.parseRetryAfter($0, now: now) }
        switch response.status {
        case 429:
            guard let retryAfter, retryAfter <= maxRetryAfter else { return nil }
            return retryAfter
        case 503:
            if let retryAfter { return retryAfter <= maxRetryAfter ? retryAfter : nil }
            return backoff(afterAttempt: attempt)
        case 502, 504:
            return backoff(afterAttempt: attempt)
        default:
            return nil
        }
    }

    /// The wait before trying again after `attempt` tries ended in a transport failure.
    public func delay(afterAttempt attempt: Int, failure: TransportFailure) -> TimeInterval? {
        guard attempt < maxAttempts, failure == .unreachable else { return nil }
        return backoff(afterAttempt: attempt)
    }

    /// `Retry-After: 120` or `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT` (RFC 9110 §10.2.3).
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? TimeInterval(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// How a transport failure reads to the retry policy and to the user.
public enum TransportFailure: Sendable, Equatable {
    case unreachable
    case timedOut
    case cancelled

    public init(_ error: any Error) {
        if error is CancellationError { self = .cancelled; return }
        if let error = error as? URLError {
            switch error.code {
            case .timedOut: self = .timedOut
            case .cancelled: self = .cancelled
            default: self = .unreachable
            }
            return
        }
        self = .unreachable
    }
}
