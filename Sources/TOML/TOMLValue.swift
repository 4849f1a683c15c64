// A TOML 1.0 value tree and the error the parser reports.
//
// Date-times are kept exactly as written (`.datetime("1979-05-27T07:32:00Z")`);
// turning them into `Date` values is the config loader's business.

/// One value of a TOML document.
public enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// An offset date-time, local date-time, local date or local time, as written.
    case datetime(String)
    case array([TOMLValue])
    case table([String: TOMLValue])

    /// The string, if this is a `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an `.integer`.
    public var intValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is a `.boolean`.
    public var boolValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The number, if this is a `.float` or an `.integer` (integers convert).
    public var doubleValue: Double? {
        switch self {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// The date-time text as written, if this is a `.datetime`.
    public var datetimeValue: String? {
        if case .datetime(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an `.array` (arrays of tables included).
    public var arrayValue: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The entries, if this is a `.table`.
    public var tableValue: [String: TOMLValue]? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The entry `key` of a table; `nil` for a missing key or a value that is not a table.
    public subscript(key: String) -> TOMLValue? {
        tableValue?[key]
    }

    /// The TOML name of the value's type, for error messages: "string", "integer", "float",
    /// "boolean", "date-time", "array" or "table".
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .datetime: return "date-time"
        case .array: return "array"
        case .table: return "table"
        }
    }
}

/// A syntax or structure error in a TOML document, with its 1-based line and column.
///
/// Columns count Unicode scalars from the start of the line.
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// For example `line 3, column 7: expected '=' after key`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}

// Literals, so that expected values and defaults read like the TOML they stand for:
// `let expected: TOMLValue = ["port": 8080, "hosts": ["a", "b"]]`.
extension TOMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(arrayLiteral elements: TOMLValue...) { self = .array(elements) }

    /// Later duplicates win.
    public init(dictionaryLiteral elements: (String, TOMLValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
