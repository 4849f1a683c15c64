import NIOConcurrencyHelpers

/// GCRA state for one server process: key → theoretical arrival time, in shards so
/// concurrent requests rarely wait on the same lock.
///
/// Memory is bounded: a key whose TAT has passed is idle (its quota is whole again) and is
/// exactly as good as no entry, so a full shard first drops those. If every key in it is
/// busy the shard is cleared: under that many distinct callers forgetting is the lesser
/// harm (it fails open for a moment rather than growing without bound).
public final class InMemoryRateLimitStore: Sendable {
    private static let shardCount = 16
    private let shards: [NIOLockedValueBox<[String: Int64]>]
    private let keysPerShard: Int

    public init(maxKeys: Int) {
        shards = (0..<Self.shardCount).map { _ in NIOLockedValueBox([:]) }
        keysPerShard = max(64, maxKeys / Self.shardCount)
    }

    /// `now` in microseconds since any fixed origin (the limiter uses the Unix epoch).
    public func decide(key: String, policy: RateLimitPolicy, now: Int64) -> RateLimitDecision {
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % UInt(Self.shardCount))]
        return shard.withLockedValue { table in
            let (next, decision) = GCRA.decide(tat: table[key], now: now, policy: policy)
            if let next {
                if table[key] == nil, table.count >= keysPerShard {
                    table = table.filter { $0.value > now }
                    if table.count >= keysPerShard { table.removeAll(keepingCapacity: true) }
                }
                table[key] = next
            }
            return decision
        }
    }

    public var count: Int { shards.reduce(0) { $0 + $1.withLockedValue { $0.count } } }
}
