import Foundation

/// The OpenAPI 3.1 description of every route the server registers. A test compares it
/// with the router, so a route cannot ship undocumented. Features add their operations
/// and schemas in their own `OpenAPI+Feature.swift` files through `OpenAPIBuilder`.
enum OpenAPIDocument {
    static func build() -> JSONValue {
        var builder = OpenAPIBuilder()
        builder.addCommonSchemas()
        builder.addOperationsPaths()
        builder.addAuthPaths()
        builder.addUserPaths()
        builder.addAdminPaths()
        builder.addJobPaths()
        builder.addCatalogPaths()
        builder.addImagePaths()
        builder.addUploadPaths()
        builder.addNotificationPaths()
        builder.addCommercePaths()
        builder.addAPIKeyPaths()
        builder.addFlagPaths()
        return builder.document()
    }

    static let json: String = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(build())) ?? Data(), as: UTF8.self)
    }()
}

/// Collects paths and component schemas; helpers keep each operation to a few lines.
struct OpenAPIBuilder {
    private(set) var paths: [(String, [(String, JSONValue)])] = []
    private(set) var schemas: [(String, JSONValue)] = []

    mutating func schema(_ name: String, _ value: JSONValue) { schemas.append((name, value)) }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        return .object(pairs)
    }

    static func string(format: String? = nil, pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, nullable: Bool = false, description: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", nullable ? ["string", "null"] : "string")]
        if let format { pairs.append(("format", .string(format))) }
        if let pattern { pairs.append(("pattern", .string(pattern))) }
        if let minLength { pairs.append(("minLength", .int(minLength))) }
        if let maxLength { pairs.append(("maxLength", .int(maxLength))) }
        if let description { pairs.append(("description", .string(description))) }
        return .object(pairs)
    }

    static func enumeration(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map { .string($0) })]
    }

    struct Operation {
        var method: String
        var path: String
        var tag: String
        var summary: String
        var description: String? = nil
        var secured: Bool = false
        var requestSchema: String? = nil
        /// A whole `requestBody` object, for bodies that are not JSON (CSV, multipart).
        var requestBody: JSONValue? = nil
        var responses: [(String, String, JSONValue?)] = []   // (status, description, schema)
        var parameters: [JSONValue] = []
        var responseContentType: String = "application/json"
        /// Several media types for the schema'd responses (an image served as JPEG, PNG or WebP).
        var responseContentTypes: [String]? = nil
    }

    mutating func add(_ op: Operation) {
        var pairs: [(String, JSONValue)] = [
            ("tags", [.string(op.tag)]),
            ("summary", .string(op.summary)),
            ("operationId", .string(Self.operationID(method: op.method, path: op.path))),
        ]
        if let description = op.description { pairs.append(("description", .string(description))) }
        // Either scheme works: every route that takes a bearer token also takes an API key.
        if op.secured { pairs.append(("security", .array([.object([("bearerAuth", .array([]))]), .object([("apiKeyAuth", .array([]))])]))) }
        if !op.parameters.isEmpty { pairs.append(("parameters", .array(op.parameters))) }
        if let body = op.requestBody {
            pairs.append(("requestBody", body))
        } else if let request = op.requestSchema {
            pairs.append(("requestBody", [
                "required": true,
                "content": ["application/json": ["schema": Self.ref(request)]],
            ]))
        }
        let limited = Self.isRateLimited(op.path)
        // Every response of a limited route carries the RateLimit headers (when limiting is on).
        let rateLimitHeaders: [(String, JSONValue)] = limited
            ? [("RateLimit-Policy", Self.headerRef("RateLimit-Policy")), ("RateLimit", Self.headerRef("RateLimit"))] : []
        var responses: [(String, JSONValue)] = op.responses.map { status, description, schema in
            var response: [(String, JSONValue)] = [("description", .string(description))]
            if !rateLimitHeaders.isEmpty { response.append(("headers", .object(rateLimitHeaders))) }
            if let schema {
                let types = op.responseContentTypes ?? [op.responseContentType]
                response.append(("content", .object(types.map { ($0, .object([("schema", schema)])) })))
            }
            return (status, .object(response))
        }
        if limited, !op.responses.contains(where: { $0.0 == "429" }) {
            responses.append(("429", .object([
                ("description", "Past the caller's quota (rate_limited): try again after Retry-After seconds."),
                ("headers", .object(rateLimitHeaders + [("Retry-After", Self.headerRef("Retry-After"))])),
                ("content", ["application/json": ["schema": Self.ref("ErrorEnvelope")]]),
            ])))
        }
        // Every operation can fail with the contract's envelope (400, 401, 404, 405, 413, 415, 429, ...).
        var failure: [(String, JSONValue)] = [("description", "An error in the contract's envelope.")]
        if !rateLimitHeaders.isEmpty { failure.append(("headers", .object(rateLimitHeaders))) }
        failure.append(("content", ["application/json": ["schema": Self.ref("ErrorEnvelope")]]))
        responses.append(("default", .object(failure)))
        pairs.append(("responses", .object(responses)))

        if let index = paths.firstIndex(where: { $0.0 == op.path }) {
            paths[index].1.append((op.method, .object(pairs)))
        } else {
            paths.append((op.path, [(op.method, .object(pairs))]))
        }
    }

    /// Whether the rate limiter covers a path: the API under /api/v1, except this document,
    /// its HTML rendering and the payment provider's webhooks (see RateLimitMiddleware).
    static func isRateLimited(_ path: String) -> Bool {
        path.hasPrefix("/api/v1/") && !["/api/v1/openapi.json", "/api/v1/docs"].contains(path) && !path.hasPrefix("/api/v1/webhooks/")
    }

    static func headerRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/headers/\(name)")] }

    /// The RateLimit headers (IETF httpapi draft) and Retry-After, described once.
    static let rateLimitHeaderComponents: JSONValue = [
        "RateLimit-Policy": [
            "description": "The quota policies that apply: name, requests (q) per window (w, seconds). Absent when rate limiting is off.",
            "schema": ["type": "string"], "example": "\"default\";q=100;w=60",
        ],
        "RateLimit": [
            "description": "The caller's standing in each policy: requests remaining (r) and seconds until the quota is whole again (t). Absent when rate limiting is off.",
            "schema": ["type": "string"], "example": "\"default\";r=42;t=18",
        ],
        "Retry-After": [
            "description": "Seconds to wait before the request can succeed.",
            "schema": ["type": "integer", "minimum": 1],
        ],
    ]

    static func operationID(method: String, path: String) -> String {
        let words = path.split(whereSeparator: { "/{}.-".contains($0) }).map { String($0) }
        return method + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    func document() -> JSONValue {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "MarketMate API",
                "version": "1.0.0",
                "description": "The wire contract of MarketMate, a multi-vendor marketplace used from the terminal. Errors always use the envelope {error: {code, message, details, requestId}}; every response carries X-Request-Id.",
                "license": ["name": "MIT", "identifier": "MIT"],
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths.map { ($0.0, .object($0.1)) }),
            "components": [
                "schemas": .object(schemas),
                "headers": Self.rateLimitHeaderComponents,
                "securitySchemes": [
                    "bearerAuth": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"],
                    "apiKeyAuth": ["type": "apiKey", "in": "header", "name": "X-API-Key",
                                   "description": "A key from POST /api/v1/api-keys (mm_...), limited to its scopes"],
                ],
            ],
        ]
    }
}

extension OpenAPIBuilder {
    mutating func addCommonSchemas() {
        schema("ErrorDetail", Self.object([
            ("field", Self.string(nullable: true)),
            ("code", Self.string()),
            ("message", Self.string()),
        ], required: ["code", "message"]))
        schema("ErrorEnvelope", Self.object([
            ("error", Self.object([
                ("code", Self.string(description: "snake_case error code, e.g. validation_failed")),
                ("message", Self.string()),
                ("details", ["type": "array", "items": Self.ref("ErrorDetail")]),
                ("requestId", Self.string(nullable: true)),
            ], required: ["code", "message", "details"])),
        ], required: ["error"]))
        schema("Money", Self.object([
            ("amount", ["type": "integer", "format": "int64", "description": "Integer minor units (cents)."]),
            ("currency", Self.string(pattern: "^[A-Z]{3}$")),
        ], required: ["amount", "currency"]))
    }

    mutating func addOperationsPaths() {
        schema("Health", Self.object([("status", Self.string())], required: ["status"]))
        add(Operation(method: "get", path: "/healthz", tag: "operations", summary: "The process is up",
                      responses: [("200", "Up", Self.ref("Health"))]))
        add(Operation(method: "get", path: "/ready", tag: "operations", summary: "The database is reachable and migrated",
                      responses: [("200", "Ready", Self.ref("Health"))]))
        add(Operation(method: "get", path: "/metrics", tag: "operations", summary: "Prometheus metrics (text exposition format)",
                      responses: [("200", "Metrics", Self.string())], responseContentType: "text/plain"))
        add(Operation(method: "get", path: "/api/v1/openapi.json", tag: "operations", summary: "This document",
                      responses: [("200", "OpenAPI 3.1 document", ["type": "object"])]))
        add(Operation(method: "get", path: "/api/v1/docs", tag: "operations", summary: "HTML reference rendered from this document",
                      responses: [("200", "HTML", Self.string())], responseContentType: "text/html"))
    }
}
