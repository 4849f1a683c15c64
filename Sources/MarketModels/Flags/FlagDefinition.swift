import Foundation

/// The type of a flag's values.
public enum FlagType: String, Codable, Hashable, Sendable, CaseIterable {
    case boolean, string, number, json

    /// Whether a value has this type. A `json` flag holds any JSON value.
    public func accepts(_ value: FlagJSON) -> Bool {
        switch (self, value) {
        case (.boolean, .bool), (.string, .string), (.number, .number), (.json, _): true
        default: false
        }
    }
}

/// A flag definition, exactly the wire shape of API.md:
/// `{type, default, enabled, rules: [{environments?, userIds?, roles?, constraints?, percentage?, value}]}`.
public struct FlagDefinition: Codable, Hashable, Sendable {
    public var type: FlagType
    public var `default`: FlagJSON
    /// Off: every caller gets the default (reason `disabled`).
    public var enabled: Bool
    /// Tried in order; the first rule that matches supplies the value.
    public var rules: [FlagRule]

    public init(type: FlagType, default: FlagJSON, enabled: Bool = true, rules: [FlagRule] = []) {
        self.type = type
        self.default = `default`
        self.enabled = enabled
        self.rules = rules
    }

    private enum CodingKeys: String, CodingKey { case type, `default`, enabled, rules }

    // `enabled` and `rules` may be left out of hand-written files: on, no rules.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(FlagType.self, forKey: .type)
        `default` = try c.decodeIfPresent(FlagJSON.self, forKey: .default) ?? .null
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        rules = try c.decodeIfPresent([FlagRule].self, forKey: .rules) ?? []
    }
}

/// One targeting rule. Every condition present must hold; a list that is present but empty
/// matches nobody (a set with no members), and a rule with no conditions matches everyone.
public struct FlagRule: Codable, Hashable, Sendable {
    public var environments: [String]?
    public var userIds: [String]?
    public var roles: [String]?
    public var constraints: [FlagConstraint]?
    /// 0...100: the share of users (by a hash of flag key and user id) the rule applies to.
    /// Callers without a user id are never inside a rollout.
    public var percentage: Double?
    public var value: FlagJSON
    /// An optional name for this rule's value, reported as the result's `variant`
    /// (an addition to the contract); "rule-<index>" when absent.
    public var variant: String?

    public init(
        environments: [String]? = nil, userIds: [String]? = nil, roles: [String]? = nil,
        constraints: [FlagConstraint]? = nil, percentage: Double? = nil, value: FlagJSON, variant: String? = nil
    ) {
        self.environments = environments
        self.userIds = userIds
        self.roles = roles
        self.constraints = constraints
        self.percentage = percentage
        self.value = value
        self.variant = variant
    }
}

/// `{attribute, operator, values}`: the caller's attribute compared with the values. A
/// positive operator holds when any value satisfies it; `not-in` when none is equal. A
/// caller without the attribute never satisfies a constraint, `not-in` included
/// (LaunchDarkly's rule: a rule about an attribute only concerns callers that have it).
public struct FlagConstraint: Codable, Hashable, Sendable {
    public var attribute: String
    public var `operator`: FlagOperator
    public var values: [FlagJSON]

    public init(attribute: String, operator: FlagOperator, values: [FlagJSON]) {
        self.attribute = attribute
        self.operator = `operator`
        self.values = values
    }

    private enum CodingKeys: String, CodingKey { case attribute, `operator`, values }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            attribute: try c.decode(String.self, forKey: .attribute),
            operator: try c.decode(FlagOperator.self, forKey: .operator),
            values: try c.decodeIfPresent([FlagJSON].self, forKey: .values) ?? []
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(attribute, forKey: .attribute)
        try c.encode(`operator`, forKey: .operator)
        try c.encode(values, forKey: .values)
    }
}

/// The constraint operators. An operator this build does not know still decodes (as
/// `unknown`), so a definition from a newer server evaluates to its default with reason
/// `error` instead of failing to load.
public enum FlagOperator: Hashable, Sendable, Codable, CaseIterable {
    case `in`, notIn, startsWith, endsWith, contains
    case lt, lte, gt, gte, eq
    case semverLt, semverLte, semverGt, semverGte, semverEq
    case unknown(String)

    public static let allCases: [FlagOperator] = [
        .in, .notIn, .startsWith, .endsWith, .contains,
        .lt, .lte, .gt, .gte, .eq,
        .semverLt, .semverLte, .semverGt, .semverGte, .semverEq,
    ]

    public init(rawValue: String) {
        self = Self.allCases.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    public var rawValue: String {
        switch self {
        case .in: "in"
        case .notIn: "not-in"
        case .startsWith: "starts-with"
        case .endsWith: "ends-with"
        case .contains: "contains"
        case .lt: "lt"
        case .lte: "lte"
        case .gt: "gt"
        case .gte: "gte"
        case .eq: "eq"
        case .semverLt: "semver-lt"
        case .semverLte: "semver-lte"
        case .semverGt: "semver-gt"
        case .semverGte: "semver-gte"
        case .semverEq: "semver-eq"
        case .unknown(let raw): raw
        }
    }

    public var isNumeric: Bool { [.lt, .lte, .gt, .gte, .eq].contains(self) }
    public var isSemver: Bool { [.semverLt, .semverLte, .semverGt, .semverGte, .semverEq].contains(self) }
    public var isKnown: Bool { if case .unknown = self { false } else { true } }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
