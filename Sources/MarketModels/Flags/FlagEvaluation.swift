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
    public func evaluate(key: String, context: FlagContext) -> FlagResult {
        guard type.accepts(`default`) else { return FlagResult(value: `default`, variant: "default", reason: .error) }
        guard enabled else { return FlagResult(value: `default`, variant: "disabled", reason: .disabled) }
        for index in rules.indices {
            switch rules[index].match(key: key, context: context) {
            case .noMatch:
                continue
            case .broken:
                return FlagResult(value: `default`, variant: "default", reason: .error)
            case .match(let inRollout):
                let rule = rules[index]
                guard type.accepts(rule.value) else { return FlagResult(value: `default`, variant: "default", reason: .error) }
                return FlagResult(value: rule.value, variant: rule.variant ?? FlagRule.variantName(index), reason: inRollout ? .split : .ruleMatch)
            }
        }
        return FlagResult(value: `default`, variant: "default", reason: .default)
    }
}

extension FlagRule {
    enum Match { case noMatch, broken, match(inRollout: Bool) }

    /// "rule-0" ... "rule-99" made once: interpolating the name on every match was a
    /// measurable share of an evaluation.
    private static let variantNames = (0..<FlagRules.maximumRules).map { "rule-\($0)" }

    static func variantName(_ index: Int) -> String {
        index < variantNames.count ? variantNames[index] : "rule-\(index)"
    }

    // Cheap conditions first; the percentage last, so hashing only happens for callers
    // every other condition lets through.
    func match(key: String, context: FlagContext) -> Match {
        if let environments, !(context.environment.map(environments.contains) ?? false) { return .noMatch }
        if let userIds, !(context.userId.map(userIds.contains) ?? false) { return .noMatch }
        if let roles, !(context.role.map(roles.contains) ?? false) { return .noMatch }
        if let constraints {
            for constraint in constraints {
                switch constraint.holds(for: context) {
                case nil: return .broken
                case false?: return .noMatch
                case true?: continue
                }
            }
        }
        guard let percentage else { return .match(inRollout: false) }
        guard (0...100).contains(percentage) else { return .broken }
        guard let userId = context.userId else { return .noMatch }
        let bucket = FlagBucket.bucket(flagKey: key, userId: userId)
        return FlagBucket.isIncluded(bucket: bucket, percentage: percentage) ? .match(inRollout: true) : .noMatch
    }
}

extension FlagConstraint {
    /// Nil when the constraint cannot be evaluated (an unknown operator).
    func holds(for context: FlagContext) -> Bool? {
        guard `operator`.isKnown else { return nil }
        guard let attribute = context.attribute(attribute) else { return false }
        switch `operator` {
        case .in, .notIn, .startsWith, .endsWith, .contains:
            guard let text = attribute.comparableText else { return false }
            switch `operator` {
            case .in: return prepared.texts.contains(text)
            case .notIn: return !prepared.texts.contains(text)
            case .startsWith: return prepared.texts.contains { $0.map(text.hasPrefix) ?? false }
            case .endsWith: return prepared.texts.contains { $0.map(text.hasSuffix) ?? false }
            default: return prepared.texts.contains { $0.map(text.contains) ?? false }
            }
        case .lt, .lte, .gt, .gte, .eq:
            guard let number = attribute.comparableNumber else { return false }
            return prepared.numbers.contains { value in
                guard let value else { return false }
                return Self.compare(number, value, `operator`)
            }
        case .semverLt, .semverLte, .semverGt, .semverGte, .semverEq:
            guard let version = attribute.comparableText.flatMap(SemanticVersion.init) else { return false }
            return prepared.versions.contains { value in
                guard let value else { return false }
                return Self.compare(version, value, `operator`)
            }
        case .unknown:
            return nil
        }
    }

    private static func compare<T: Comparable>(_ a: T, _ b: T, _ op: FlagOperator) -> Bool {
        switch op {
        case .lt, .semverLt: a < b
        case .lte, .semverLte: a <= b
        case .gt, .semverGt: a > b
        case .gte, .semverGte: a >= b
        default: a == b
        }
    }
}
