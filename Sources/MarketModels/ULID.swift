import Foundation

/// A ULID: 48 bits of Unix milliseconds followed by 80 random bits, written as
/// 26 Crockford base32 characters. The timestamp comes first so that the text
/// form sorts by creation time, which is what makes our IDs usable as cursors
/// and as B-tree friendly primary keys.
public struct ULID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970, at most 2^48 - 1 (the year 10889).
    public let timestampMilliseconds: UInt64
    /// The top 16 of the 80 random bits.
    public let randomHigh: UInt16
    /// The low 64 of the 80 random bits.
    public let randomLow: UInt64

    public static let maxTimestamp: UInt64 = (1 << 48) - 1
    /// Length of the text form.
    public static let length = 26

    /// Crockford's alphabet: no I, L, O or U, so IDs read aloud or copied by
    /// hand are not misread.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// ASCII byte -> 5-bit value, 0xFF for anything outside the alphabet.
    /// Only uppercase is accepted: one spelling per ID keeps string equality,
    /// database uniqueness and sorting consistent.
    static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 128)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    /// The timestamp is clamped into the 48-bit range rather than trapping,
    /// because a caller passing a strange date should get an ID, not a crash.
    public init(timestampMilliseconds: UInt64, randomHigh: UInt16, randomLow: UInt64) {
        self.timestampMilliseconds = min(timestampMilliseconds, Self.maxTimestamp)
        self.randomHigh = randomHigh
        self.randomLow = randomLow
    }

    /// Parses the 26-character text form. The first character must be 0...7:
    /// 26 * 5 = 130 bits, and a ULID has only 128.
    public init?(string: some StringProtocol) {
        self.init(utf8: string.utf8)
    }

    /// Parses the text form from raw UTF-8 bytes (any non-ASCII byte fails).
    public init?<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) {
        guard bytes.count == Self.length else { return nil }
        var high: UInt64 = 0 // the top 64 of the 128 bits
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            guard byte < 128 else { return nil }
            let value = Self.decodeTable[Int(byte)]
            guard value != 0xFF else { return nil }
            if index == 0 && value > 7 { return nil }
            // Shift the 128-bit (high, low) left by 5 and add the new digit.
            high = (high << 5) | (low >> 59)
            low = (low << 5) | UInt64(value)
        }
        self.init(
            timestampMilliseconds: high >> 16,
            randomHigh: UInt16(truncatingIfNeeded: high),
            randomLow: low
        )
    }

    /// The instant encoded in the first 48 bits.
    public var date: Date {
        Date(timeIntervalSince1970: Double(timestampMilliseconds) / 1000)
    }

    public var string: String {
        let high = (timestampMilliseconds << 16) | UInt64(randomHigh)
        let low = randomLow
        var output = [UInt8](repeating: 0, count: Self.length)
        // Character i holds bits [(25 - i) * 5, (25 - i) * 5 + 5) counted from
        // the least significant end of the 128-bit number.
        for index in 0..<Self.length {
            let shift = (Self.length - 1 - index) * 5
            let value: UInt64
            if shift >= 64 {
                value = high >> (shift - 64)
            } else if shift > 59 {
                // This digit straddles the two halves.
                value = (low >> shift) | (high << (64 - shift))
            } else {
                value = low >> shift
            }
            output[index] = Self.alphabet[Int(value & 0x1F)]
        }
        return String(decoding: output, as: UTF8.self)
    }

    public var description: String { string }

    /// Numeric order, which is also the order of the text form.
    public static func < (lhs: ULID, rhs: ULID) -> Bool {
        (lhs.timestampMilliseconds, lhs.randomHigh, lhs.randomLow)
            < (rhs.timestampMilliseconds, rhs.randomHigh, rhs.randomLow)
    }

    /// Milliseconds since 1970 for a date, clamped into the representable
    /// range. Rounded to nearest, like `RFC3339`, so an entity's ID and its
    /// `createdAt` field show the same millisecond (and a value such as
    /// x.123 that is stored as x.12299999 does not lose a millisecond).
    static func milliseconds(for date: Date) -> UInt64 {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        guard millis.isFinite, millis > 0 else { return 0 }
        guard millis < Double(maxTimestamp) else { return maxTimestamp }
        return UInt64(millis)
    }

    /// The same timestamp with the 80-bit random part plus one, or nil when the
    /// random part is already all ones.
    func incrementedRandom() -> ULID? {
        let (low, carry) = randomLow.addingReportingOverflow(1)
        if !carry {
            return ULID(timestampMilliseconds: timestampMilliseconds, randomHigh: randomHigh, randomLow: low)
        }
        guard randomHigh != .max else { return nil }
        return ULID(timestampMilliseconds: timestampMilliseconds, randomHigh: randomHigh + 1, randomLow: 0)
    }
}

/// Makes monotonic ULIDs: within one millisecond each new ULID is the previous
/// one plus one, so IDs made in a tight loop still sort in the order they were
/// made (plain random bits would order them arbitrarily inside a millisecond).
///
/// It remembers the last ULID of the few most recently used milliseconds
/// rather than only the very last one. Callers may pass explicit dates (seed
/// data, tests, imports) in between live calls; with a single "last" slot a
/// date in the future or past would break the sequence of the live clock's
/// millisecond. Each ID keeps the true timestamp of its date; if the wall clock
/// steps back, the new IDs sort by that (earlier) time, as they must.
///
/// A class with an `NSLock` rather than a `Mutex` because the package still
/// targets macOS 14, where `Synchronization.Mutex` is unavailable. Every access
/// to the mutable state happens under the lock, which is what makes the
/// `@unchecked Sendable` sound.
public final class ULIDGenerator: @unchecked Sendable {
    /// How many distinct milliseconds are remembered.
    private static let memory = 32

    private let lock = NSLock()
    /// Most recently used first: the requested millisecond and the last ULID
    /// made for it (whose timestamp is later only after a random overflow).
    private var recent: [(millis: UInt64, last: ULID)] = []
    private var randomSource: any RandomNumberGenerator

    /// The process-wide generator behind `EntityID.generate`.
    public static let shared = ULIDGenerator()

    /// Tests can pass a seeded generator to get repeatable IDs.
    public init(randomSource: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.randomSource = randomSource
    }

    public func next(at date: Date = Date()) -> ULID {
        let millis = ULID.milliseconds(for: date)
        lock.lock()
        defer { lock.unlock() }

        let ulid: ULID
        if let index = recent.firstIndex(where: { $0.millis == millis }) {
            let previous = recent.remove(at: index).last
            // Previous plus one. 2^80 IDs in one millisecond cannot happen in
            // practice; if it did, moving on to the next millisecond keeps the
            // order instead of trapping.
            ulid = previous.incrementedRandom() ?? fresh(millis: previous.timestampMilliseconds + 1)
        } else {
            ulid = fresh(millis: millis)
            if recent.count >= Self.memory { recent.removeLast() }
        }
        recent.insert((millis, ulid), at: 0)
        return ulid
    }

    private func fresh(millis: UInt64) -> ULID {
        ULID(
            timestampMilliseconds: millis,
            randomHigh: UInt16.random(in: .min ... .max, using: &randomSource),
            randomLow: UInt64.random(in: .min ... .max, using: &randomSource)
        )
    }
}
