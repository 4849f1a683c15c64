import Foundation
import MarketModels

// The feature flag benchmark (scripts/bench-flags runs it): nanoseconds per evaluation of
// a flag with five rules (environments, user ids, roles, an `in` constraint, a semver
// constraint with a 50 % rollout), in process, as the server and the terminal apps run it.
// Target: <= 1 µs (LaunchDarkly's Go SDK is about 1 µs). Cases:
//   last-rule    callers pass the first four rules and reach the rollout: every rule is
//                tried, a semver comparison and a murmur3 hash on every call (worst case)
//   first-rule   the environment rule matches at once (best case)
//   no-match     no rule matches; the rollout's hash is never reached
//   all-flags    GET /flags's work: twelve flags evaluated into a dictionary, per flag
// The flags are compiled once (`CompiledFlag`, `CompiledFlagSet`), as the server's registry
// compiles them when definitions load; `compile` is that one-off cost for the five-rule flag.

let usage = """
    Usage: marketmate-flags-bench [--iterations N] [--rounds N]

    Prints ns per evaluation (median of --rounds rounds, default 7, of --iterations
    evaluations each, default 1000000) for a five-rule flag; target <= 1000 ns.
    """

var iterations = 1_000_000
var rounds = 7
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--iterations": iterations = arguments.popFirst().flatMap(Int.init) ?? iterations
    case "--rounds": rounds = arguments.popFirst().flatMap(Int.init) ?? rounds
    case "-h", "--help": print(usage); exit(0)
    default: FileHandle.standardError.write(Data("unknown argument \(argument)\n\(usage)\n".utf8)); exit(2)
    }
}

let fiveRules = FlagDefinition(type: .string, default: "list", rules: [
    FlagRule(environments: ["staging"], value: "grid"),
    FlagRule(userIds: ["usr_alice", "usr_bob", "usr_carol"], value: "grid"),
    FlagRule(roles: ["admin"], value: "compact"),
    FlagRule(constraints: [FlagConstraint(attribute: "country", operator: .in, values: ["DE", "AT", "CH"])], value: "grid-eu"),
    FlagRule(constraints: [FlagConstraint(attribute: "appVersion", operator: .semverGte, values: ["2.0.0"])], percentage: 50, value: "grid-v2"),
])

// 1,024 distinct callers, so the hash sees varied ids and the branch predictor no pattern.
let callers = (0..<1024).map { index in
    FlagContext(userId: "usr_01JD\(String(index * 7919, radix: 36))", role: "buyer", environment: "production",
                attributes: ["country": "FR", "appVersion": .string("2.\(index % 5).0"), "email": .string("user\(index)@example.com")])
}
let firstRuleCallers = callers.map { var c = $0; c.environment = "staging"; return c }
let noMatchCallers = callers.map { var c = $0; c.attributes["appVersion"] = "1.9.0"; return c }

var definitions: [String: FlagDefinition] = [:]
for index in 0..<12 { definitions["flag-\(index)"] = index % 3 == 0 ? fiveRules : FlagDefinition(type: .boolean, default: false, rules: [FlagRule(percentage: Double(index * 8), value: true)]) }
let flagSet = CompiledFlagSet(definitions)
let compiled = CompiledFlag(key: "catalog-layout", definition: fiveRules)

/// Median ns per evaluation over the rounds; the body gets a caller index 0..<1024 and
/// returns something derived from the result, summed into `sink` so no work is dropped.
@MainActor func measure(_ name: String, perCall divisor: Int = 1, _ body: (Int) -> Int) -> Double {
    var sink = 0
    var samples: [Double] = []
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        for index in 0..<iterations { sink &+= body(index & 1023) }
        let elapsed = ContinuousClock.now - start
        let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        samples.append(ns / Double(iterations * divisor))
    }
    let median = samples.sorted()[samples.count / 2]
    print(String(format: "%-11@ %8.1f ns/evaluation   (min %.1f, max %.1f; sink %d)", name as NSString, median, samples.min()!, samples.max()!, sink & 1))
    return median
}

print("Flag evaluation, five rules: \(rounds) rounds of \(iterations) evaluations, median")
let worst = measure("last-rule") { compiled.evaluate(callers[$0]).variant.utf8.count }
_ = measure("first-rule") { compiled.evaluate(firstRuleCallers[$0]).variant.utf8.count }
_ = measure("no-match") { compiled.evaluate(noMatchCallers[$0]).variant.utf8.count }
let savedIterations = iterations
iterations = max(1, iterations / 12)
_ = measure("all-flags", perCall: 12) { flagSet.evaluateAll(context: callers[$0]).flags.count }
iterations = max(1, savedIterations / 10)
_ = measure("compile") { index in CompiledFlag(key: index & 1 == 0 ? "catalog-layout" : "layout", definition: fiveRules).key.utf8.count }
iterations = savedIterations
print(worst <= 1000 ? "PASS: \(String(format: "%.0f", worst)) ns <= 1000 ns with five rules" : "MISS: \(String(format: "%.0f", worst)) ns > 1000 ns with five rules")
