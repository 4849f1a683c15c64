import Foundation
import Testing
@testable import MarketModels

@Suite("Money allocation")
struct MoneyAllocationTests {
    private func amounts(_ parts: [Money]) -> [Int64] { parts.map(\.amount) }

    @Test("examples: largest remainder, ties to the earlier index")
    func examples() throws {
        let dollar = Money(amount: 100, currency: .usd)
        #expect(amounts(try dollar.split(into: 3)) == [34, 33, 33])
        #expect(amounts(try Money(amount: -100, currency: .usd).split(into: 3)) == [-34, -33, -33])
        #expect(amounts(try Money(amount: 5, currency: .usd).split(into: 4)) == [2, 1, 1, 1])
        // Exact shares 1.75, 3.5, 1.75: floors 1, 3, 1 and the two spare units
        // go to the .75 remainders, not to the middle part.
        #expect(amounts(try Money(amount: 7, currency: .usd).allocated([1, 2, 1])) == [2, 3, 2])
        #expect(amounts(try dollar.allocated([0, 1, 0])) == [0, 100, 0])
        #expect(amounts(try dollar.allocated([70, 20, 10])) == [70, 20, 10])
        #expect(amounts(try Money(amount: 2, currency: .jpy).split(into: 5)) == [1, 1, 0, 0, 0])
        #expect(amounts(try Money.zero(.usd).split(into: 2)) == [0, 0])
        let parts = try dollar.split(into: 3)
        #expect(parts.allSatisfy { $0.currency == .usd })
    }

    @Test("invalid weights and parts are errors")
    func invalidInput() throws {
        let money = Money(amount: 100, currency: .usd)
        #expect(throws: MoneyError.invalidWeights) { try money.allocated([]) }
        #expect(throws: MoneyError.invalidWeights) { try money.allocated([0, 0]) }
        #expect(throws: MoneyError.invalidWeights) { try money.allocated([3, -1]) }
        #expect(throws: MoneyError.invalidParts) { try money.split(into: 0) }
        #expect(throws: MoneyError.invalidParts) { try money.split(into: -2) }
        // Two Int64.max weights still fit the unsigned total; three do not.
        #expect(amounts(try money.allocated([.max, .max])) == [50, 50])
        #expect(throws: MoneyError.overflow) { try money.allocated([.max, .max, .max]) }
    }

    @Test("extreme amounts and weights still add up")
    func extremes() throws {
        for amount in [Int64.max, Int64.min, Int64.min + 1, 1, -1] {
            let money = Money(amount: amount, currency: .usd)
            for weights in [[Int64.max], [Int64.max / 2, Int64.max / 2], [1, Int64.max - 1], [3, 3, 3], [1, 0, 2]] {
                let parts = try money.allocated(weights)
                #expect(try Money.sum(parts, currency: .usd) == money, "\(amount) by \(weights)")
            }
        }
    }

    /// The property tests: random amounts (both signs, USD and JPY) and random
    /// weights. Ranges are kept so that `amount * weight` fits in Int64 for
    /// the exact comparison; `extremes` covers the full range.
    @Test("random allocations sum exactly and stay within one unit of the exact share")
    func property() throws {
        var rng = SeededGenerator(seed: 2026)
        for currency in [Currency.usd, .jpy] {
            for round in 0..<2500 {
                let amount = Int64.random(in: -1_000_000_000...1_000_000_000, using: &rng)
                let count = Int.random(in: 1...12, using: &rng)
                var weights = (0..<count).map { _ in Int64.random(in: 0...10_000, using: &rng) }
                if round % 7 == 0 { weights[0] = 0 } // zero weights mixed in
                if weights.allSatisfy({ $0 == 0 }) { weights[count - 1] = 1 }
                let money = Money(amount: amount, currency: currency)

                let parts = try money.allocated(weights)
                #expect(parts.count == weights.count)
                #expect(try Money.sum(parts, currency: currency) == money)

                let total = weights.reduce(0, +)
                for (part, weight) in zip(parts, weights) {
                    // |part - amount * weight / total| < 1, multiplied by total.
                    let error = part.amount * total - amount * weight
                    #expect(abs(error) < total, "amount \(amount) weights \(weights)")
                    if weight == 0 { #expect(part.amount == 0) }
                    // Parts never have the opposite sign of the amount.
                    #expect(amount >= 0 ? part.amount >= 0 : part.amount <= 0)
                }
            }
        }
    }

    @Test("split parts differ by at most one unit, larger ones first")
    func splitProperty() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let amount = Int64.random(in: -100_000...100_000, using: &rng)
            let count = Int.random(in: 1...50, using: &rng)
            let parts = try Money(amount: amount, currency: .eur).split(into: count).map(\.amount)
            #expect(parts.reduce(0, +) == amount)
            let magnitudes = parts.map(\.magnitude)
            #expect(magnitudes.max()! - magnitudes.min()! <= 1)
            #expect(magnitudes == magnitudes.sorted(by: >), "the extra units go to the earlier parts")
        }
    }

    @Test("negating the amount negates every part")
    func symmetry() throws {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<1000 {
            let amount = Int64.random(in: 1...1_000_000, using: &rng)
            let weights = (0..<Int.random(in: 1...8, using: &rng)).map { _ in Int64.random(in: 1...1000, using: &rng) }
            let positive = try Money(amount: amount, currency: .usd).allocated(weights).map(\.amount)
            let negative = try Money(amount: -amount, currency: .usd).allocated(weights).map(\.amount)
            #expect(negative == positive.map { -$0 })
        }
    }
}
