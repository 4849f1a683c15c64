import Foundation

/// A JSON value: the values flags hold and the attributes callers are evaluated with.
/// MarketModels is Foundation-only and the server's `JSONValue` (OpenAPI) keeps key order,
/// which flags do not need, so this is a small enum of its own. Numbers are `Double`:
/// JSON has one number type and the evaluator compares them numerically.
public indirect enum FlagJSON: Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([FlagJSON])
    case object([String: FlagJSON])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: FlagJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, FlagJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([FlagJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: FlagJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers are written without ".0" so 42 round-trips as 42 in every client.
            if let whole = Int64(exactly: value) { try container.encode(whole) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    public var numberValue: Double? { if case .number(let value) = self { value } else { nil } }

    /// The text form used by the string operators: strings as they are, numbers without a
    /// trailing ".0", booleans as true/false; arrays, objects and null have none.
    var comparableText: String? {
        switch self {
        case .string(let value): value
        case .number(let value): Int64(exactly: value).map(String.init) ?? String(value)
        case .bool(let value): value ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// The number used by the numeric operators: numbers, and strings that parse as one
    /// (attributes often arrive as text, "42").
    var comparableNumber: Double? {
        switch self {
        case .number(let value): value
        case .string(let value): Double(value)
        default: nil
        }
    }
}
