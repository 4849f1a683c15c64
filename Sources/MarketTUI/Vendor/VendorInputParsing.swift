import MarketModels

/// What a vendor types into the editor, read into wire values. Each reader returns a value
/// or one sentence to show beside the field; nothing is guessed, because a misread price is
/// money lost.
enum PriceText {
    /// "12.50" → 1250 for USD, "1200" → 1200 for JPY, "1.5" → 1500 for KWD.
    ///
    /// Only a point separates decimals, and thousands separators are refused: "12,50" is
    /// twelve and a half to a French vendor and 1,250 to an American one, so neither
    /// reading is safe.
    static func parse(_ raw: String, currency: Currency) -> Result<Int64, Problem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let digits = currency.minorUnitDigits
        guard !text.isEmpty else { return .failure(Problem(example(currency: currency, prefix: "Enter a price, such as"))) }
        if text.hasPrefix("-") { return .failure(Problem("A price cannot be negative.")) }
        if text.contains(",") {
            return .failure(Problem(example(currency: currency, prefix: "Use a point for decimals and no thousands separators, as in")))
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty))
        else { return .failure(Problem(example(currency: currency, prefix: "Enter a price, such as"))) }
        let fraction = parts.count == 2 ? parts[1] : ""
        if fraction.count > digits {
            return .failure(Problem(digits == 0
                ? "\(currency.code) prices are whole numbers."
                : "\(currency.code) prices have at most \(digits) decimal\(digits == 1 ? "" : "s")."))
        }
        // Integer arithmetic with overflow checks: the largest price is far below Int64.max,
        // but a pasted run of digits is not.
        var amount: Int64 = 0
        for character in parts[0] + fraction + String(repeating: "0", count: digits - fraction.count) {
            let (times, overflow1) = amount.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(character.wholeNumberValue ?? 0))
            guard !overflow1, !overflow2 else { return .failure(Problem("This price is too large.")) }
            amount = sum
        }
        if amount > CatalogRules.maxPriceMinorUnits { return .failure(Problem("This price is too large.")) }
        return .success(amount)
    }

    /// 1250 USD → "12.50": what the field shows when editing (no grouping, no code).
    static func format(_ amount: Int64, currency: Currency) -> String {
        let digits = currency.minorUnitDigits
        let unit = currency.minorUnitsPerMajorUnit
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        let major = magnitude / UInt64(unit)
        guard digits > 0 else { return sign + String(major) }
        let minor = String(magnitude % UInt64(unit))
        return sign + String(major) + "." + String(repeating: "0", count: digits - minor.count) + minor
    }

    private static func example(currency: Currency, prefix: String) -> String {
        "\(prefix) \(format(12 * currency.minorUnitsPerMajorUnit + currency.minorUnitsPerMajorUnit / 2, currency: currency))."
    }

    struct Problem: Error, Equatable {
        let message: String
        init(_ message: String) { self.message = message }
    }
}

/// Variant options as one line: `size=M, colour=blue` (a colon works too: `size: M`).
enum OptionsText {
    static func parse(_ raw: String) -> Result<[String: String], PriceText.Problem> {
        var options: [String: String] = [:]
        let entries = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for entry in entries {
            guard let separator = entry.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                return .failure(PriceText.Problem("Write options as name=value, separated by commas: size=M, colour=blue."))
            }
            let name = entry[..<separator].trimmingCharacters(in: .whitespaces)
            let value = entry[entry.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !value.isEmpty else {
                return .failure(PriceText.Problem("Each option needs a name and a value: size=M."))
            }
            guard options[name] == nil else { return .failure(PriceText.Problem("“\(name)” appears twice.")) }
            options[name] = value
        }
        return .success(options)
    }

    /// Sorted by name: the wire holds a dictionary, so there is no order to keep.
    static func format(_ options: [String: String]) -> String {
        options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}

/// Whole numbers for stock.
enum CountText {
    static func parse(_ raw: String, emptyMeans empty: Int? = nil) -> Result<Int, PriceText.Problem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty, let empty { return .success(empty) }
        if text.hasPrefix("-") { return .failure(PriceText.Problem("Stock cannot be negative.")) }
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), text.count <= 10, let value = Int(text), value <= CatalogRules.maxInventory else {
            return .failure(PriceText.Problem("Enter a whole number from 0 to \(CatalogRules.maxInventory)."))
        }
        return .success(value)
    }
}

/// Tags as one comma-separated line.
enum TagsText {
    static func parse(_ raw: String) -> [String] {
        raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func format(_ tags: [String]) -> String { tags.joined(separator: ", ") }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
