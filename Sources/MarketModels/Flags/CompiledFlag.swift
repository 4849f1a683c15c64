import Foundation

/// A flag definition compiled for evaluation: immutable, made once where definitions are
/// loaded (the server's registry on every reload) and evaluated many times.
///
/// `FlagDefinition` stays the wire and storage type; this is a separate form so the
/// Codable types keep their shape and nothing that encodes them sees the evaluator's
/// layout. What compiling does, each for the 1 µs budget of an evaluation with five rules:
/// - rules and constraints are final classes in `ContiguousArray`s, walked through a
///   buffer pointer, so no rule (a struct of seven reference-counted fields) is copied,
///   retained and released per evaluation, which was about 90 % of the time;
/// - constraint values are parsed once (texts, numbers, versions), attribute names are
///   resolved to the built-in fields where they name one (no `FlagJSON` box per lookup);
/// - each rule's result (value, variant name, reason), or the error result when its value
///   has the wrong type, is made once; so are the default, disabled and error results;
/// - the murmur3 state after "flagKey:" is kept, so a rollout hashes only the user id.
///
/// Results are those of the definition's documented semantics, rule for rule: the shared
/// case table (Tests/Fixtures/flag-cases.json) and a randomised comparison with a direct
/// reading of the rules (MarketModelsTests) check it.
public final class CompiledFlag: Sendable {
    public let key: String
    public let definition: FlagDefinition

    /// Every caller gets this (a default of the wrong type: error; a disabled flag).
    private let fixed: FlagResult?
    private let defaultResult: FlagResult
    private let errorResult: FlagResult
    private let rules: ContiguousArray<CompiledRule>
    /// Murmur3 after the bytes of "flagKey:".
    private let salt: Murmur3

    public init(key: String, definition: FlagDefinition) {
        self.key = key
        self.definition = definition
        let type = definition.type
        let defaultValue = definition.default
        defaultResult = FlagResult(value: defaultValue, variant: "default", reason: .default)
        errorResult = FlagResult(value: defaultValue, variant: "default", reason: .error)
        if !type.accepts(defaultValue) {
            fixed = errorResult
        } else if !definition.enabled {
            fixed = FlagResult(value: defaultValue, variant: "disabled", reason: .disabled)
        } else {
            fixed = nil
        }
        let errorResult = errorResult
        rules = ContiguousArray(definition.rules.enumerated().map { index, rule in
            CompiledRule(rule, index: index, type: type, error: errorResult)
        })
        var salt = Murmur3()
        var saltKey = key
        saltKey.withUTF8 { salt.combine($0) }
        salt.combine(UInt8(ascii: ":"))
        self.salt = salt
    }

    /// Evaluates the flag for a caller. Never throws: whatever is wrong with the
    /// definition, the caller gets the default and reason `error`.
    public func evaluate(_ context: FlagContext) -> FlagResult {
        if let fixed { return fixed }
        return rules.withUnsafeBufferPointer { rules in
            for index in rules.indices {
                switch rules[index].match(context, salt: salt) {
                case .noMatch: continue
                case .broken: return errorResult
                case .match: return rules[index].result
                }
            }
            return defaultResult
        }
    }

    /// The bucket 0..<10,000 of a user for this flag (as `FlagBucket.bucket`).
    func bucket(userId: String) -> Int { Self.bucket(salt: salt, userId: userId) }

    @inline(__always)
    static func bucket(salt: Murmur3, userId: String) -> Int {
        var hasher = salt
        if userId.utf8.withContiguousStorageIfAvailable({ hasher.combine($0) }) == nil {
            for byte in userId.utf8 { hasher.combine(byte) }
        }
        return Int(hasher.finalize() % FlagBucket.bucketCount)
    }
}

/// A set of compiled flags, as `GET /flags` evaluates them all for one caller.
public struct CompiledFlagSet: Sendable {
    public let byKey: [String: CompiledFlag]
    private let ordered: ContiguousArray<CompiledFlag>

    public init(_ definitions: [String: FlagDefinition]) {
        self.init(compiled: definitions.map { CompiledFlag(key: $0.key, definition: $0.value) })
    }

    /// From flags already compiled (a registry reuses the ones whose definition did not change).
    public init(compiled: some Sequence<CompiledFlag>) {
        ordered = ContiguousArray(compiled)
        byKey = Dictionary(ordered.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
    }

    public static let empty = CompiledFlagSet(compiled: [])

    public subscript(key: String) -> CompiledFlag? { byKey[key] }

    public var count: Int { byKey.count }

    /// Every flag evaluated for one caller.
    public func evaluateAll(context: FlagContext) -> EvaluatedFlags {
        var results: [String: FlagResult] = [:]
        results.reserveCapacity(ordered.count)
        ordered.withUnsafeBufferPointer { flags in
            for index in flags.indices { results[flags[index].key] = flags[index].evaluate(context) }
        }
        return EvaluatedFlags(flags: results)
    }
}

// MARK: - Rules

enum RuleMatch { case noMatch, broken, match }

/// One rule, ready to match. A condition that is absent is nil; one that is present but
/// empty matches nobody; a rule with no conditions matches everyone.
final class CompiledRule: Sendable {
    let environments: Membership?
    let userIds: Membership?
    let roles: Membership?
    let constraints: ContiguousArray<CompiledConstraint>
    /// The rollout: nil for none; `.broken` for a percentage outside 0...100.
    let rollout: Rollout?
    /// What a match serves: the rule's value, variant and reason, or the error result
    /// when the value does not have the flag's type.
    let result: FlagResult

    enum Rollout: Sendable {
        /// Buckets below this (percentage × 100, rounded) are in.
        case threshold(Double)
        case broken
    }

    init(_ rule: FlagRule, index: Int, type: FlagType, error: FlagResult) {
        environments = rule.environments.map(Membership.init)
        userIds = rule.userIds.map(Membership.init)
        roles = rule.roles.map(Membership.init)
        constraints = ContiguousArray((rule.constraints ?? []).map(CompiledConstraint.init))
        rollout = rule.percentage.map { percentage in
            (0...100).contains(percentage) ? .threshold((percentage * 100).rounded()) : .broken
        }
        result = type.accepts(rule.value)
            ? FlagResult(value: rule.value, variant: rule.variant ?? Self.variantName(index), reason: rule.percentage == nil ? .ruleMatch : .split)
            : error
    }

    // Cheap conditions first; the percentage last, so hashing only happens for callers
    // every other condition lets through.
    @inline(__always)
    func match(_ context: FlagContext, salt: Murmur3) -> RuleMatch {
        if let environments, !environments.contains(context.environment) { return .noMatch }
        if let userIds, !userIds.contains(context.userId) { return .noMatch }
        if let roles, !roles.contains(context.role) { return .noMatch }
        if !constraints.isEmpty {
            let outcome: RuleMatch? = constraints.withUnsafeBufferPointer { constraints in
                for index in constraints.indices {
                    switch constraints[index].holds(for: context) {
                    case nil: return .broken
                    case false?: return .noMatch
                    case true?: continue
                    }
                }
                return nil
            }
            if let outcome { return outcome }
        }
        guard let rollout else { return .match }
        switch rollout {
        case .broken:
            return .broken
        case .threshold(let threshold):
            guard let userId = context.userId else { return .noMatch }
            return Double(CompiledFlag.bucket(salt: salt, userId: userId)) < threshold ? .match : .noMatch
        }
    }

    /// "rule-0" ... "rule-99" made once.
    private static let variantNames = (0..<FlagRules.maximumRules).map { "rule-\($0)" }

    static func variantName(_ index: Int) -> String {
        index < variantNames.count ? variantNames[index] : "rule-\(index)"
    }
}

/// Membership of the caller's environment, user id or role in a rule's list: a linear
/// scan of a few strings, a hash set for long lists (user ids). Both use String's `==`
/// (canonical equivalence), so the result does not depend on which is used.
struct Membership: Sendable {
    private let list: ContiguousArray<String>
    private let set: Set<String>?

    init(_ members: [String]) {
        list = ContiguousArray(members)
        set = members.count > 16 ? Set(members) : nil
    }

    @inline(__always)
    func contains(_ value: String?) -> Bool {
        guard let value else { return false }
        if let set { return set.contains(value) }
        return list.withUnsafeBufferPointer { list in
            for index in list.indices where list[index] == value { return true }
            return false
        }
    }
}

// MARK: - Constraints

/// `{attribute, operator, values}` with the values parsed once for the operator.
final class CompiledConstraint: Sendable {
    enum Attribute: Sendable {
        case userId, role, environment
        case custom(String)
    }

    enum Operation: Sendable {
        case `in`, notIn, startsWith, endsWith, contains
        case number(Comparison)
        case semver(Comparison)
        case unknown
    }

    enum Comparison: Sendable { case lt, lte, gt, gte, eq }

    let attribute: Attribute
    let operation: Operation
    /// The values' text forms (values with none, such as null, can never be equal to one).
    let texts: ContiguousArray<String>
    let numbers: ContiguousArray<Double>
    let versions: ContiguousArray<SemanticVersion>

    init(_ constraint: FlagConstraint) {
        attribute = switch constraint.attribute {
        case "userId": .userId
        case "role": .role
        case "environment": .environment
        case let name: .custom(name)
        }
        operation = switch constraint.operator {
        case .in: .in
        case .notIn: .notIn
        case .startsWith: .startsWith
        case .endsWith: .endsWith
        case .contains: .contains
        case .lt: .number(.lt)
        case .lte: .number(.lte)
        case .gt: .number(.gt)
        case .gte: .number(.gte)
        case .eq: .number(.eq)
        case .semverLt: .semver(.lt)
        case .semverLte: .semver(.lte)
        case .semverGt: .semver(.gt)
        case .semverGte: .semver(.gte)
        case .semverEq: .semver(.eq)
        case .unknown: .unknown
        }
        texts = ContiguousArray(constraint.values.compactMap(\.comparableText))
        numbers = ContiguousArray(constraint.values.compactMap(\.comparableNumber))
        versions = ContiguousArray(constraint.values.compactMap { $0.comparableText.flatMap(SemanticVersion.init) })
    }

    /// Nil when the constraint cannot be evaluated (an unknown operator). A caller without
    /// the attribute never satisfies it.
    @inline(__always)
    func holds(for context: FlagContext) -> Bool? {
        if case .unknown = operation { return nil }
        switch attribute {
        case .userId: return context.userId.map(holds(text:)) ?? false
        case .role: return context.role.map(holds(text:)) ?? false
        case .environment: return context.environment.map(holds(text:)) ?? false
        case .custom(let name):
            guard let value = context.attributes[name] else { return false }
            switch value {
            case .string(let text): return holds(text: text)
            case .number(let number):
                switch operation {
                case .number(let comparison): return holds(number: number, comparison)
                default: return value.comparableText.map(holds(text:)) ?? false
                }
            case .bool: return value.comparableText.map(holds(text:)) ?? false
            case .null, .array, .object: return false
            }
        }
    }

    /// For an attribute whose JSON is a string, or the text form of a number or boolean.
    /// (A boolean has no number: `"true"` does not parse as one, so the same rule holds.)
    private func holds(text: String) -> Bool {
        switch operation {
        case .in: return texts.contains(text)
        case .notIn: return !texts.contains(text)
        case .startsWith: return texts.contains { text.hasPrefix($0) }
        case .endsWith: return texts.contains { text.hasSuffix($0) }
        case .contains: return texts.contains { text.contains($0) }
        case .number(let comparison):
            guard let number = Double(text) else { return false }
            return holds(number: number, comparison)
        case .semver(let comparison):
            guard let version = SemanticVersion(text) else { return false }
            return versions.withUnsafeBufferPointer { versions in
                for index in versions.indices where Self.compare(version, versions[index], comparison) { return true }
                return false
            }
        case .unknown:
            return false
        }
    }

    private func holds(number: Double, _ comparison: Comparison) -> Bool {
        numbers.withUnsafeBufferPointer { numbers in
            for index in numbers.indices where Self.compare(number, numbers[index], comparison) { return true }
            return false
        }
    }

    @inline(__always)
    private static func compare<T: Comparable>(_ a: T, _ b: T, _ comparison: Comparison) -> Bool {
        switch comparison {
        case .lt: a < b
        case .lte: a <= b
        case .gt: a > b
        case .gte: a >= b
        case .eq: a == b
        }
    }
}
