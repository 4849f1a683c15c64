import Foundation
import Testing
@testable import MarketModels

@Suite("Flag evaluation: properties")
struct FlagPropertyTests {
    static func rollout(_ percentage: Double) -> FlagDefinition {
        FlagDefinition(type: .boolean, default: false, rules: [FlagRule(percentage: percentage, value: true)])
    }

    static let users = (0..<20_000).map { "usr_\(String($0, radix: 36))" }

    static func included(_ percentage: Double, key: String = "rollout") -> Set<String> {
        let flag = rollout(percentage)
        return Set(users.filter { flag.evaluate(key: key, context: FlagContext(userId: $0)).value == true })
    }

    @Test("raising a rollout 10 → 20 → 50 → 100 % only adds users")
    func monotonic() {
        let steps = [0.0, 10, 20, 50, 100].map { Self.included($0) }
        #expect(steps[0].isEmpty)
        #expect(steps[4].count == Self.users.count)
        for (smaller, larger) in zip(steps, steps.dropFirst()) {
            #expect(smaller.isSubset(of: larger))
        }
        // And roughly the share asked for (20,000 users: ±1.5 points is > 4 sigma).
        for (step, percentage) in zip(steps, [0.0, 10, 20, 50, 100]) {
            #expect(abs(Double(step.count) / Double(Self.users.count) * 100 - percentage) < 1.5)
        }
    }

    @Test("buckets are roughly uniform (chi-squared over 20 bins)")
    func uniform() {
        var bins = [Int](repeating: 0, count: 20)
        for user in Self.users { bins[FlagBucket.bucket(flagKey: "uniform", userId: user) / 500] += 1 }
        let expected = Double(Self.users.count) / 20
        let chiSquared = bins.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
        // 19 degrees of freedom: the 99.9th percentile is 43.8.
        #expect(chiSquared < 43.8, "bins \(bins)")
    }

    @Test("the flag key salts the bucket: two 10 % rollouts pick different users")
    func salted() {
        let a = Self.included(10, key: "flag-a"), b = Self.included(10, key: "flag-b")
        // Independent 10 % samples overlap in about 1 % of users, not 10 %.
        #expect(Double(a.intersection(b).count) / Double(Self.users.count) < 0.02)
    }

    @Test("random definitions and contexts never crash, and invalid ones give reason error or the default")
    func neverThrows() {
        var generator = SeededGenerator(seed: 7)
        let values: [FlagJSON] = [true, false, "a", "1.2.0", 3, 2.5, nil, ["x"], ["k": "v"]]
        let operators = FlagOperator.allCases + [.unknown("regex")]
        for _ in 0..<2_000 {
            let type = FlagType.allCases.randomElement(using: &generator)!
            let rules = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                FlagRule(
                    constraints: [FlagConstraint(
                        attribute: ["a", "b", "userId"].randomElement(using: &generator)!,
                        operator: operators.randomElement(using: &generator)!,
                        values: [values.randomElement(using: &generator)!]
                    )],
                    percentage: Bool.random(using: &generator) ? Double.random(in: -10...110, using: &generator) : nil,
                    value: values.randomElement(using: &generator)!
                )
            }
            let definition = FlagDefinition(type: type, default: values.randomElement(using: &generator)!, enabled: Bool.random(using: &generator), rules: rules)
            let context = FlagContext(userId: "usr_1", attributes: ["a": values.randomElement(using: &generator)!, "b": values.randomElement(using: &generator)!])
            let result = definition.evaluate(key: "fuzz", context: context)
            if result.reason == .error || result.reason == .default || result.reason == .disabled {
                #expect(result.value == definition.default)
            } else {
                #expect(type.accepts(result.value))
            }
            if FlagRules.definition(definition).isEmpty {
                #expect(result.reason != .error, "a definition that validates never evaluates to an error")
            }
        }
    }
}
