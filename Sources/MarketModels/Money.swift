import Foundation

/// Why a money operation could not produce an exact answer. Money code never
/// traps and never rounds silently: the caller decides what a failure means.
public enum MoneyError: Error, Equatable, Sendable {
    /// The two currency codes involved, left operand first.
    case currencyMismatch(String, String)
    /// The result does not fit in 64-bit minor units.
    case overflow
    /// Allocation weights were empty, negative, or all zero.
    case invalidWeights
    /// A split into zero or fewer parts.
    case invalidParts
}

/// An amount of money: integer minor units (cents, yen, fils) and a currency.
///
/// Never a floating-point number, anywhere: binary floats cannot hold 0.10
/// exactly, and sums of prices must add up to the cent. Arithmetic is checked
/// and throws `MoneyError` instead of wrapping or trapping.
public struct Money: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Minor units: 1234 with USD is 12.34 dollars.
    public var amount: Int64
    public var currency: Currency

    public init(amount: Int64, currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money {
        Money(amount: 0, currency: currency)
    }

    public var isZero: Bool { amount == 0 }
    public var isNegative: Bool { amount < 0 }

    public func adding(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        let (sum, overflow) = amount.addingReportingOverflow(other.amount)
        guard !overflow else { throw .overflow }
        return Money(amount: sum, currency: currency)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        let (difference, overflow) = amount.subtractingReportingOverflow(other.amount)
        guard !overflow else { throw .overflow }
        return Money(amount: difference, currency: currency)
    }

    /// A unit price times a quantity.
    public func multiplied(by quantity: Int64) throws(MoneyError) -> Money {
        let (product, overflow) = amount.multipliedReportingOverflow(by: quantity)
        guard !overflow else { throw .overflow }
        return Money(amount: product, currency: currency)
    }

    /// The same amount with the opposite sign (for refunds and credits).
    public func negated() throws(MoneyError) -> Money {
        guard amount != .min else { throw .overflow }
        return Money(amount: -amount, currency: currency)
    }

    /// Adds up amounts of one currency; an empty list is zero of `currency`.
    public static func sum(_ values: some Sequence<Money>, currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for value in values {
            total = try total.adding(value)
        }
        return total
    }

    private func requireSameCurrency(_ other: Money) throws(MoneyError) {
        guard currency == other.currency else {
            throw .currencyMismatch(currency.code, other.currency.code)
        }
    }

    // MARK: Text

    /// "12.34 USD", "1,000 JPY", "-0.05 EUR", "1.234 KWD".
    ///
    /// Deliberately locale-independent: it is used in logs, tests and places
    /// where two machines must print the same text. Clients that want the
    /// user's locale format from `amount` and `currency.minorUnitDigits`.
    public var formatted: String {
        let digits = currency.minorUnitDigits
        let magnitude = amount.magnitude // UInt64, so Int64.min is fine
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let major = magnitude / divisor
        let minor = magnitude % divisor

        var text = Self.grouped(major)
        if digits > 0 {
            let minorText = String(minor)
            text += "." + String(repeating: "0", count: digits - minorText.count) + minorText
        }
        return (amount < 0 ? "-" : "") + text + " " + currency.code
    }

    public var description: String { formatted }

    /// Thousands separated by commas: 1234567 -> "1,234,567".
    private static func grouped(_ value: UInt64) -> String {
        let plain = Array(String(value))
        var result = ""
        for (index, character) in plain.enumerated() {
            if index > 0 && (plain.count - index) % 3 == 0 {
                result.append(",")
            }
            result.append(character)
        }
        return result
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case amount, currency
    }

    // Written out so the wire shape is pinned here, not left to synthesis.
    // Decoding `Int64` already refuses 12.5 and "12", which is what the
    // contract wants: a fractional or quoted amount is a client bug.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            self.amount = try container.decode(Int64.self, forKey: .amount)
        } catch let error where !(error is DecodingError) {
            // Foundation on Linux reports 12.5-for-an-integer with an internal error that
            // becomes "not valid JSON" with no path; say what and where instead.
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath + [CodingKeys.amount],
                debugDescription: "Money amounts are whole minor units (cents), not fractions."))
        }
        self.currency = try container.decode(Currency.self, forKey: .currency)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amount, forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
