/// Percentage rollouts. A caller's bucket is MurmurHash3 (x86, 32-bit, seed 0) of the
/// UTF-8 bytes of "flagKey:userId", modulo 10,000; a rule at p % takes buckets below
/// p × 100. Murmur3 is what Unleash uses for sticky rollouts: it is specified byte for
/// byte, so every platform and every run puts a user in the same bucket, and a rule
/// at a higher percentage covers a superset of the buckets, so raising it only adds
/// users. Salting with the flag key keeps the 10 % of one flag from being the same
/// people as the 10 % of every other flag.
public enum FlagBucket {
    public static let bucketCount: UInt32 = 10_000

    /// The bucket 0..<10,000 of a user for a flag.
    public static func bucket(flagKey: String, userId: String) -> Int {
        var hasher = Murmur3()
        // Fed piece by piece so evaluating does not build the joined string.
        var key = flagKey
        key.withUTF8 { hasher.combine($0) }
        hasher.combine(UInt8(ascii: ":"))
        var user = userId
        user.withUTF8 { hasher.combine($0) }
        return Int(hasher.finalize() % bucketCount)
    }

    /// Whether the bucket falls inside a rollout of `percentage` (0...100, hundredths count).
    public static func isIncluded(bucket: Int, percentage: Double) -> Bool {
        Double(bucket) < (percentage * 100).rounded()
    }

    /// MurmurHash3 x86_32 of some bytes, for the published test vectors.
    public static func murmur3(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        var hasher = Murmur3(seed: seed)
        bytes.withUnsafeBufferPointer { hasher.combine($0) }
        return hasher.finalize()
    }
}

/// A streaming MurmurHash3 x86_32: bytes may arrive in pieces of any size.
struct Murmur3 {
    private var h: UInt32
    private var pending: UInt32 = 0
    private var pendingCount = 0
    private var length: UInt32 = 0

    init(seed: UInt32 = 0) { h = seed }

    mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { combine(byte) }
    }

    mutating func combine(_ byte: UInt8) {
        pending |= UInt32(byte) << (8 * UInt32(pendingCount))
        pendingCount += 1
        length &+= 1
        if pendingCount == 4 {
            h ^= Self.scramble(pending)
            h = (h << 13 | h >> 19) &* 5 &+ 0xE654_6B64
            pending = 0
            pendingCount = 0
        }
    }

    func finalize() -> UInt32 {
        var h = self.h
        if pendingCount > 0 { h ^= Self.scramble(pending) }
        h ^= length
        h ^= h >> 16
        h &*= 0x85EB_CA6B
        h ^= h >> 13
        h &*= 0xC2B2_AE35
        h ^= h >> 16
        return h
    }

    private static func scramble(_ k: UInt32) -> UInt32 {
        var k = k &* 0xCC9E_2D51
        k = k << 15 | k >> 17
        return k &* 0x1B87_3593
    }
}
