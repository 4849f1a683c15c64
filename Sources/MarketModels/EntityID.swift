import Foundation

/// The phantom type behind an `EntityID`: it only supplies the prefix, so a
/// `UserID` can never be passed where an `OrderID` is expected.
public protocol EntityIDKind: Sendable {
    /// Lowercase letters, written before the underscore ("usr" in "usr_01H...").
    static var prefix: String { get }
}

/// A typed, time-ordered ID such as `usr_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B`.
///
/// On the wire and in the database it is a plain string; the prefix makes a
/// pasted ID self-describing in logs and support tickets, and the ULID part
/// makes IDs sort by creation time, which keyset pagination relies on.
public struct EntityID<Kind: EntityIDKind>: Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, RawRepresentable
{
    public let rawValue: String

    /// Accepts exactly `"\(Kind.prefix)_"` followed by a valid ULID in
    /// uppercase Crockford base32. Anything else is rejected rather than
    /// repaired, so each entity has a single spelling.
    public init?(rawValue: String) {
        // Compared as bytes: Character comparison would let a combining mark
        // after the underscore merge with it and confuse the length check.
        let head = Kind.prefix.utf8 + [UInt8(ascii: "_")]
        let bytes = rawValue.utf8
        guard bytes.count == head.count + ULID.length,
              bytes.starts(with: head),
              let ulid = ULID(utf8: bytes.dropFirst(head.count))
        else { return nil }
        self.rawValue = rawValue
        self.ulid = ulid
    }

    public init(ulid: ULID) {
        self.rawValue = Kind.prefix + "_" + ulid.string
        self.ulid = ulid
    }

    /// The parsed ULID, kept so `createdAt` and ordering need no re-parsing.
    public let ulid: ULID

    /// A new ID for `date` from the shared monotonic generator.
    public static func generate(at date: Date = Date()) -> Self {
        Self(ulid: ULIDGenerator.shared.next(at: date))
    }

    /// A new ID from a specific generator, for tests that need repeatable IDs.
    public static func generate(at date: Date = Date(), using generator: ULIDGenerator) -> Self {
        Self(ulid: generator.next(at: date))
    }

    /// When the ID was made, to the millisecond.
    public var createdAt: Date { ulid.date }

    public var description: String { rawValue }

    /// The text order, which equals the ULID order because all IDs of one kind
    /// share a prefix.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.ulid < rhs.ulid }

    // Equality and hashing use the string only; the ULID is derived from it.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let id = Self(rawValue: string) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected a \(Kind.prefix)_ ID, got \(string.debugDescription.prefix(80))"
            )
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Lets dictionaries keyed by IDs encode as JSON objects (`{"usr_...": ...}`)
/// instead of the flat key/value arrays Codable falls back to.
extension EntityID: CodingKeyRepresentable {
    public var codingKey: any CodingKey { IDCodingKey(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) {
        self.init(rawValue: codingKey.stringValue)
    }
}

private struct IDCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
