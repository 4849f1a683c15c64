import Foundation
import MarketModels

extension OpenAPIBuilder {
    mutating func addFlagPaths() {
        let tag = "flags"
        let anyValue: JSONValue = ["description": "A JSON value of the flag's type"]
        let keyParameter: JSONValue = ["name": "key", "in": "path", "required": true, "schema": Self.string(pattern: "^[a-z0-9][a-z0-9._-]{0,63}$")]
        let strings: JSONValue = ["type": "array", "items": ["type": "string"]]
        schema("FlagConstraint", Self.object([
            ("attribute", Self.string(minLength: 1)),
            ("operator", Self.enumeration(FlagOperator.allCases.map(\.rawValue))),
            ("values", ["type": "array", "items": ["type": ["string", "number", "boolean"]], "minItems": 1]),
        ], required: ["attribute", "operator", "values"]))
        schema("FlagRule", Self.object([
            ("environments", strings), ("userIds", strings), ("roles", strings),
            ("constraints", ["type": "array", "items": Self.ref("FlagConstraint")]),
            ("percentage", ["type": "number", "minimum": 0, "maximum": 100]),
            ("value", anyValue),
            ("variant", Self.string(description: "Reported as the result's variant; rule-<index> when absent")),
        ], required: ["value"]))
        let definition: [(String, JSONValue)] = [
            ("type", Self.enumeration(FlagType.allCases.map(\.rawValue))),
            ("default", anyValue),
            ("enabled", ["type": "boolean", "default": true]),
            ("rules", ["type": "array", "items": Self.ref("FlagRule")]),
        ]
        schema("FlagDefinition", Self.object(definition, required: ["type", "default"]))
        schema("FlagRecord", Self.object(
            [("key", Self.string()), ("source", Self.enumeration(["file", "database"]))] + definition,
            required: ["key", "source", "type", "default", "enabled", "rules"]))
        schema("FlagRecordList", Self.object([("flags", ["type": "array", "items": Self.ref("FlagRecord")])], required: ["flags"]))
        schema("FlagResult", Self.object([
            ("value", anyValue), ("variant", Self.string()),
            ("reason", Self.enumeration(FlagReason.allCases.map(\.rawValue))),
        ], required: ["value", "variant", "reason"]))
        schema("EvaluatedFlags", Self.object(
            [("flags", ["type": "object", "additionalProperties": Self.ref("FlagResult")])], required: ["flags"]))
        schema("FlagEvaluationRequest", Self.object([("context", Self.object([
            ("userId", Self.string()), ("role", Self.string()), ("environment", Self.string()),
            ("attributes", ["type": "object"]),
        ]))], required: ["context"]))

        add(Operation(method: "get", path: "/api/v1/flags", tag: tag, summary: "Every flag evaluated for the caller",
                      description: "Anonymous callers too (no userId: outside every percentage rollout). Query parameters are string attributes for constraints (?appVersion=2.1.0); userId, role and environment come from the token and the server.",
                      responses: [("200", "The evaluated flags", Self.ref("EvaluatedFlags"))]))
        add(Operation(method: "get", path: "/api/v1/admin/flags", tag: tag, summary: "Flag definitions in force (admins only)",
                      description: "From the flags file and the database; on the same key the database wins.", secured: true,
                      responses: [("200", "The definitions, sorted by key", Self.ref("FlagRecordList"))]))
        add(Operation(method: "put", path: "/api/v1/admin/flags/{key}", tag: tag, summary: "Create or replace a flag's database definition (admins only)",
                      description: "Applies at once, without a restart, and is published on the event bus. Rule values must have the flag's type; percentages are 0-100.",
                      secured: true, requestSchema: "FlagDefinition",
                      responses: [("200", "The stored flag", Self.ref("FlagRecord")), ("400", "Invalid definition", nil)], parameters: [keyParameter]))
        add(Operation(method: "delete", path: "/api/v1/admin/flags/{key}", tag: tag, summary: "Delete a flag's database definition (admins only)",
                      description: "The flags file's definition of the key, if any, applies again.", secured: true,
                      responses: [("204", "Deleted", nil), ("404", "No database definition", nil)], parameters: [keyParameter]))
        add(Operation(method: "post", path: "/api/v1/admin/flags/{key}/evaluate", tag: tag, summary: "Evaluate a flag for a given context (admins only)",
                      description: "environment defaults to the server's.", secured: true, requestSchema: "FlagEvaluationRequest",
                      responses: [("200", "The result", Self.ref("FlagResult")), ("404", "No such flag", nil)], parameters: [keyParameter]))
    }
}
