import Foundation

/// `GET /flags`: `{flags: {key: {value, variant, reason}}}`, every flag evaluated for the
/// caller. The typed accessors are what the terminal apps use: a missing flag or one of
/// another type gives the caller's fallback, so a client never breaks on a flag change.
public struct EvaluatedFlags: Codable, Hashable, Sendable {
    public var flags: [String: FlagResult]

    public init(flags: [String: FlagResult] = [:]) { self.flags = flags }

    public func bool(_ key: String, default fallback: Bool) -> Bool { flags[key]?.value.boolValue ?? fallback }
    public func string(_ key: String, default fallback: String) -> String { flags[key]?.value.stringValue ?? fallback }
    public func number(_ key: String, default fallback: Double) -> Double { flags[key]?.value.numberValue ?? fallback }
    public func json(_ key: String) -> FlagJSON? { flags[key]?.value }
}

/// `POST /admin/flags/:key/evaluate` body: `{context: {userId, role, attributes}}`
/// (`environment` may be given too; the server's own is used otherwise).
public struct FlagEvaluationRequest: Codable, Hashable, Sendable {
    public var context: FlagContext

    public init(context: FlagContext) { self.context = context }
}

/// One flag as the admin API lists it: the definition's fields with its key and where it
/// comes from beside them, `{key, source, type, default, enabled, rules}`. `source` is
/// `file` or `database`; the database wins on the same key.
public struct FlagRecord: Codable, Hashable, Sendable {
    public var key: String
    public var source: String
    public var definition: FlagDefinition

    public init(key: String, source: String, definition: FlagDefinition) {
        self.key = key
        self.source = source
        self.definition = definition
    }

    private enum CodingKeys: String, CodingKey { case key, source }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        source = try c.decode(String.self, forKey: .source)
        definition = try FlagDefinition(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(source, forKey: .source)
        try definition.encode(to: encoder)
    }
}

/// `GET /admin/flags`: `{flags: [FlagRecord]}`, sorted by key.
public struct FlagRecordList: Codable, Hashable, Sendable {
    public var flags: [FlagRecord]

    public init(flags: [FlagRecord]) { self.flags = flags }
}

extension Dictionary where Key == String, Value == FlagDefinition {
    /// Every flag evaluated for one caller (compiling each for this one evaluation; keep a
    /// `CompiledFlagSet` to evaluate the same definitions again).
    public func evaluateAll(context: FlagContext) -> EvaluatedFlags {
        CompiledFlagSet(self).evaluateAll(context: context)
    }
}
