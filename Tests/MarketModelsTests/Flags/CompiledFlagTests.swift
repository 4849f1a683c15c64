import Foundation
import Testing
@testable import MarketModels

/// The compiled evaluator (`CompiledFlag`) against a direct reading of the rules: the
/// evaluator as it was before definitions were compiled, kept here as the reference.
@Suite("Flag evaluation: compiled flags against the reference reading")
struct CompiledFlagTests {
    @Test("random definitions and contexts give the same result, field for field")
    func matchesReference() {
        var generator = SeededGenerator(seed: 11)
        let values: [FlagJSON] = [true, false, "a", "ab", "", "b", "1.2.0", "v2.0.0-rc.1", "2", 3, 2.5, -1, "nan", "1e3", nil, ["x"], ["k": "v"]]
        let names = ["a", "b", "userId", "role", "environment", "missing"]
        let operators = FlagOperator.allCases + [.unknown("regex")]
        let strings = ["", "a", "b", "usr_1", "usr_2", "admin", "buyer", "prod", "staging"]
        func list(_ generator: inout SeededGenerator) -> [String]? {
            Int.random(in: 0..<3, using: &generator) == 0 ? nil
                : (0..<Int.random(in: 0...3, using: &generator)).map { _ in strings.randomElement(using: &generator)! }
        }
        var compared = 0
        for _ in 0..<3_000 {
            let type = FlagType.allCases.randomElement(using: &generator)!
            let rules = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                FlagRule(
                    environments: list(&generator), userIds: list(&generator), roles: list(&generator),
                    constraints: Bool.random(using: &generator) ? nil : (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                        FlagConstraint(
                            attribute: names.randomElement(using: &generator)!,
                            operator: operators.randomElement(using: &generator)!,
                            values: (0..<Int.random(in: 0...3, using: &generator)).map { _ in values.randomElement(using: &generator)! })
                    },
                    percentage: Bool.random(using: &generator) ? [-1, 0, 12.5, 50, 99.99, 100, 101, .nan].randomElement(using: &generator)! : nil,
                    value: values.randomElement(using: &generator)!,
                    variant: Bool.random(using: &generator) ? nil : "v")
            }
            let definition = FlagDefinition(
                type: type, default: values.randomElement(using: &generator)!, enabled: Int.random(in: 0..<5, using: &generator) > 0, rules: rules)
            let compiled = CompiledFlag(key: "fuzz-\(Int.random(in: 0..<3, using: &generator))", definition: definition)
            for _ in 0..<8 {
                var attributes: [String: FlagJSON] = [:]
                for name in names where Bool.random(using: &generator) { attributes[name] = values.randomElement(using: &generator)! }
                let context = FlagContext(
                    userId: Bool.random(using: &generator) ? strings.randomElement(using: &generator)! : nil,
                    role: Bool.random(using: &generator) ? strings.randomElement(using: &generator)! : nil,
                    environment: Bool.random(using: &generator) ? strings.randomElement(using: &generator)! : nil,
                    attributes: attributes)
                let expected = ReferenceEvaluator.evaluate(definition, key: compiled.key, context: context)
                #expect(compiled.evaluate(context) == expected, "\(definition) \(context)")
                #expect(definition.evaluate(key: compiled.key, context: context) == expected)
                compared += 1
            }
        }
        #expect(compared == 24_000)
    }

    @Test("long membership lists (a hash set) and short ones (a scan) agree")
    func longLists() {
        let members = (0..<100).map { "usr_\($0)" }
        let long = CompiledFlag(key: "k", definition: FlagDefinition(type: .boolean, default: false, rules: [FlagRule(userIds: members, value: true)]))
        for index in [0, 17, 99, 100, 1000] {
            let context = FlagContext(userId: "usr_\(index)")
            #expect(long.evaluate(context).value == .bool(index < 100))
            #expect(long.evaluate(context) == ReferenceEvaluator.evaluate(long.definition, key: "k", context: context))
        }
        // Canonically equivalent spellings are the same member, in a set as in a scan.
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let set = CompiledFlag(key: "k", definition: FlagDefinition(type: .boolean, default: false, rules: [FlagRule(roles: members + [composed], value: true)]))
        #expect(set.evaluate(FlagContext(role: decomposed)).value == true)
    }

    @Test("the bucket from the compiled salt is FlagBucket's")
    func bucket() {
        let flag = CompiledFlag(key: "new-checkout", definition: FlagDefinition(type: .boolean, default: false))
        for user in ["", "a", "usr_1", "usr_01JD3K", "ünïcode-user", String(repeating: "x", count: 37)] {
            #expect(flag.bucket(userId: user) == FlagBucket.bucket(flagKey: "new-checkout", userId: user))
        }
    }

    @Test("a compiled set evaluates every flag, as the dictionary does")
    func set() throws {
        let table = try FlagCaseTable.load(from: flagCaseTableURL)
        let compiled = CompiledFlagSet(table.flags)
        #expect(compiled.count == table.flags.count)
        for user in ["usr_alice", "usr_carol", "usr_x"] {
            let context = FlagContext(userId: user, role: "buyer", environment: "production", attributes: ["country": "DE"])
            #expect(compiled.evaluateAll(context: context) == table.flags.evaluateAll(context: context))
            #expect(compiled.evaluateAll(context: context).flags.count == table.flags.count)
        }
        #expect(CompiledFlagSet.empty.evaluateAll(context: FlagContext()).flags.isEmpty)
    }
}

/// The evaluator before compilation, read straight off the definition (values parsed on
/// every call): the specification the compiled form must agree with.
enum ReferenceEvaluator {
    enum Match { case noMatch, broken, match(inRollout: Bool) }

    static func evaluate(_ definition: FlagDefinition, key: String, context: FlagContext) -> FlagResult {
        let type = definition.type, fallback = definition.default
        guard type.accepts(fallback) else { return FlagResult(value: fallback, variant: "default", reason: .error) }
        guard definition.enabled else { return FlagResult(value: fallback, variant: "disabled", reason: .disabled) }
        for (index, rule) in definition.rules.enumerated() {
            switch match(rule, key: key, context: context) {
            case .noMatch:
                continue
            case .broken:
                return FlagResult(value: fallback, variant: "default", reason: .error)
            case .match(let inRollout):
                guard type.accepts(rule.value) else { return FlagResult(value: fallback, variant: "default", reason: .error) }
                return FlagResult(value: rule.value, variant: rule.variant ?? "rule-\(index)", reason: inRollout ? .split : .ruleMatch)
            }
        }
        return FlagResult(value: fallback, variant: "default", reason: .default)
    }

    static func match(_ rule: FlagRule, key: String, context: FlagContext) -> Match {
        if let environments = rule.environments, !(context.environment.map(environments.contains) ?? false) { return .noMatch }
        if let userIds = rule.userIds, !(context.userId.map(userIds.contains) ?? false) { return .noMatch }
        if let roles = rule.roles, !(context.role.map(roles.contains) ?? false) { return .noMatch }
        for constraint in rule.constraints ?? [] {
            switch holds(constraint, for: context) {
            case nil: return .broken
            case false?: return .noMatch
            case true?: continue
            }
        }
        guard let percentage = rule.percentage else { return .match(inRollout: false) }
        guard (0...100).contains(percentage) else { return .broken }
        guard let userId = context.userId else { return .noMatch }
        let bucket = FlagBucket.bucket(flagKey: key, userId: userId)
        return FlagBucket.isIncluded(bucket: bucket, percentage: percentage) ? .match(inRollout: true) : .noMatch
    }

    static func holds(_ constraint: FlagConstraint, for context: FlagContext) -> Bool? {
        let op = constraint.operator
        guard op.isKnown else { return nil }
        guard let attribute = context.attribute(constraint.attribute) else { return false }
        let texts = constraint.values.map(\.comparableText)
        switch op {
        case .in, .notIn, .startsWith, .endsWith, .contains:
            guard let text = attribute.comparableText else { return false }
            switch op {
            case .in: return texts.contains(text)
            case .notIn: return !texts.contains(text)
            case .startsWith: return texts.contains { $0.map(text.hasPrefix) ?? false }
            case .endsWith: return texts.contains { $0.map(text.hasSuffix) ?? false }
            default: return texts.contains { $0.map(text.contains) ?? false }
            }
        case .lt, .lte, .gt, .gte, .eq:
            guard let number = attribute.comparableNumber else { return false }
            return constraint.values.contains { value in
                guard let value = value.comparableNumber else { return false }
                return compare(number, value, op)
            }
        case .semverLt, .semverLte, .semverGt, .semverGte, .semverEq:
            guard let version = attribute.comparableText.flatMap(SemanticVersion.init) else { return false }
            return constraint.values.contains { value in
                guard let value = value.comparableText.flatMap(SemanticVersion.init) else { return false }
                return compare(version, value, op)
            }
        case .unknown:
            return nil
        }
    }

    static func compare<T: Comparable>(_ a: T, _ b: T, _ op: FlagOperator) -> Bool {
        switch op {
        case .lt, .semverLt: a < b
        case .lte, .semverLte: a <= b
        case .gt, .semverGt: a > b
        case .gte, .semverGte: a >= b
        default: a == b
        }
    }
}
