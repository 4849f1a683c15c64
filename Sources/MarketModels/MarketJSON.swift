import Foundation

/// The one JSON configuration for the wire, used by the server, the clients
/// and the tests, so dates and escaping never differ between them.
public enum MarketJSON {
    /// Dates as RFC 3339 UTC with milliseconds ("2026-11-21T01:39:37.123Z");
    /// slashes unescaped, so URLs and paths in bodies stay readable. Key order
    /// is left alone (not sorted): nothing may depend on it.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // Sorted keys: the same value always encodes to the same bytes, so ETags are stable
        // (dictionaries such as variant options have no order of their own).
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            guard let text = RFC3339.string(from: date) else {
                throw EncodingError.invalidValue(date, EncodingError.Context(
                    codingPath: encoder.codingPath,
                    debugDescription: "Date outside the years 0000...9999 cannot be written as RFC 3339"
                ))
            }
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
        return encoder
    }

    /// Accepts RFC 3339 dates with or without fractional seconds and with any
    /// UTC offset; anything else is a `DecodingError.dataCorrupted`.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "Expected an RFC 3339 timestamp, got \(text.debugDescription.prefix(64))"
                )
            }
            return date
        }
        return decoder
    }

    /// Encodes with `makeEncoder()`.
    public static func encode(_ value: some Encodable) throws -> Data {
        try makeEncoder().encode(value)
    }

    /// Decodes with `makeDecoder()`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try makeDecoder().decode(type, from: data)
    }
}
