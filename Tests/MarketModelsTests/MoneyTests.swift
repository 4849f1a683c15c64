import Foundation
import Testing
@testable import MarketModels

@Suite("Money")
struct MoneyTests {
    let usd = Currency.usd
    let eur = Currency.eur

    @Test("JSON is exactly {amount, currency}")
    func jsonShape() throws {
        let money = Money(amount: 1234, currency: usd)
        #expect(try sortedJSONString(money) == #"{"amount":1234,"currency":"USD"}"#)
        let object = try jsonObject(try jsonString(money))
        #expect(Set(object.keys) == ["amount", "currency"])
        #expect(try decodeJSON(Money.self, #"{"amount": 1234, "currency": "USD"}"#) == money)
        #expect(try decodeJSON(Money.self, #"{"amount":-5,"currency":"JPY"}"#) == Money(amount: -5, currency: .jpy))
    }

    @Test("fractional, quoted, missing or out-of-range amounts do not decode", arguments: [
        #"{"amount": 12.5, "currency": "USD"}"#,
        #"{"amount": "12", "currency": "USD"}"#,
        #"{"amount": null, "currency": "USD"}"#,
        #"{"currency": "USD"}"#,
        #"{"amount": 12}"#,
        #"{"amount": 12, "currency": "usd"}"#,
        #"{"amount": 9223372036854775808, "currency": "USD"}"#,
    ])
    func rejectsBadJSON(json: String) {
        #expect(throws: DecodingError.self) { try decodeJSON(Money.self, json) }
    }

    @Test("adding and subtracting check the currency")
    func arithmetic() throws {
        let a = Money(amount: 1050, currency: usd)
        let b = Money(amount: 250, currency: usd)
        #expect(try a.adding(b) == Money(amount: 1300, currency: usd))
        #expect(try b.subtracting(a) == Money(amount: -800, currency: usd))
        #expect(try a.multiplied(by: 3) == Money(amount: 3150, currency: usd))
        #expect(throws: MoneyError.currencyMismatch("USD", "EUR")) {
            try a.adding(Money(amount: 1, currency: eur))
        }
        #expect(throws: MoneyError.currencyMismatch("USD", "EUR")) {
            try a.subtracting(Money(amount: 1, currency: eur))
        }
    }

    @Test("overflow is reported, never wrapped")
    func overflow() {
        let max = Money(amount: .max, currency: usd)
        let min = Money(amount: .min, currency: usd)
        let one = Money(amount: 1, currency: usd)
        #expect(throws: MoneyError.overflow) { try max.adding(one) }
        #expect(throws: MoneyError.overflow) { try min.subtracting(one) }
        #expect(throws: MoneyError.overflow) { try max.multiplied(by: 2) }
        #expect(throws: MoneyError.overflow) { try min.multiplied(by: -1) }
        #expect(throws: MoneyError.overflow) { try min.negated() }
        #expect(throws: MoneyError.overflow) { try max.percentage(basisPoints: 10_001) }
        #expect(throws: MoneyError.overflow) {
            try Money.sum([max, one], currency: usd)
        }
        #expect((try? max.subtracting(one))?.amount == Int64.max - 1)
    }

    @Test("sum adds a list and checks currencies")
    func sum() throws {
        let values = [100, 250, -50].map { Money(amount: $0, currency: eur) }
        #expect(try Money.sum(values, currency: eur) == Money(amount: 300, currency: eur))
        #expect(try Money.sum([], currency: eur) == .zero(eur))
        #expect(throws: MoneyError.currencyMismatch("EUR", "USD")) {
            try Money.sum([Money(amount: 1, currency: usd)], currency: eur)
        }
    }

    @Test("formatted uses the currency's digits and groups thousands", arguments: [
        (Int64(1234), "USD", "12.34 USD"),
        (5, "USD", "0.05 USD"),
        (-5, "EUR", "-0.05 EUR"),
        (0, "USD", "0.00 USD"),
        (100_000, "USD", "1,000.00 USD"),
        (1000, "JPY", "1,000 JPY"),
        (-1_234_567, "JPY", "-1,234,567 JPY"),
        (1234, "KWD", "1.234 KWD"),
        (Int64.min, "USD", "-92,233,720,368,547,758.08 USD"),
    ])
    func formatted(amount: Int64, code: String, expected: String) throws {
        let money = Money(amount: amount, currency: try #require(Currency(code: code)))
        #expect(money.formatted == expected)
        #expect(money.description == expected)
    }

    @Test("percentage rounds exactly in integers", arguments: [
        // amount, basis points, rule, expected
        (Int64(1000), Int64(1250), FloatingPointRoundingRule.toNearestOrAwayFromZero, Int64(125)),
        (999, 1000, .toNearestOrAwayFromZero, 100), // 99.9
        (995, 100, .toNearestOrAwayFromZero, 10), // 9.95
        (-995, 100, .toNearestOrAwayFromZero, -10),
        (250, 200, .toNearestOrEven, 5), // 5.0 exactly
        (25, 1000, .toNearestOrEven, 2), // 2.5 -> 2
        (35, 1000, .toNearestOrEven, 4), // 3.5 -> 4
        (25, 1000, .toNearestOrAwayFromZero, 3),
        (-25, 1000, .toNearestOrAwayFromZero, -3),
        (19, 1000, .towardZero, 1), // 1.9
        (-19, 1000, .towardZero, -1),
        (11, 1000, .awayFromZero, 2), // 1.1
        (-11, 1000, .awayFromZero, -2),
        (-11, 1000, .down, -2),
        (11, 1000, .down, 1),
        (11, 1000, .up, 2),
        (-11, 1000, .up, -1),
        (1000, -500, .toNearestOrAwayFromZero, -50), // a discount
        (Int64.max, 10_000, .toNearestOrAwayFromZero, Int64.max), // 100 % of the largest amount
        (Int64.min, 10_000, .toNearestOrAwayFromZero, Int64.min),
        (Int64.max, 5000, .toNearestOrAwayFromZero, 4_611_686_018_427_387_904), // half, rounded up
    ])
    func percentage(amount: Int64, basisPoints: Int64, rule: FloatingPointRoundingRule, expected: Int64) throws {
        let result = try Money(amount: amount, currency: usd).percentage(basisPoints: basisPoints, rounding: rule)
        #expect(result == Money(amount: expected, currency: usd))
    }

    @Test("percentage agrees with exact rational rounding on random inputs")
    func percentageProperty() throws {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<3000 {
            let amount = Int64.random(in: -1_000_000_000...1_000_000_000, using: &rng)
            let points = Int64.random(in: -20_000...20_000, using: &rng)
            let result = try Money(amount: amount, currency: usd).percentage(basisPoints: points).amount
            // Exact: amount * points / 10000; nearest, halves away from zero.
            let product = amount * points
            let twice = 2 * product
            let expected = (twice + (product >= 0 ? 10_000 : -10_000)) / 20_000
            #expect(result == expected, "amount \(amount), \(points) bp")
        }
    }
}
