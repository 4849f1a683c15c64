import Foundation
import Testing
@testable import MarketModels

@Suite("ULID")
struct ULIDTests {
    @Test("text form round-trips and keeps the timestamp")
    func roundTrip() throws {
        let ulid = ULID(timestampMilliseconds: 1_790_000_000_123, randomHigh: 0xBEEF, randomLow: 0x0123_4567_89AB_CDEF)
        let text = ulid.string
        #expect(text.count == 26)
        let parsed = try #require(ULID(string: text))
        #expect(parsed == ulid)
        #expect(parsed.timestampMilliseconds == 1_790_000_000_123)
    }

    @Test("known vector: all-zero and all-ones ULIDs")
    func extremes() {
        #expect(ULID(timestampMilliseconds: 0, randomHigh: 0, randomLow: 0).string == "00000000000000000000000000")
        #expect(ULID(timestampMilliseconds: ULID.maxTimestamp, randomHigh: .max, randomLow: .max).string
            == "7ZZZZZZZZZZZZZZZZZZZZZZZZZ")
        // One more than the largest value has no 128-bit representation.
        #expect(ULID(string: "80000000000000000000000000") == nil)
    }

    @Test("text order equals numeric order on random values")
    func textOrderMatchesNumericOrder() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let a = ULID(timestampMilliseconds: UInt64.random(in: 0...ULID.maxTimestamp, using: &rng),
                         randomHigh: .random(in: .min ... .max, using: &rng), randomLow: rng.next())
            let b = ULID(timestampMilliseconds: a.timestampMilliseconds,
                         randomHigh: .random(in: .min ... .max, using: &rng), randomLow: rng.next())
            #expect((a < b) == (a.string < b.string))
        }
    }

    @Test("rejects lowercase, excluded letters and wrong lengths",
          arguments: ["01jd3q0n6z8r4v5w6x7y8z9a0b", "01JD3Q0N6Z8R4V5W6X7Y8Z9A0I", "01JD3Q0N6Z8R4V5W6X7Y8Z9A0L",
                      "01JD3Q0N6Z8R4V5W6X7Y8Z9A0O", "01JD3Q0N6Z8R4V5W6X7Y8Z9A0U", "01JD3Q0N6Z8R4V5W6X7Y8Z9A0",
                      "01JD3Q0N6Z8R4V5W6X7Y8Z9A0BB", "", "01JD3Q0N6Z8R4V5W6X7Y8Z9A0-", "01JD3Q0N6Z8R4V5W6X7Y8Z9A0é"])
    func rejectsMalformed(text: String) {
        #expect(ULID(string: text) == nil)
    }

    @Test("seeded generators give repeatable IDs")
    func seededGeneratorIsRepeatable() {
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        let first = ULIDGenerator(randomSource: SeededGenerator(seed: 42))
        let second = ULIDGenerator(randomSource: SeededGenerator(seed: 42))
        #expect((0..<5).map { _ in first.next(at: date) } == (0..<5).map { _ in second.next(at: date) })
    }

    @Test("same millisecond increments the random part")
    func monotonicWithinMillisecond() {
        let generator = ULIDGenerator(randomSource: SeededGenerator(seed: 1))
        let now = Date(timeIntervalSince1970: 1_790_000_000.5)
        let a = generator.next(at: now)
        let b = generator.next(at: now)
        #expect(b == a.incrementedRandom())
        #expect(b.timestampMilliseconds == a.timestampMilliseconds)
    }

    @Test("explicit past and future dates in between do not break a millisecond's sequence")
    func interleavedDates() {
        let generator = ULIDGenerator(randomSource: SeededGenerator(seed: 9))
        let now = Date(timeIntervalSince1970: 1_790_000_000.5)
        var live: [ULID] = []
        for step in 0..<200 {
            live.append(generator.next(at: now))
            let offset = Double(step % 20 + 1) * (step.isMultiple(of: 2) ? 3600 : -3600)
            let other = generator.next(at: now.addingTimeInterval(offset))
            #expect(abs(other.date.timeIntervalSince(now) - offset) < 0.001, "keeps its own time")
        }
        #expect(live == live.sorted())
        #expect(Set(live).count == live.count)
    }

    @Test("a full random part rolls into the next millisecond instead of wrapping")
    func randomOverflow() {
        let full = ULID(timestampMilliseconds: 5, randomHigh: .max, randomLow: .max)
        #expect(full.incrementedRandom() == nil)
        let carry = ULID(timestampMilliseconds: 5, randomHigh: 1, randomLow: .max).incrementedRandom()
        #expect(carry == ULID(timestampMilliseconds: 5, randomHigh: 2, randomLow: 0))
    }

    @Test("timestamps are clamped to the 48-bit range")
    func clamping() {
        #expect(ULID.milliseconds(for: Date(timeIntervalSince1970: -5)) == 0)
        #expect(ULID.milliseconds(for: .distantFuture) < ULID.maxTimestamp)
        #expect(ULID.milliseconds(for: Date(timeIntervalSince1970: 1e15)) == ULID.maxTimestamp)
    }
}
