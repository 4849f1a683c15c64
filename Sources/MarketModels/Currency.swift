import Foundation

/// An ISO 4217 currency with its number of minor-unit digits.
///
/// Only codes in the table below exist: the digits decide how every amount is
/// read (1234 is 12.34 USD but 1234 JPY and 1.234 KWD), so a currency we do not
/// know the digits of must be refused, not guessed.
public struct Currency: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Three uppercase letters, e.g. "USD".
    public let code: String
    /// Digits after the decimal point: USD 2, JPY 0, KWD 3.
    public let minorUnitDigits: Int

    private init(validated code: String, digits: Int) {
        self.code = code
        self.minorUnitDigits = digits
    }

    /// A known code, in uppercase exactly. Lowercase is refused so that the
    /// wire and the database only ever hold one spelling; clients uppercase
    /// user input before sending it.
    public init?(code: String) {
        guard let digits = Self.table[code] else { return nil }
        self.init(validated: code, digits: digits)
    }

    public static let usd = Currency(validated: "USD", digits: 2)
    public static let eur = Currency(validated: "EUR", digits: 2)
    public static let gbp = Currency(validated: "GBP", digits: 2)
    public static let jpy = Currency(validated: "JPY", digits: 0)

    /// Every supported currency, sorted by code (for pickers and tests).
    public static let allKnown: [Currency] = table
        .map { Currency(validated: $0.key, digits: $0.value) }
        .sorted { $0.code < $1.code }

    /// 10^minorUnitDigits: the number of minor units in one major unit.
    public var minorUnitsPerMajorUnit: Int64 {
        var result: Int64 = 1
        for _ in 0..<minorUnitDigits { result *= 10 }
        return result
    }

    public var description: String { code }

    // Codable as the bare code string, as API.md shows ("currency": "USD").
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let currency = Currency(code: code) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Unknown currency code \(code.debugDescription.prefix(20))"
            )
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// ISO 4217 minor-unit digits (the values in the standard's own table, so
    /// HUF and CZK have 2 even though cash rarely uses them).
    private static let table: [String: Int] = [
        // Zero-decimal currencies.
        "JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "UGX": 0, "PYG": 0,
        "XAF": 0, "XOF": 0, "RWF": 0,
        // Three-decimal currencies.
        "KWD": 3, "BHD": 3, "TND": 3, "JOD": 3, "OMR": 3, "IQD": 3, "LYD": 3,
        // Two-decimal currencies.
        "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2,
        "SEK": 2, "NOK": 2, "DKK": 2, "PLN": 2, "CZK": 2, "HUF": 2, "INR": 2,
        "CNY": 2, "BRL": 2, "MXN": 2, "ZAR": 2, "SGD": 2, "HKD": 2, "TWD": 2,
        "THB": 2, "MYR": 2, "IDR": 2, "PHP": 2, "TRY": 2, "ILS": 2, "AED": 2,
        "SAR": 2, "RON": 2, "BGN": 2, "UAH": 2, "EGP": 2, "NGN": 2, "KES": 2,
        "ARS": 2, "COP": 2, "PEN": 2,
    ]
}
