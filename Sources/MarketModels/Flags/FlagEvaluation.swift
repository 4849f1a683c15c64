import Foundation

/// Who is asking: the server fills it from the caller's token and its own environment;
/// the admin API's evaluate call takes it from the body.
public struct FlagContext: Codable, Hashable, Sendable {
    public var userId: String?
    public var role: String?
    public var environment: String?
    /// Anything else rules may test ("country", "appVersion", "email"). `userId`, `role`
    /// and `environment` can be used as attributes too, and win over attributes of the
    /// same name: the server takes attributes from the caller but identity from the token.
    public var attributes: [String: FlagJSON]

    public init(userId: String? = nil, role: String? = nil, environment: String? = nil, attributes: [String: FlagJSON] = [:]) {
        self.userId = userId
        self.role = role
        self.environment = environment
        self.attributes = attributes
    }

    private enum CodingKeys: String, CodingKey { case userId, role, environment, attributes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        userId = try c.decodeIfPresent(String.self, forKey: .userId)
        role = try c.decodeIfPresent(String.self, forKey: .role)
        environment = try c.decodeIfPresent(String.self, forKey: .environment)
        attributes = try c.decodeIfPresent([String: FlagJSON].self, forKey: .attributes) ?? [:]
    }

    /// An attribute by name; the built-in fields answer to their own names.
    public func attribute(_ name: String) -> FlagJSON? {
        switch name {
        case "userId": userId.map(FlagJSON.string)
        case "role": role.map(FlagJSON.string)
        case "environment": environment.map(FlagJSON.string)
        default: attributes[name]
        }
    }
}

/// Why a flag has the value it has (OpenFeature's reasons).
public enum FlagReason: String, Codable, Hashable, Sendable, CaseIterable {
    /// No rule matched.
    case `default`
    /// The flag is switched off.
    case disabled
    /// A rule without a percentage matched.
    case ruleMatch = "rule_match"
    /// A rule with a percentage matched and the caller's bucket is inside it.
    case split
    /// The definition is broken (a value of the wrong type, an unknown operator, a
    /// percentage out of range) or the flag does not exist: the default is served.
    case error
}

/// `{value, variant, reason}`.
public struct FlagResult: Codable, Hashable, Sendable {
    public var value: FlagJSON
    /// A name for the value served: "default", "disabled", or the matching rule's
    /// `variant` (else "rule-<index>").
    public var variant: String
    public var reason: FlagReason

    public init(value: FlagJSON, variant: String, reason: FlagReason) {
        self.value = value
        self.variant = variant
        self.reason = reason
    }
}

extension FlagDefinition {
    /// Evaluates the flag for a caller. Never throws: whatever is wrong with the
    /// definition, the caller gets the default and reason `error`.
    ///
    /// This compiles the definition for one evaluation; whoever evaluates a flag often
    /// (the server, per request) keeps a `CompiledFlag` (or a `CompiledFlagSet`) instead.
    public func evaluate(key: String, context: FlagContext) -> FlagResult {
        CompiledFlag(key: key, definition: self).evaluate(context)
    }
}
