import Foundation
import MarketServer

// The rate limiter's in-process decision (scripts/bench-limits runs it): nanoseconds per
// GCRA decision on the in-memory store, one thread and several at once.

let usage = """
    Usage: marketmate-limits-bench [--decisions N] [--keys K] [--threads T]

    Times N GCRA decisions (default 5,000,000) on the in-memory store over K distinct
    callers (default 10,000), with the default policy (100 requests a minute), first on
    one thread, then spread over T threads at once (default: the number of cores).
    Prints nanoseconds per decision; target <= 1,000 ns (1 µs).
    """

var decisions = 5_000_000, keys = 10_000, threads = ProcessInfo.processInfo.activeProcessorCount
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    func value() -> Int {
        guard let raw = arguments.popFirst(), let n = Int(raw), n > 0 else { print(usage); exit(2) }
        return n
    }
    switch argument {
    case "--decisions": decisions = value()
    case "--keys": keys = value()
    case "--threads": threads = value()
    case "-h", "--help": print(usage); exit(0)
    default: print(usage); exit(2)
    }
}

let policy = RateLimitPolicy(name: "default", limit: 100, windowSeconds: 60)
// The middleware's key: policy name, a separator and the caller.
let callers = (0..<keys).map { "default|usr:usr_01HZY\(String(format: "%021d", $0))" }
let origin = Int64(Date().timeIntervalSince1970 * 1_000_000)

/// Nanoseconds per decision for `count` decisions on `store`, from caller `offset` on.
func run(_ store: InMemoryRateLimitStore, count: Int, offset: Int) -> (Double, Int) {
    var allowed = 0
    let start = ContinuousClock.now
    for i in 0..<count {
        // Time moves 10 µs a decision, so callers keep earning quota as real ones would.
        if store.decide(key: callers[(i &+ offset) % callers.count], policy: policy, now: origin + Int64(i) * 10).allowed { allowed += 1 }
    }
    let elapsed = ContinuousClock.now - start
    return (Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9, allowed)
}

let warm = InMemoryRateLimitStore(maxKeys: 100_000)
_ = run(warm, count: min(decisions, 200_000), offset: 0)

let single = InMemoryRateLimitStore(maxKeys: 100_000)
let (nanos, allowed) = run(single, count: decisions, offset: 0)
let perDecision = nanos / Double(decisions)
print(String(format: "1 thread:   %d decisions over %d callers in %.3f s: %.0f ns per decision (%d allowed)", decisions, keys, nanos / 1e9, perDecision, allowed))

let shared = InMemoryRateLimitStore(maxKeys: 100_000)
let perThread = decisions / threads
let wall = ContinuousClock.now
DispatchQueue.concurrentPerform(iterations: threads) { t in
    _ = run(shared, count: perThread, offset: t * 7919)
}
let wallElapsed = ContinuousClock.now - wall
let wallNanos = Double(wallElapsed.components.seconds) * 1e9 + Double(wallElapsed.components.attoseconds) / 1e9
print(String(format: "%d threads:  %d decisions in %.3f s: %.0f ns per decision per thread, %.1f M decisions/s in all",
             threads, perThread * threads, wallNanos / 1e9, wallNanos / Double(perThread), Double(perThread * threads) / wallNanos * 1e3))
print("target <= 1000 ns per decision (1 thread): \(perDecision <= 1000 ? "met" : "MISSED")")
