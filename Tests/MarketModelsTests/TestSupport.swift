import Foundation
@testable import MarketModels

/// SplitMix64: a tiny seeded generator, so the property tests draw the same
/// cases on every run and a failure can be reproduced.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Encodes with the wire encoder and returns the JSON text.
func jsonString(_ value: some Encodable) throws -> String {
    String(decoding: try MarketJSON.makeEncoder().encode(value), as: UTF8.self)
}

/// Encodes with sorted keys, for comparing exact JSON text regardless of the
/// platform's key order.
func sortedJSONString(_ value: some Encodable) throws -> String {
    let encoder = MarketJSON.makeEncoder()
    encoder.outputFormatting.insert(.sortedKeys)
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Decodes JSON text with the wire decoder.
func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try MarketJSON.makeDecoder().decode(type, from: Data(text.utf8))
}

/// The top-level object of some JSON text, for checking shapes.
func jsonObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return object as? [String: Any] ?? [:]
}
