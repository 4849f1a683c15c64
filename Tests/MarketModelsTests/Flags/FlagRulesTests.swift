import Foundation
import Testing
@testable import MarketModels

@Suite("Flag definitions: validation, semver, wire shape")
struct FlagRulesTests {
    @Test("valid keys", arguments: ["new-checkout", "catalog.layout", "a", "v2_search", String(repeating: "k", count: 64)])
    func validKeys(key: String) {
        #expect(FlagRules.key(key).isEmpty)
    }

    @Test("invalid keys", arguments: [("", "required"), ("New", "invalid_format"), ("-x", "invalid_format"), ("a b", "invalid_format"), (String(repeating: "k", count: 65), "too_long")])
    func invalidKeys(key: String, code: String) {
        #expect(FlagRules.key(key).first?.code == code)
        #expect(FlagRules.key(key).first?.field == "key")
    }

    @Test("every problem is reported with its field")
    func definitionProblems() throws {
        let definition = try decodeJSON(FlagDefinition.self, """
        {"type": "number", "default": "x", "enabled": true, "rules": [
          {"value": true, "percentage": 101},
          {"constraints": [{"attribute": "", "operator": "matches", "values": ["a"]}], "value": 1},
          {"constraints": [{"attribute": "v", "operator": "semver-gt", "values": ["one"]}, {"attribute": "n", "operator": "lt", "values": ["ten"]}, {"attribute": "s", "operator": "in", "values": []}], "value": 2}
        ]}
        """)
        let fields = FlagRules.definition(definition).map(\.field)
        #expect(fields == [
            "default", "rules[0].value", "rules[0].percentage",
            "rules[1].constraints[0].attribute", "rules[1].constraints[0].operator",
            "rules[2].constraints[0].values[0]", "rules[2].constraints[1].values[0]", "rules[2].constraints[2].values",
        ])
    }

    @Test("a definition with every operator validates")
    func allOperators() {
        let constraints = FlagOperator.allCases.map { op in
            FlagConstraint(attribute: "a", operator: op, values: [op.isSemver ? "1.0.0" : op.isNumeric ? 1 : "x"])
        }
        let definition = FlagDefinition(type: .json, default: ["a": [1, 2]], rules: [FlagRule(constraints: constraints, percentage: 12.5, value: nil)])
        #expect(FlagRules.definition(definition).isEmpty)
    }

    @Test("the wire shape of API.md, with enabled and rules optional")
    func wireShape() throws {
        let minimal = try decodeJSON(FlagDefinition.self, #"{"type": "boolean", "default": true}"#)
        #expect(minimal == FlagDefinition(type: .boolean, default: true, enabled: true, rules: []))
        let rule = FlagRule(environments: ["prod"], userIds: ["usr_1"], roles: ["admin"], constraints: [FlagConstraint(attribute: "c", operator: .notIn, values: ["US"])], percentage: 5, value: false)
        let json = try sortedJSONString(FlagDefinition(type: .boolean, default: true, rules: [rule]))
        #expect(json == #"{"default":true,"enabled":true,"rules":[{"constraints":[{"attribute":"c","operator":"not-in","values":["US"]}],"environments":["prod"],"percentage":5,"roles":["admin"],"userIds":["usr_1"],"value":false}],"type":"boolean"}"#)
        let record = try sortedJSONString(FlagRecord(key: "k", source: "file", definition: minimal))
        #expect(record == #"{"default":true,"enabled":true,"key":"k","rules":[],"source":"file","type":"boolean"}"#)
        #expect(try decodeJSON(FlagRecord.self, record).definition == minimal)
        let result = try sortedJSONString(FlagResult(value: 42, variant: "rule-0", reason: .ruleMatch))
        #expect(result == #"{"reason":"rule_match","value":42,"variant":"rule-0"}"#)
    }

    @Test("semver precedence per semver.org §11")
    func semverOrder() throws {
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1", "v2", "10.0.0"]
        let versions = try ordered.map { try #require(SemanticVersion($0), "\($0)") }
        for (a, b) in zip(versions, versions.dropFirst()) { #expect(a < b, "\(a) < \(b)") }
        #expect(SemanticVersion("1.2.3+build.5") == SemanticVersion("1.2.3"))
        #expect(SemanticVersion("1.2") == SemanticVersion(major: 1, minor: 2))
        for bad in ["", "1.2.3.4", "a.b.c", "1..2", "1.2.3-", "1.2.3-a..b", "-1.0.0", "1.0.0-ü"] {
            #expect(SemanticVersion(bad) == nil, "\(bad)")
        }
    }
}
